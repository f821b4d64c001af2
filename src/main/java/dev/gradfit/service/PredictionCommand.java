package dev.gradfit.service;

import dev.gradfit.design.table.Table;
import java.util.List;
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
 * @param offsets for a log-link model, one offset per point added to its score; {@code null} for none
 * @param columnNames the names of the columns of {@code points} when the rows came as objects keyed by
 *     feature name, in the order of {@code points}; {@code null} for rows that came as arrays
 * @param table raw rows for a model with a design, to which it applies it; {@code null} when the points are given
 *     as numbers (then {@code points} holds them)
 */
public record PredictionCommand(
        UUID modelId,
        double[] points,
        int rows,
        int features,
        Double threshold,
        double[] offsets,
        List<String> columnNames,
        Table table) {

    /** Points in the order of the model's features, without offsets. */
    public PredictionCommand(UUID modelId, double[] points, int rows, int features, Double threshold) {
        this(modelId, points, rows, features, threshold, null, null, null);
    }

    /** Points given as numbers. */
    public PredictionCommand(
            UUID modelId,
            double[] points,
            int rows,
            int features,
            Double threshold,
            double[] offsets,
            List<String> columnNames) {
        this(modelId, points, rows, features, threshold, offsets, columnNames, null);
    }

    /** Raw rows, for a model with a design. */
    public static PredictionCommand ofRows(UUID modelId, Table table, Double threshold, double[] offsets) {
        return new PredictionCommand(modelId, null, table.rows(), 0, threshold, offsets, null, table);
    }
}
