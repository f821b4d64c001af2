package dev.gradfit.service.hyperparameters;

/**
 * A loss by name, with its settings.
 *
 * @param type the loss; {@code null} for the default, {@link Type#SQUARED}
 * @param delta {@link Type#HUBER} only: where the loss turns from quadratic to linear; {@code null} for the default
 */
public record LossSpec(Type type, Double delta) {

    /** The losses a fit may minimise. */
    public enum Type {
        SQUARED,
        HUBER,
        ABSOLUTE,
        LOGISTIC
    }
}
