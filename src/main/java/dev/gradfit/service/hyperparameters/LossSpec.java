package dev.gradfit.service.hyperparameters;

/**
 * A loss by name, with its settings.
 *
 * @param type the loss; {@code null} for the default, {@link Type#SQUARED}
 * @param delta {@link Type#HUBER} only: where the loss turns from quadratic to linear; {@code null} for the default
 * @param power {@link Type#TWEEDIE} only: the variance power, 0, 1, 2 or strictly between 1 and 2; {@code null}
 *     for the default, 1.5
 * @param classes {@link Type#SOFTMAX} only: the number of classes, which the data decide (the classes y holds, or
 *     the model's that a fit continues); {@code null} otherwise
 */
public record LossSpec(Type type, Double delta, Double power, Integer classes) {

    /** A loss without a power. */
    public LossSpec(Type type, Double delta) {
        this(type, delta, null, null);
    }

    /** A loss without a number of classes. */
    public LossSpec(Type type, Double delta, Double power) {
        this(type, delta, power, null);
    }

    /** This loss over {@code classes} classes. */
    public LossSpec withClasses(int classes) {
        return new LossSpec(type, delta, power, classes);
    }

    /** The losses a fit may minimise. */
    public enum Type {
        SQUARED,
        HUBER,
        ABSOLUTE,
        LOGISTIC,
        SOFTMAX,
        POISSON,
        GAMMA,
        TWEEDIE
    }
}
