package dev.gradfit.fitting.loss;

import dev.gradfit.fitting.core.Checks;

/**
 * Huber's loss (Huber 1964, "Robust Estimation of a Location Parameter"): quadratic for small
 * residuals, linear for large ones, so outliers pull on the fit with a bounded force.
 *
 * <p>With the residual {@code r = p − y}: {@code ℓ = r²/2} when {@code |r| ≤ δ}, otherwise
 * {@code δ·(|r| − δ/2)}; the derivative is {@code r} clipped to {@code [−δ, δ]}. This is the convention
 * of scikit-learn's {@code SGDRegressor(loss="huber", epsilon=δ)}. Note the factor 1/2 that
 * {@link SquaredLoss} does not have: for small residuals Huber's cost is half the tutorial's.
 *
 * @param delta the residual where the loss turns linear; finite and positive
 */
public record HuberLoss(double delta) implements Loss {

    /** The default threshold between the quadratic and the linear part, as in scikit-learn's SGD. */
    public static final double DEFAULT_DELTA = 1.0;

    public HuberLoss {
        Checks.positive("delta", delta);
    }

    @Override
    public double value(double prediction, double target) {
        double r = prediction - target;
        double a = Math.abs(r);
        return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }

    @Override
    public double derivative(double prediction, double target) {
        double r = prediction - target;
        return Math.max(-delta, Math.min(delta, r));
    }

    /** {@code ∂²ℓ/∂p² = 1} inside {@code δ}, 0 outside: at most 1, whatever {@code δ}. */
    @Override
    public double maxCurvature() {
        return 1.0;
    }
}
