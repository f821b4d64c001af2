package dev.gradfit.fitting.optimizer;

/**
 * The largest learning rate with which an optimizer converges on a quadratic cost whose Hessian has
 * largest eigenvalue {@code λmax} (the squared loss with full batches, see
 * {@link dev.gradfit.fitting.objective.Curvature}). Along an eigenvector with eigenvalue {@code λ} each rule
 * is a linear recurrence in {@code a = η·λ}; it converges when the roots of its characteristic polynomial
 * lie inside the unit circle (Jury's conditions), which for the worst eigenvector gives:
 *
 * <ul>
 *   <li>{@link GradientDescent}: {@code e' = (1 − a)·e}, stable for {@code η < 2/λmax} (Nocedal and Wright,
 *       §3.3).
 *   <li>{@link Momentum} (heavy ball, momentum {@code μ}): {@code z² − (1 + μ − a)·z + μ}, stable for
 *       {@code η < 2·(1 + μ)/λmax} (Polyak 1964).
 *   <li>{@link Nesterov}: {@code z² − (1 + μ)(1 − a)·z + μ·(1 − a)}, stable for
 *       {@code η < 2·(1 + μ) / ((1 + 2μ)·λmax)}: for {@code μ = 0.9} that is 0.68 of plain descent's bound,
 *       smaller, since the look-ahead step amplifies the gradient of a stiff direction.
 *   <li>{@link GradientClipping}: the bound of the rule it wraps (clipping only shortens steps).
 *   <li>{@link AdaGrad}, {@link RmsProp}, {@link Adam}: their steps do not scale with the gradient, so no
 *       such bound exists; {@link #isKnown} says so and {@link #of} answers plain descent's {@code 2/λmax}
 *       as a scale for the learning rate.
 * </ul>
 */
public final class StableLearningRate {

    private StableLearningRate() {}

    /**
     * The bound of {@code optimizer} for {@code lambdaMax}, or plain descent's {@code 2/λmax} where the
     * optimizer has none ({@link #isKnown}); NaN when {@code lambdaMax} is not finite and positive.
     */
    public static double of(Optimizer optimizer, double lambdaMax) {
        if (!(lambdaMax > 0) || !Double.isFinite(lambdaMax)) {
            return Double.NaN;
        }
        return factor(optimizer) * 2.0 / lambdaMax;
    }

    /** Whether {@code optimizer} has a bound of its own; false for the adaptive rules. */
    public static boolean isKnown(Optimizer optimizer) {
        Optimizer inner = unwrap(optimizer);
        return inner instanceof GradientDescent || inner instanceof Momentum || inner instanceof Nesterov;
    }

    /** The bound as a multiple of plain descent's {@code 2/λmax}. */
    private static double factor(Optimizer optimizer) {
        Optimizer inner = unwrap(optimizer);
        if (inner instanceof Momentum momentum) {
            return 1.0 + momentum.momentum();
        }
        if (inner instanceof Nesterov nesterov) {
            double mu = nesterov.momentum();
            return (1.0 + mu) / (1.0 + 2.0 * mu);
        }
        return 1.0;
    }

    private static Optimizer unwrap(Optimizer optimizer) {
        Optimizer inner = optimizer;
        while (inner instanceof GradientClipping clipping) {
            inner = clipping.optimizer();
        }
        return inner;
    }
}
