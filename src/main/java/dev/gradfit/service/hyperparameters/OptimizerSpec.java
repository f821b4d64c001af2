package dev.gradfit.service.hyperparameters;

/**
 * An update rule by name, with its settings; a setting left {@code null} takes the rule's default, and one the
 * rule does not take is refused.
 *
 * @param type the rule; {@code null} for the default, {@link Type#GD}
 * @param momentum {@link Type#MOMENTUM} and {@link Type#NESTEROV}: the fraction of the previous step kept
 * @param rho {@link Type#RMSPROP}: decay of the running mean of squared gradients
 * @param beta1 {@link Type#ADAM}: decay of the first moment
 * @param beta2 {@link Type#ADAM}: decay of the second moment
 * @param epsilon {@link Type#ADAGRAD}, {@link Type#RMSPROP} and {@link Type#ADAM}: keeps the denominator from zero
 * @param memory {@link Type#LBFGS}: the number of correction pairs kept
 */
public record OptimizerSpec(
        Type type, Double momentum, Double rho, Double beta1, Double beta2, Double epsilon, Integer memory) {

    /** A rule without a memory: every one but {@link Type#LBFGS}. */
    public OptimizerSpec(Type type, Double momentum, Double rho, Double beta1, Double beta2, Double epsilon) {
        this(type, momentum, rho, beta1, beta2, epsilon, null);
    }

    /** The update rules. */
    public enum Type {
        GD,
        MOMENTUM,
        NESTEROV,
        ADAGRAD,
        RMSPROP,
        ADAM,
        LBFGS
    }
}
