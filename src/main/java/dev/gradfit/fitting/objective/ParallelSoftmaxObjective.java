package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.linalg.ParallelChunks;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * The same objective as {@link SoftmaxObjective}, computed by {@link SoftmaxKernel} over fixed chunks of rows
 * that run on several cores when the data is large: what {@link ParallelMeanLossObjective} is to the
 * pointwise losses.
 *
 * <p>Same request, same bits: each chunk of {@link ParallelMeanLossObjective#chunkRows} rows sums its rows in order
 * into its own slot, and the slots are added in chunk order, so the result depends neither on the pool's
 * size nor on timing. With one chunk it is {@link SoftmaxObjective}'s result bit for bit; with several it
 * differs from that single running sum only by rounding. Mini-batches run the direct loop over their rows.
 * The partial sums are scratch state: one instance serves one fit at a time.
 */
public final class ParallelSoftmaxObjective implements Objective {

    private final Dataset data;
    private final SoftmaxLoss loss;
    private final boolean fitIntercept;
    private final ForkJoinPool pool;
    private final int chunkRows;
    private final int chunks;
    private final boolean parallel;
    /** Slot {@code c} holds {@code [Σ sℓ, then the K·(d + 1) gradient sums]} of chunk {@code c}. */
    private final double[] partials;

    private final SoftmaxObjective batches;

    /** An objective on the shared kernel pool. */
    public ParallelSoftmaxObjective(Dataset data, SoftmaxLoss loss, boolean fitIntercept) {
        this(data, loss, fitIntercept, ParallelChunks.sharedPool());
    }

    /**
     * An objective whose chunks run on {@code pool} (and on the calling thread).
     *
     * @throws IllegalArgumentException if a target is not a class index {@code 0..K−1}, or the model is too large
     *     for its partial sums (see {@link #fits})
     */
    public ParallelSoftmaxObjective(Dataset data, SoftmaxLoss loss, boolean fitIntercept, ForkJoinPool pool) {
        this.batches = new SoftmaxObjective(data, loss, fitIntercept);
        this.data = data;
        this.loss = loss;
        this.fitIntercept = fitIntercept;
        this.pool = pool;
        long slot = 1 + slotWeights(loss.classes(), data.columns());
        this.chunkRows = ParallelMeanLossObjective.chunkRows(data, slot);
        this.chunks = ParallelChunks.chunkCount(data.rows(), chunkRows);
        this.parallel = (long) data.rows() * data.columns() * loss.classes() >= ParallelChunks.PARALLEL_MIN_VALUES;
        this.partials = new double[Math.toIntExact(chunks * slot)];
    }

    /**
     * Whether a softmax model of {@code classes} classes and {@code features} features can be fitted here: its
     * chunks keep a slot of {@code 1 + K·(d + 1)} partial sums each, and one slot must fit within {@link
     * ParallelChunks#MAX_PARTIAL_VALUES}.
     */
    public static boolean fits(int classes, int features) {
        return ParallelChunks.fitsPartials(1 + slotWeights(classes, features));
    }

    private static long slotWeights(int classes, int features) {
        return (long) classes * (features + 1L);
    }

    /** The number of partial sums this objective keeps, for tests of its bound. */
    int partialValues() {
        return partials.length;
    }

    @Override
    public int dimension() {
        return loss.classes() * (data.columns() + 1);
    }

    @Override
    public int outputs() {
        return loss.classes();
    }

    @Override
    public double valueAndGradient(double[] weights, double[] gradient) {
        SufficientStatisticsObjective.checkNotInterrupted();
        int slot = 1 + dimension();
        ParallelChunks.run(chunks, parallel, pool, c -> {
            int from = c * chunkRows;
            Arrays.fill(partials, c * slot, (c + 1) * slot, 0.0);
            SoftmaxKernel.valueAndGradient(
                    data, loss.classes(), weights, from, Math.min(data.rows(), from + chunkRows), partials, c * slot);
        });
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int c = 0, base = 0; c < chunks; c++, base += slot) {
            sum += partials[base];
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] += partials[base + 1 + k];
            }
        }
        return SoftmaxObjective.mean(sum, data.weightSum(), gradient, fitIntercept, data.columns() + 1);
    }

    @Override
    public double value(double[] weights) {
        int slot = 1 + dimension();
        ParallelChunks.run(chunks, parallel, pool, c -> {
            int from = c * chunkRows;
            partials[c * slot] =
                    SoftmaxKernel.value(data, loss.classes(), weights, from, Math.min(data.rows(), from + chunkRows));
        });
        double sum = 0.0;
        for (int c = 0; c < chunks; c++) {
            sum += partials[c * slot];
        }
        return sum / data.weightSum();
    }

    @Override
    public int rows() {
        return data.rows();
    }

    @Override
    public boolean supportsBatches() {
        return true;
    }

    /** The mean over {@code rows[from..to)} by the direct loop, on the calling thread. */
    @Override
    public double batchValueAndGradient(double[] weights, double[] gradient, int[] rows, int from, int to) {
        return batches.batchValueAndGradient(weights, gradient, rows, from, to);
    }

    @Override
    public String toString() {
        return "ParallelSoftmaxObjective[" + loss + ", rows=" + data.rows() + ", columns=" + data.columns()
                + ", chunks=" + chunks + "]";
    }
}
