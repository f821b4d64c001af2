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
 */
public final class EarlyStoppingRule implements StoppingRule {

    /** scikit-learn's default {@code validation_fraction}. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    private final double validationFraction;
    private final double tolerance;
    private final int patience;

    /**
     * @param validationFraction the share of rows held out, in {@code (0, 1)}
     * @param tolerance the relative improvement that counts, finite and non-negative
     * @param patience epochs without such an improvement before stopping, at least 1
     */
    public EarlyStoppingRule(double validationFraction, double tolerance, int patience) {
        this.validationFraction = Checks.shrinkingFactor("validationFraction", validationFraction);
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and non-negative, was " + tolerance);
        }
        this.tolerance = tolerance;
        this.patience = Checks.atLeast("patience", patience, 1);
    }

    public double validationFraction() {
        return validationFraction;
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
        return (epoch, cost, validationCost) ->
                counter.observe(validationCost) >= patience ? StopReason.EARLY_STOPPED : null;
    }

    @Override
    public String toString() {
        return "EarlyStoppingRule[validationFraction=" + validationFraction + ", tolerance=" + tolerance + ", patience="
                + patience + "]";
    }
}
