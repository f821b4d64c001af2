package dev.gradfit.fitting;

import java.util.Objects;

/**
 * The settings of one fit, validated on construction.
 *
 * @param learningRate the step size, finite and positive; the tutorial uses {@value #DEFAULT_LEARNING_RATE}
 * @param epochs the number of full passes over the data, at least 1; the tutorial uses
 *     {@value #DEFAULT_EPOCHS}
 * @param initialWeights where descent starts; {@code null} means all zeros, as in the tutorial
 */
public record Hyperparameters(double learningRate, int epochs, Weights initialWeights) {

    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final int DEFAULT_EPOCHS = 1000;

    public Hyperparameters {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and positive, was " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        }
    }

    /** The tutorial's settings: learning rate 0.001, 1000 epochs, starting from zero. */
    public static Hyperparameters defaults() {
        return new Hyperparameters(DEFAULT_LEARNING_RATE, DEFAULT_EPOCHS, null);
    }

    /** The starting weights for data with {@code features} columns. */
    public Weights startFor(int features) {
        if (initialWeights == null) {
            return Weights.zeros(features);
        }
        if (initialWeights.features() != features) {
            throw new IllegalArgumentException("initialWeights has " + initialWeights.features()
                    + " coefficients but the data has " + features + " features");
        }
        return initialWeights;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hyperparameters h
                && Double.compare(learningRate, h.learningRate) == 0
                && epochs == h.epochs
                && Objects.equals(initialWeights, h.initialWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, epochs, initialWeights);
    }
}
