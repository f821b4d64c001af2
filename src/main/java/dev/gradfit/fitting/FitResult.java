package dev.gradfit.fitting;

/**
 * The outcome of a fit that converged or ran out of epochs.
 *
 * @param weights the weights after the last epoch
 * @param cost the cost at those weights (the last entry of the history)
 * @param costHistory the sampled cost curve, see {@link CostHistory}
 * @param costHistoryStride the number of epochs between history entries
 * @param epochs the number of epochs run
 */
public record FitResult(Weights weights, double cost, double[] costHistory, int costHistoryStride, int epochs) {

    public FitResult {
        costHistory = costHistory.clone();
    }

    /** Returns a copy. */
    @Override
    public double[] costHistory() {
        return costHistory.clone();
    }

    /** The number of history entries, without copying them. */
    public int costHistorySize() {
        return costHistory.length;
    }
}
