package dev.gradfit.fitting.train;

/**
 * How an epoch walks through the rows.
 *
 * <p>Full batch (the tutorial's): one step per epoch on the gradient over every row. Mini-batch:
 * {@code ⌈n / batchSize⌉} steps per epoch, each on the mean over the next {@code batchSize} rows of the
 * epoch's order (the last batch may be shorter); {@code batchSize = 1} is classic stochastic gradient
 * descent. With {@code shuffle} the order is a fresh random permutation each epoch, drawn from the fit's
 * seed, so the same seed gives the same steps bit for bit; without it the rows go in their given order.
 *
 * @param batchSize rows per step; 0 means full batch, and a size of at least n is a full batch too
 * @param shuffle whether to permute the rows every epoch; ignored for full batches
 */
public record Batching(int batchSize, boolean shuffle) {

    /** One step per epoch over all rows: the tutorial's batch gradient descent. */
    public static final Batching FULL = new Batching(0, false);

    public Batching {
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be at least 1 (or 0 for full batch), was " + batchSize);
        }
    }

    /** Mini-batches of {@code batchSize} rows, shuffled every epoch (scikit-learn's and Keras' default). */
    public static Batching miniBatch(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        return new Batching(batchSize, true);
    }

    /** Whether an epoch over {@code rows} rows is one full-batch step. */
    public boolean isFullBatch(int rows) {
        return batchSize == 0 || batchSize >= rows;
    }

    @Override
    public String toString() {
        return batchSize == 0 ? "Batching[full]" : "Batching[batchSize=" + batchSize + ", shuffle=" + shuffle + "]";
    }
}
