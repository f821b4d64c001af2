package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.linalg.ParallelChunks;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * The same objective as {@link MeanLossObjective}, {@code J(w) = Σ sᵢ·ℓ(b0 + b·xᵢ, yᵢ) / Σ sᵢ}, for any
 * loss, computed over fixed chunks of rows that run on several cores when the data is large.
 *
 * <p>Same request, same bits: each chunk of {@link #chunkRows} rows sums its rows in order
 * into its own slot, and the slots are added in chunk order. The result therefore does not depend on the
 * pool's size, on timing, or on whether the data was large enough to go parallel at all. It differs from
 * {@link MeanLossObjective}'s single running sum only by rounding.
 *
 * <p>Row offsets ({@link Dataset#offsets}) are taken by the log-link kernel only; a dataset with offsets and
 * another loss is refused.
 *
 * <p>Without an intercept the intercept's gradient is held at zero, as in {@link MeanLossObjective}. The
 * partial sums are scratch state: one instance serves one fit at a time. A fit whose thread is
 * interrupted stops at the next epoch with a {@link java.util.concurrent.CancellationException}.
 */
public final class ParallelMeanLossObjective implements Objective {

    private final Dataset data;
    private final Loss loss;
    private final boolean fitIntercept;
    private final ForkJoinPool pool;
    private final int chunkRows;
    private final int chunks;
    private final boolean parallel;
    private final boolean logistic;
    /** The loss when it is one of the log-link family, whose fused kernel runs; otherwise {@code null}. */
    private final LogLinkLoss logLink;
    /** Per chunk, {@code Σ s·constant(y)} of {@link #logLink}; {@code null} without it. */
    private final double[] chunkConstants;
    /** Slot {@code c} holds {@code [Σ sℓ, Σ s·∂ℓ, Σ s·∂ℓ·x0, ...]} of chunk {@code c}. */
    private final double[] partials;
    /** Mini-batches run the direct loop over their rows. */
    private final MeanLossObjective batches;

    /** An objective on the shared kernel pool. */
    public ParallelMeanLossObjective(Dataset data, Loss loss, boolean fitIntercept) {
        this(data, loss, fitIntercept, ParallelChunks.sharedPool());
    }

    /** An objective whose chunks run on {@code pool} (and on the calling thread). */
    public ParallelMeanLossObjective(Dataset data, Loss loss, boolean fitIntercept, ForkJoinPool pool) {
        if (loss.outputs() != 1) {
            throw new IllegalArgumentException(loss + " is not a pointwise loss; see SoftmaxObjective");
        }
        this.data = data;
        this.loss = loss;
        this.fitIntercept = fitIntercept;
        this.pool = pool;
        this.chunkRows = chunkRows(data, data.columns() + 2L);
        this.chunks = ParallelChunks.chunkCount(data.rows(), chunkRows);
        this.parallel = (long) data.rows() * data.columns() >= ParallelChunks.PARALLEL_MIN_VALUES;
        this.logistic = loss instanceof LogisticLoss;
        this.logLink = loss instanceof LogLinkLoss family ? family : null;
        if (data.hasOffsets() && logLink == null) {
            throw new IllegalArgumentException("offsets are taken by the log-link losses only, not by " + loss);
        }
        this.chunkConstants = logLink == null ? null : chunkConstants(data, logLink, chunkRows, chunks);
        this.partials = new double[Math.toIntExact((long) chunks * (data.columns() + 2))];
        this.batches = new MeanLossObjective(data, loss, fitIntercept);
    }

    /**
     * Rows per chunk for {@code data} with {@code slot} partial sums a chunk: by the values a row touches (its columns
     * when dense, the values sparse rows store on average, rounded up), within the bound on partial sums.
     *
     * @throws IllegalArgumentException if one slot alone is beyond {@link ParallelChunks#MAX_PARTIAL_VALUES}
     */
    static int chunkRows(Dataset data, long slot) {
        long rows = data.rows();
        long valuesPerRow =
                data.isSparse() && rows > 0 ? (data.sparseRows().stored() + rows - 1) / rows : data.columns();
        return ParallelChunks.chunkRows(data.rows(), valuesPerRow, slot);
    }

    /** The number of partial sums this objective keeps, for tests of its bound. */
    int partialValues() {
        return partials.length;
    }

    @Override
    public int dimension() {
        return data.columns() + 1;
    }

    @Override
    public double valueAndGradient(double[] weights, double[] gradient) {
        SufficientStatisticsObjective.checkNotInterrupted();
        int slot = data.columns() + 2;
        ParallelChunks.run(chunks, parallel, pool, c -> chunkValueAndGradient(weights, c, c * slot));
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int c = 0, base = 0; c < chunks; c++, base += slot) {
            sum += partials[base];
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] += partials[base + 1 + k];
            }
        }
        return MeanLossObjective.mean(sum, data.weightSum(), gradient, fitIntercept);
    }

    @Override
    public int rows() {
        return data.rows();
    }

    @Override
    public boolean supportsBatches() {
        return true;
    }

    /**
     * The mean over {@code rows[from..to)}, on the calling thread: mini-batches are small, and a batch
     * summed in its given order is deterministic by itself. The direct loop does exactly that.
     */
    @Override
    public double batchValueAndGradient(double[] weights, double[] gradient, int[] rows, int from, int to) {
        return batches.batchValueAndGradient(weights, gradient, rows, from, to);
    }

    @Override
    public double value(double[] weights) {
        int slot = data.columns() + 2;
        ParallelChunks.run(chunks, parallel, pool, c -> partials[c * slot] = chunkValue(weights, c));
        double sum = 0.0;
        for (int c = 0; c < chunks; c++) {
            sum += partials[c * slot];
        }
        return sum / data.weightSum();
    }

    private void chunkValueAndGradient(double[] weights, int chunk, int out) {
        double[] x = data.isSparse() ? null : data.features();
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int d = data.columns();
        int from = chunk * chunkRows;
        int to = Math.min(data.rows(), from + chunkRows);
        Arrays.fill(partials, out, out + d + 2, 0.0);
        if (logistic) {
            LogisticKernel.valueAndGradient(data, weights, from, to, partials, out);
            return;
        }
        if (logLink != null) {
            LogLinkKernel.valueAndGradient(data, logLink, weights, from, to, partials, out);
            partials[out] += chunkConstants[chunk];
            return;
        }
        double sum = 0.0;
        double interceptSum = 0.0;
        if (d == 1 && x != null) {
            // One feature, the common case: the same arithmetic with every sum in a register.
            double b0 = weights[0];
            double b = weights[1];
            double slopeSum = 0.0;
            for (int i = from; i < to; i++) {
                double prediction = b0 + b * x[i];
                double value = loss.value(prediction, y[i]);
                double slope = loss.derivative(prediction, y[i]);
                if (s != null) {
                    value *= s[i];
                    slope *= s[i];
                }
                sum += value;
                interceptSum += slope;
                slopeSum += slope * x[i];
            }
            partials[out] = sum;
            partials[out + 1] = interceptSum;
            partials[out + 2] = slopeSum;
            return;
        }
        for (int i = from; i < to; i++) {
            double prediction = data.linear(i, weights[0], weights, 1);
            double value = loss.value(prediction, y[i]);
            double slope = loss.derivative(prediction, y[i]);
            if (s != null) {
                value *= s[i];
                slope *= s[i];
            }
            sum += value;
            interceptSum += slope;
            data.addScaled(i, slope, partials, out + 2);
        }
        partials[out] = sum;
        partials[out + 1] = interceptSum;
    }

    private double chunkValue(double[] weights, int chunk) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int d = data.columns();
        int from = chunk * chunkRows;
        int to = Math.min(data.rows(), from + chunkRows);
        if (logistic) {
            return LogisticKernel.value(data, weights, from, to);
        }
        if (logLink != null) {
            return LogLinkKernel.value(data, logLink, weights, from, to) + chunkConstants[chunk];
        }
        double sum = 0.0;
        for (int i = from; i < to; i++) {
            double prediction = data.linear(i, weights[0], weights, 1);
            double value = loss.value(prediction, y[i]);
            sum += s == null ? value : s[i] * value;
        }
        return sum;
    }

    private static double[] chunkConstants(Dataset data, LogLinkLoss loss, int chunkRows, int chunks) {
        double[] sums = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            sums[c] = LogLinkKernel.constants(data, loss, c * chunkRows, Math.min(data.rows(), (c + 1) * chunkRows));
        }
        return sums;
    }

    @Override
    public String toString() {
        return "ParallelMeanLossObjective[" + loss + ", rows=" + data.rows() + ", columns=" + data.columns()
                + ", chunks=" + chunks + "]";
    }
}
