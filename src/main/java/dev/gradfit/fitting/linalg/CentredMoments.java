package dev.gradfit.fitting.linalg;

import dev.gradfit.fitting.core.Dataset;
import java.util.concurrent.ForkJoinPool;

/**
 * Weighted means and centred co-moments of the columns {@code z = [x0, ..., x(d−1), y]} of a dataset,
 * computed in one pass over memory without ever forming raw sums of squares.
 *
 * <p>{@code mean[u] = Σ sᵢ·zᵢᵤ / W} and {@code comoment[u][v] = Σ sᵢ·(zᵢᵤ − mean[u])·(zᵢᵥ − mean[v])}, with
 * {@code W = Σ sᵢ}. Raw sums {@code Σ x²} would lose every digit of the spread when the values sit far
 * from zero (a mean of 1e6 and a spread of 1 leaves {@code 1e12 − 1e12}); centred sums keep them.
 *
 * <p>Algorithm: the rows are cut into blocks small enough to stay in cache; each block is summed by the
 * corrected two-pass algorithm (mean first, then the centred sums with the correction term
 * {@code −(Σ s·c)(Σ s·c)ᵀ/W}), and blocks are merged with the pairwise update of Chan, Golub and LeVeque,
 * "Algorithms for computing the sample variance" (The American Statistician 37, 1983):
 * {@code M = Ma + Mb + δ·δᵀ·Wa·Wb/W} with {@code δ = mean_b − mean_a}. Blocks are grouped into at most
 * {@link #MAX_CHUNKS} chunks whose boundaries depend only on the data's shape; chunks may run on several
 * threads and are merged in chunk order, so the result is the same bits for any pool size.
 */
public final class CentredMoments {

    /** At most this many chunks, each with its own {@code (d+1)²} accumulator. */
    static final int MAX_CHUNKS = 64;

    /** Memory budget for the accumulators of all chunks, in doubles (16 MiB). */
    private static final int ACCUMULATOR_BUDGET = 1 << 21;

    /** Values per block of the two-pass sums: small enough that the second pass reads from cache. */
    private static final int BLOCK_VALUES = 1 << 13;

    /** The number of features {@code d}; the moments cover {@code d + 1} columns, y last. */
    final int features;
    /** {@code Σ sᵢ}, summed in the same blocked order as the means. */
    double weight;
    /**
     * The {@code d + 1} weighted means, y last, as {@code mean[u] + meanLow[u]}: the low part keeps the
     * digits that one double would drop when the mean is far from zero (an ulp of 1e6 is 1.2e-10).
     */
    public final double[] mean;

    public final double[] meanLow;
    /** {@code (d+1) × (d+1)}, row-major, symmetric: the centred co-moments (not divided by W). */
    public final double[] comoment;

    private CentredMoments(int features) {
        this.features = features;
        this.mean = new double[features + 1];
        this.meanLow = new double[features + 1];
        this.comoment = new double[(features + 1) * (features + 1)];
    }

    /** The moments of {@code data}, with chunks on {@code pool} when the data is large. */
    public static CentredMoments of(Dataset data, ForkJoinPool pool) {
        int d = data.columns();
        int n = data.rows();
        int p = d + 1;
        int maxChunks = (int) Math.max(1, Math.min(MAX_CHUNKS, ACCUMULATOR_BUDGET / ((long) p * p)));
        int blockRows = Math.max(1, BLOCK_VALUES / p);
        int blocks = ParallelChunks.chunkCount(n, blockRows);
        int blocksPerChunk = Math.max(1, (blocks + maxChunks - 1) / maxChunks);
        int chunkRows = (int) Math.min(n, (long) blocksPerChunk * blockRows);
        int chunks = ParallelChunks.chunkCount(n, chunkRows);
        CentredMoments[] partial = new CentredMoments[chunks];
        boolean parallel = (long) n * d >= ParallelChunks.PARALLEL_MIN_VALUES;
        ParallelChunks.run(chunks, parallel, pool, c -> {
            CentredMoments acc = new CentredMoments(d);
            CentredMoments block = new CentredMoments(d);
            double[] centred = new double[p];
            int to = (int) Math.min(n, (long) (c + 1) * chunkRows);
            for (int from = c * chunkRows; from < to; from += blockRows) {
                block.sumBlock(data, from, Math.min(to, from + blockRows), centred);
                acc.merge(block);
            }
            partial[c] = acc;
        });
        CentredMoments total = new CentredMoments(d);
        for (CentredMoments chunk : partial) {
            total.merge(chunk);
        }
        total.mirror();
        return total;
    }

    /** Replaces this accumulator's content with the corrected two-pass sums of rows {@code [from, to)}. */
    private void sumBlock(Dataset data, int from, int to, double[] centred) {
        // Sparse rows are written out one at a time: centring fills in their zeros anyway.
        double[] dense = data.isSparse() ? null : data.features();
        double[] values = dense == null ? new double[features] : null;
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int d = features;
        int p = d + 1;
        java.util.Arrays.fill(mean, 0.0);
        java.util.Arrays.fill(meanLow, 0.0);
        java.util.Arrays.fill(comoment, 0.0);
        double w = 0.0;
        for (int i = from; i < to; i++) {
            double si = s == null ? 1.0 : s[i];
            w += si;
            data.addScaled(i, si, mean, 0);
            mean[d] += si * y[i];
        }
        weight = w;
        if (!(w > 0)) {
            return;
        }
        for (int u = 0; u < p; u++) {
            mean[u] /= w;
        }
        if (d == 1 && dense != null) {
            sumCentredPairs(dense, y, s, from, to, w);
            return;
        }
        // Second pass, around the first-pass mean; 'correction' is Σ s·c, zero but for rounding.
        double[] correction = new double[p];
        for (int i = from; i < to; i++) {
            double si = s == null ? 1.0 : s[i];
            if (si == 0.0) {
                continue;
            }
            double[] x = dense == null ? values : dense;
            int base = dense == null ? 0 : i * d;
            if (dense == null) {
                data.copyRow(i, values, 0);
            }
            for (int j = 0; j < d; j++) {
                centred[j] = x[base + j] - mean[j];
            }
            centred[d] = y[i] - mean[d];
            for (int u = 0; u < p; u++) {
                double su = si * centred[u];
                correction[u] += su;
                int row = u * p;
                for (int v = u; v < p; v++) {
                    comoment[row + v] += su * centred[v];
                }
            }
        }
        for (int u = 0; u < p; u++) {
            int row = u * p;
            for (int v = u; v < p; v++) {
                comoment[row + v] -= correction[u] * correction[v] / w;
            }
            meanLow[u] = correction[u] / w;
        }
    }

    /**
     * The second pass of {@link #sumBlock} for one feature, with every sum in a register: the same
     * arithmetic as the general loop, in the same order.
     */
    private void sumCentredPairs(double[] x, double[] y, double[] s, int from, int to, double w) {
        double mx = mean[0];
        double my = mean[1];
        double cx = 0.0;
        double cy = 0.0;
        double xx = 0.0;
        double xy = 0.0;
        double yy = 0.0;
        for (int i = from; i < to; i++) {
            double si = s == null ? 1.0 : s[i];
            if (si == 0.0) {
                continue;
            }
            double u = x[i] - mx;
            double v = y[i] - my;
            double su = si * u;
            double sv = si * v;
            cx += su;
            cy += sv;
            xx += su * u;
            xy += su * v;
            yy += sv * v;
        }
        comoment[0] = xx - cx * cx / w;
        comoment[1] = xy - cx * cy / w;
        comoment[3] = yy - cy * cy / w;
        meanLow[0] = cx / w;
        meanLow[1] = cy / w;
    }

    /** Adds {@code other}'s rows to this accumulator (upper triangles only). */
    private void merge(CentredMoments other) {
        if (!(other.weight > 0)) {
            return;
        }
        int p = features + 1;
        if (!(weight > 0)) {
            weight = other.weight;
            System.arraycopy(other.mean, 0, mean, 0, p);
            System.arraycopy(other.meanLow, 0, meanLow, 0, p);
            System.arraycopy(other.comoment, 0, comoment, 0, p * p);
            return;
        }
        double total = weight + other.weight;
        double scale = weight * other.weight / total;
        double share = other.weight / total;
        double[] delta = new double[p];
        for (int u = 0; u < p; u++) {
            // The high parts are close (Sterbenz: their difference is exact); the low parts add the rest.
            delta[u] = (other.mean[u] - mean[u]) + (other.meanLow[u] - meanLow[u]);
        }
        for (int u = 0; u < p; u++) {
            int row = u * p;
            for (int v = u; v < p; v++) {
                comoment[row + v] += other.comoment[row + v] + delta[u] * delta[v] * scale;
            }
            meanLow[u] += delta[u] * share;
        }
        weight = total;
    }

    /** Copies the upper triangle onto the lower one. */
    private void mirror() {
        int p = features + 1;
        for (int u = 0; u < p; u++) {
            for (int v = 0; v < u; v++) {
                comoment[u * p + v] = comoment[v * p + u];
            }
        }
    }
}
