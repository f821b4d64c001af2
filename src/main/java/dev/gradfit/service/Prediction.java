package dev.gradfit.service;

import dev.gradfit.fitting.loss.LogisticLoss;
import java.util.UUID;

/**
 * What a model answered.
 *
 * @param modelId the model
 * @param values one score per point, or one probability per point when {@code probabilities}
 * @param probabilities whether the model is logistic and {@code values} are probabilities
 * @param threshold the labelling threshold of a logistic model (0.5 unless asked otherwise)
 */
public record Prediction(UUID modelId, double[] values, boolean probabilities, double threshold) {

    /** The threshold a logistic model labels with unless a request asks for another. */
    public static final double DEFAULT_THRESHOLD = LogisticLoss.DEFAULT_THRESHOLD;

    /** The label of point {@code i} of a logistic model's answer, by {@link LogisticLoss#label}. */
    public int label(int i) {
        if (!probabilities) {
            throw new IllegalStateException("a model that answers scores has no labels");
        }
        return LogisticLoss.label(values[i], threshold);
    }
}
