package dev.gradfit.fitting.loss;

/**
 * A pointwise loss {@code ℓ(prediction, target)}; the cost of a fit is its (sample-weighted) mean over
 * the rows, see {@link dev.gradfit.fitting.objective.MeanLossObjective}.
 *
 * <p>Implementations are stateless and thread-safe. Known implementations: {@link SquaredLoss} (the
 * tutorial's), {@link HuberLoss}, {@link AbsoluteLoss}, {@link LogisticLoss}, and the log-link family
 * {@link LogLinkLoss}: {@link PoissonLoss}, {@link GammaLoss}, {@link TweedieLoss}.
 *
 * <p>One loss is not pointwise: {@link SoftmaxLoss} reads {@code K} scores per row ({@link #outputs()}
 * {@code > 1}), which no function of one prediction can express. It has no {@link #value} or
 * {@link #derivative} of one prediction; the objectives and references that accept it read it through its own
 * type, and everything else asks {@link #outputs()} first.
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

    /**
     * The most the second derivative {@code ∂²ℓ/∂z²} in the score {@code z} can be, at any score and target: a
     * bound on the cost's curvature everywhere, and so on the learning rates plain gradient descent survives
     * (the {@code lossCurvature} of {@code Curvature.largestEigenvalue}). For the softmax loss, the bound of the
     * Hessian in a row's {@code K} scores. NaN where there is none: a loss that is not smooth, or one whose
     * second derivative grows without bound; NaN unless overridden.
     */
    default double maxCurvature() {
        return Double.NaN;
    }

    /**
     * The number of scores the model gives each row, and so the number of blocks of weights
     * ({@link dev.gradfit.fitting.core.Weights#outputs()}): 1 for a pointwise loss, {@code K} for the softmax
     * loss over {@code K} classes.
     */
    default int outputs() {
        return 1;
    }
}
