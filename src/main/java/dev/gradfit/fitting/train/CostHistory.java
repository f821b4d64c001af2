package dev.gradfit.fitting.train;

import java.util.Arrays;

/**
 * The cost after each epoch, sampled at a fixed stride when there are more epochs than entries allowed.
 *
 * <p>Entry {@code k} is the cost after {@code k·stride} epochs, entry 0 being the cost at the initial
 * weights, and the last entry is always the cost after the final epoch (so the last gap may be shorter
 * than the stride). With a stride of 1, entry {@code i} is the cost after {@code i} epochs.
 */
public final class CostHistory {

    private final double[] costs;
    private final int stride;
    private int size;

    private CostHistory(int capacity, int stride) {
        this.costs = new double[capacity];
        this.stride = stride;
    }

    /**
     * A history for a fit of {@code epochs} epochs holding at most {@code limit} entries.
     *
     * @param limit at least 2, so that the initial and the final cost both fit
     */
    static CostHistory forEpochs(int epochs, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("a cost history needs room for at least 2 entries, was " + limit);
        }
        if ((long) epochs + 1 <= limit) {
            return new CostHistory(epochs + 1, 1);
        }
        // ceil(epochs / (limit − 1)) keeps the sampled epochs 0, s, 2s, ... below epochs to at most
        // limit − 1 entries, leaving the last one for the final cost.
        int stride = (int) (((long) epochs + limit - 2) / (limit - 1));
        return new CostHistory(limit, stride);
    }

    /** Whether the cost after {@code epoch} epochs, short of the last, is kept. */
    boolean wants(int epoch) {
        return epoch % stride == 0;
    }

    /** Adds the cost after an epoch that {@link #wants} keeps, or after the last epoch. */
    void add(double cost) {
        costs[size++] = cost;
    }

    /** Returns a copy of the recorded costs. */
    public double[] costs() {
        return Arrays.copyOf(costs, size);
    }

    /** The number of epochs between consecutive entries (1 when every epoch is kept). */
    public int stride() {
        return stride;
    }

    public int size() {
        return size;
    }
}
