package dev.gradfit.api.request;

/**
 * The {@code x} of a request: either an array of numbers (one feature per point) or an array of rows
 * (several features per point), held row-major in one primitive array.
 *
 * @param values {@code rows × columns} finite numbers, row-major
 * @param rows the number of points
 * @param columns the number of features per point
 * @see dev.gradfit.api.ApiDocs#featureMatrixSchema()
 */
public record FeatureMatrix(double[] values, int rows, int columns) {}
