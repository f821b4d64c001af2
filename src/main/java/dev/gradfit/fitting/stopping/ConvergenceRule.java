package dev.gradfit.fitting.stopping;

import dev.gradfit.fitting.core.Checks;

/**
 * Stops with {@link StopReason#CONVERGED} once the training cost has gone {@code patience} epochs without
 * improving on its best value by more than {@code tolerance × best}: scikit-learn's {@code tol} and
 * {@code n_iter_no_change}, with a relative rather than an absolute tolerance so that it does not depend
 * on the units of y.
 */
public final class ConvergenceRule implements StoppingRule {

    /** scikit-learn's default {@code n_iter_no_change}. */
    public static final int DEFAULT_PATIENCE = 5;

    private final double tolerance;
    private final int patience;

    /**
     * @param tolerance the relative improvement that counts, finite and non-negative
     * @param patience epochs without such an improvement before stopping, at least 1
     */
    public ConvergenceRule(double tolerance, int patience) {
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and non-negative, was " + tolerance);
        }
        this.tolerance = tolerance;
        this.patience = Checks.atLeast("patience", patience, 1);
    }

    public double tolerance() {
        return tolerance;
    }

    public int patience() {
        return patience;
    }

    @Override
    public Monitor start() {
        ImprovementCounter counter = new ImprovementCounter(tolerance);
        return (epoch, cost, validationCost) -> counter.observe(cost) >= patience ? StopReason.CONVERGED : null;
    }

    @Override
    public String toString() {
        return "ConvergenceRule[tolerance=" + tolerance + ", patience=" + patience + "]";
    }
}
