package dev.gradfit.service;

import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.model.Classes;
import java.util.UUID;

/**
 * What a model answered.
 *
 * @param modelId the model
 * @param values one score per point, or one probability per point when {@code probabilities}
 * @param probabilities whether the model is logistic and {@code values} are probabilities
 * @param threshold the labelling threshold of a logistic model (0.5 unless asked otherwise)
 * @param classes what a logistic model's labels 0 and 1 stand for; {@code null} for scores
 */
public record Prediction(UUID modelId, double[] values, boolean probabilities, double threshold, Classes classes) {

    public Prediction {
        if (probabilities && classes == null) {
            classes = Classes.ZERO_ONE;
        }
    }

    /** An answer whose labels, if any, are 0 and 1. */
    public Prediction(UUID modelId, double[] values, boolean probabilities, double threshold) {
        this(modelId, values, probabilities, threshold, null);
    }

    /** The threshold a logistic model labels with unless a request asks for another. */
    public static final double DEFAULT_THRESHOLD = LogisticLoss.DEFAULT_THRESHOLD;

    /** The class index of point {@code i} of a logistic model's answer, by {@link LogisticLoss#label}. */
    public int label(int i) {
        if (!probabilities) {
            throw new IllegalStateException("a model that answers scores has no labels");
        }
        return LogisticLoss.label(values[i], threshold);
    }

    /** The label of point {@code i} as the model's classes name it: a String, or a number as JSON writes it. */
    public Object className(int i) {
        return classes.label(label(i));
    }
}
