package dev.gradfit.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The {@code x} of a request: either an array of numbers (one feature per point) or an array of rows
 * (several features per point), held row-major in one primitive array.
 *
 * @param values {@code rows × columns} finite numbers, row-major
 * @param rows the number of points
 * @param columns the number of features per point
 */
@Schema(
        description = "An array of numbers (one feature) or an array of equally long rows of numbers"
                + " (several features).",
        oneOf = {double[].class, double[][].class},
        example = "[1, 2, 3, 4, 5]")
public record FeatureMatrix(double[] values, int rows, int columns) {}
