package dev.gradfit.fitting.loss;

/**
 * A pointwise loss {@code ℓ(prediction, target)}; the cost of a fit is its (sample-weighted) mean over
 * the rows, see {@link dev.gradfit.fitting.objective.MeanLossObjective}.
 *
 * <p>Implementations are stateless and thread-safe. Known implementations: {@link SquaredLoss} (the
 * tutorial's), {@link HuberLoss}, {@link AbsoluteLoss}, {@link LogisticLoss}, and the log-link family
 * {@link LogLinkLoss}: {@link PoissonLoss}, {@link GammaLoss}, {@link TweedieLoss}.
 */
public interface Loss {

    /** The loss of one prediction. */
    double value(double prediction, double target);

    /** {@code ∂ℓ/∂prediction}: the derivative of the loss, not its negative (a subgradient where it has none). */
    double derivative(double prediction, double target);

    /** Whether {@code target} is a value this loss is defined for; every finite number unless overridden. */
    default boolean acceptsTarget(double target) {
        return true;
    }
}
