package dev.gradfit.fitting.stopping;

import dev.gradfit.fitting.core.Checks;

/**
 * Holds out a fraction of the rows, chosen at random with the fit's seed (see {@link HoldOut}), and stops
 * with {@link StopReason#EARLY_STOPPED} once the mean loss on them has gone {@code patience} epochs without
 * improving on its best value by more than {@code tolerance × best}: scikit-learn's
 * {@code early_stopping}, {@code validation_fraction} and {@code n_iter_no_change}. The fit keeps its
 * last weights, not the best ones, so that the cost history still ends with the cost of the returned
 * weights.
 *
 * <p>The validation cost is the unpenalised mean loss: a regulariser changes what is fitted, not how
 * well it predicts.
 *
 * @param validationFraction the share of rows held out, in {@code (0, 1)}
 * @param tolerance the relative improvement that counts, finite and non-negative
 * @param patience epochs without such an improvement before stopping, at least 1
 */
public record EarlyStoppingRule(double validationFraction, double tolerance, int patience) implements StoppingRule {

    /** scikit-learn's default {@code validation_fraction}. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    public EarlyStoppingRule {
        Checks.shrinkingFactor("validationFraction", validationFraction);
        Checks.nonNegative("tolerance", tolerance);
        Checks.atLeast("patience", patience, 1);
    }

    @Override
    public Monitor start() {
        return ImprovementCounter.monitor(tolerance, patience, StopReason.EARLY_STOPPED, true);
    }
}
