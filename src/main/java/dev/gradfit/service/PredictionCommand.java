package dev.gradfit.service;

import java.util.UUID;

/**
 * Points to predict with a kept model.
 *
 * @param modelId the model
 * @param points {@code rows × features} values, row-major
 * @param rows the number of points
 * @param features the number of features per point
 * @param threshold for a logistic model, the probability from which a point is labelled 1; {@code null}
 *     for the default
 */
public record PredictionCommand(UUID modelId, double[] points, int rows, int features, Double threshold) {}
