package dev.gradfit.service.hyperparameters;

/**
 * A loss by name, with its settings.
 *
 * @param type the loss; {@code null} for the default, {@link Type#SQUARED}
 * @param delta {@link Type#HUBER} only: where the loss turns from quadratic to linear; {@code null} for the default
 * @param power {@link Type#TWEEDIE} only: the variance power, 0, 1, 2 or strictly between 1 and 2; {@code null}
 *     for the default, 1.5
 */
public record LossSpec(Type type, Double delta, Double power) {

    /** A loss without a power. */
    public LossSpec(Type type, Double delta) {
        this(type, delta, null);
    }

    /** The losses a fit may minimise. */
    public enum Type {
        SQUARED,
        HUBER,
        ABSOLUTE,
        LOGISTIC,
        POISSON,
        GAMMA,
        TWEEDIE
    }
}
