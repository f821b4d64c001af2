package dev.gradfit.service;

import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.model.Classes;
import java.util.UUID;

/**
 * What a model answered.
 *
 * @param modelId the model
 * @param values one score or mean per point, one probability per point when {@code probabilities}, or for a
 *     softmax model {@code perPoint} probabilities per point, row-major
 * @param probabilities whether the model is a classifier and {@code values} are probabilities
 * @param threshold the labelling threshold of a logistic model (0.5 unless asked otherwise)
 * @param classes what a classifier's class indices stand for; {@code null} for scores
 * @param perPoint the values per point: the number of classes for a softmax model, else 1
 */
public record Prediction(
        UUID modelId, double[] values, boolean probabilities, double threshold, Classes classes, int perPoint) {

    public Prediction {
        if (probabilities && classes == null) {
            classes = Classes.ZERO_ONE;
        }
        if (perPoint < 1 || values.length % perPoint != 0) {
            throw new IllegalArgumentException(values.length + " values are not points of " + perPoint);
        }
    }

    /** An answer of one value per point. */
    public Prediction(UUID modelId, double[] values, boolean probabilities, double threshold, Classes classes) {
        this(modelId, values, probabilities, threshold, classes, 1);
    }

    /** An answer whose labels, if any, are 0 and 1. */
    public Prediction(UUID modelId, double[] values, boolean probabilities, double threshold) {
        this(modelId, values, probabilities, threshold, null);
    }

    /** The number of points answered. */
    public int points() {
        return values.length / perPoint;
    }

    /** The threshold a logistic model labels with unless a request asks for another. */
    public static final double DEFAULT_THRESHOLD = LogisticLoss.DEFAULT_THRESHOLD;

    /**
     * The class index of point {@code i}: of a logistic model's answer by {@link LogisticLoss#label}, of a softmax
     * model's the most probable class (the first of equals, as numpy's argmax).
     */
    public int label(int i) {
        if (!probabilities) {
            throw new IllegalStateException("a model that answers scores has no labels");
        }
        if (perPoint == 1) {
            return LogisticLoss.label(values[i], threshold);
        }
        int best = 0;
        for (int k = 1, base = i * perPoint; k < perPoint; k++) {
            if (values[base + k] > values[base + best]) {
                best = k;
            }
        }
        return best;
    }

    /** The label of point {@code i} as the model's classes name it: a String, or a number as JSON writes it. */
    public Object className(int i) {
        return classes.label(label(i));
    }
}
