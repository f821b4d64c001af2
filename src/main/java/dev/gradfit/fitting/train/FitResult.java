package dev.gradfit.fitting.train;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.stopping.StopReason;
import java.util.List;

/**
 * The outcome of a fit that ran to its end or stopped by a rule.
 *
 * @param weights the weights after the last epoch run
 * @param cost the cost at those weights (the last entry of the history), regularization included
 * @param costHistory the sampled cost curve, see {@link CostHistory}
 * @param costHistoryStride the number of epochs between history entries
 * @param epochs the number of epochs run
 * @param stopReason why the fit ended where it did
 * @param learningRateHistory entry {@code k} is the learning rate of epoch {@code k·stride + 1}, the epoch
 *     that starts from the weights of {@code costHistory[k]} (for a line-search optimizer, the step length its
 *     line search accepted); one entry fewer than the cost history, or empty when not recorded
 * @param validationCostHistory the mean loss on the held-out rows, sampled like the cost history; empty
 *     without early stopping
 * @param snapshots the weights after each requested epoch that was reached, in order
 */
public record FitResult(
        Weights weights,
        double cost,
        double[] costHistory,
        int costHistoryStride,
        int epochs,
        StopReason stopReason,
        double[] learningRateHistory,
        double[] validationCostHistory,
        List<Snapshot> snapshots) {

    private static final double[] NONE = {};

    public FitResult {
        costHistory = costHistory.clone();
        learningRateHistory = learningRateHistory.clone();
        validationCostHistory = validationCostHistory.clone();
        snapshots = List.copyOf(snapshots);
    }

    /** A fit that ran all its epochs and recorded nothing but its cost. */
    public FitResult(Weights weights, double cost, double[] costHistory, int costHistoryStride, int epochs) {
        this(weights, cost, costHistory, costHistoryStride, epochs, StopReason.EPOCHS, NONE, NONE, List.of());
    }

    /**
     * The same fit reporting {@code cost} as the cost of its weights: as {@link #cost}, as the last history
     * entry, and as the cost of a snapshot of the last epoch (whose weights are the result's). Everything
     * else, the epochs' own costs included, stays as it is.
     */
    public FitResult withFinalCost(double cost) {
        double[] history = costHistory.clone();
        history[history.length - 1] = cost;
        List<Snapshot> kept = snapshots.stream()
                .map(s -> s.epoch() == epochs && s.weights().equals(weights)
                        ? new Snapshot(s.epoch(), s.weights(), cost)
                        : s)
                .toList();
        return new FitResult(
                weights,
                cost,
                history,
                costHistoryStride,
                epochs,
                stopReason,
                learningRateHistory,
                validationCostHistory,
                kept);
    }

    /** Returns a copy. */
    @Override
    public double[] costHistory() {
        return costHistory.clone();
    }

    /** Returns a copy. */
    @Override
    public double[] learningRateHistory() {
        return learningRateHistory.clone();
    }

    /** Returns a copy. */
    @Override
    public double[] validationCostHistory() {
        return validationCostHistory.clone();
    }

    /** The number of doubles held in histories and snapshots, without copying them: for size estimates. */
    public long storedValues() {
        long values = (long) costHistory.length + learningRateHistory.length + validationCostHistory.length;
        for (Snapshot snapshot : snapshots) {
            values += (long) snapshot.weights().outputs() * (snapshot.weights().features() + 1) + 1;
        }
        return values;
    }

    /** The number of history entries, without copying them. */
    public int costHistorySize() {
        return costHistory.length;
    }
}
