package dev.gradfit.fitting.stopping;

/**
 * Counts consecutive observations that fail to beat the best so far by more than a relative tolerance:
 * {@code value < best − tolerance·|best|} counts as an improvement and resets the count.
 */
final class ImprovementCounter {

    private final double tolerance;
    private double best = Double.POSITIVE_INFINITY;
    private int misses;

    ImprovementCounter(double tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * A monitor that answers {@code reason} once the watched cost has gone {@code patience} epochs without
     * improving by more than {@code tolerance} (relative), and {@code null} until then.
     *
     * @param onValidationCost whether to watch the cost on the held-out rows rather than the training cost
     */
    static StoppingRule.Monitor monitor(double tolerance, int patience, StopReason reason, boolean onValidationCost) {
        ImprovementCounter counter = new ImprovementCounter(tolerance);
        return (epoch, cost, validationCost) ->
                counter.observe(onValidationCost ? validationCost : cost) >= patience ? reason : null;
    }

    /** Records {@code value}; returns the number of consecutive observations without improvement. */
    int observe(double value) {
        if (best == Double.POSITIVE_INFINITY || value < best - tolerance * Math.abs(best)) {
            best = value;
            misses = 0;
        } else {
            misses++;
        }
        return misses;
    }
}
