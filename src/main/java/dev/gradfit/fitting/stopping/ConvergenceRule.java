package dev.gradfit.fitting.stopping;

import dev.gradfit.fitting.core.Checks;

/**
 * Stops with {@link StopReason#CONVERGED} once the training cost has gone {@code patience} epochs without
 * improving on its best value by more than {@code tolerance × best}: scikit-learn's {@code tol} and
 * {@code n_iter_no_change}, with a relative rather than an absolute tolerance so that it does not depend
 * on the units of y.
 *
 * @param tolerance the relative improvement that counts, finite and non-negative
 * @param patience epochs without such an improvement before stopping, at least 1
 */
public record ConvergenceRule(double tolerance, int patience) implements StoppingRule {

    /** scikit-learn's default {@code n_iter_no_change}. */
    public static final int DEFAULT_PATIENCE = 5;

    public ConvergenceRule {
        Checks.nonNegative("tolerance", tolerance);
        Checks.atLeast("patience", patience, 1);
    }

    @Override
    public Monitor start() {
        return ImprovementCounter.monitor(tolerance, patience, StopReason.CONVERGED, false);
    }
}
