package dev.gradfit.fitting.linalg;

import dev.gradfit.fitting.core.Dataset;
import java.util.concurrent.ForkJoinPool;

/**
 * The anchor of {@link dev.gradfit.fitting.objective.SufficientStatisticsObjective}: the least-squares slope of the centred data, and
 * the sums of its residuals taken directly from the rows.
 */
public final class LeastSquaresAnchor {

    private LeastSquaresAnchor() {}

    /**
     * Solves {@code Sxx·β = Sxy} by Cholesky, where {@code comoment} is the {@code (d+1) × (d+1)} matrix of
     * {@link CentredMoments} (features first, y last).
     *
     * <p>A column whose pivot falls to {@code tolerance} times its own co-moment or below (a constant
     * feature, or one that the others already explain) is treated as dependent: its {@code β} is 0 and it
     * takes no part in the solve. Any {@code β} is a valid anchor, so this only costs accuracy in the
     * dependent directions, never correctness.
     */
    public static double[] slope(double[] comoment, int d, double tolerance) {
        int p = d + 1;
        double[] lower = new double[d * d];
        boolean[] dependent = new boolean[d];
        for (int k = 0; k < d; k++) {
            double pivot = comoment[k * p + k];
            for (int j = 0; j < k; j++) {
                pivot -= lower[k * d + j] * lower[k * d + j];
            }
            if (!(pivot > tolerance * comoment[k * p + k])) {
                dependent[k] = true;
                continue;
            }
            double diagonal = Math.sqrt(pivot);
            lower[k * d + k] = diagonal;
            for (int i = k + 1; i < d; i++) {
                double sum = comoment[i * p + k];
                for (int j = 0; j < k; j++) {
                    sum -= lower[i * d + j] * lower[k * d + j];
                }
                lower[i * d + k] = sum / diagonal;
            }
        }
        double[] z = new double[d];
        for (int k = 0; k < d; k++) {
            if (dependent[k]) {
                continue;
            }
            double sum = comoment[k * p + d];
            for (int j = 0; j < k; j++) {
                sum -= lower[k * d + j] * z[j];
            }
            z[k] = sum / lower[k * d + k];
        }
        double[] beta = new double[d];
        for (int k = d - 1; k >= 0; k--) {
            if (dependent[k]) {
                continue;
            }
            double sum = z[k];
            for (int i = k + 1; i < d; i++) {
                sum -= lower[i * d + k] * beta[i];
            }
            beta[k] = sum / lower[k * d + k];
        }
        for (double b : beta) {
            if (!Double.isFinite(b)) {
                return new double[d];
            }
        }
        return beta;
    }

    /**
     * {@code [Σ s·r̂², Σ s·c0·r̂, ..., Σ s·c(d−1)·r̂]} over all rows, where {@code cᵢ = xᵢ − x̄} and
     * {@code r̂ᵢ = (yᵢ − ȳ) − β·cᵢ}; summed over fixed chunks combined in order. Centring subtracts the
     * high part of each mean first (exact for values near it) and then the low part.
     */
    public static double[] residualSums(Dataset data, CentredMoments moments, double[] beta, ForkJoinPool pool) {
        double[] xMean = moments.mean;
        double[] xMeanLow = moments.meanLow;
        double[] dense = data.isSparse() ? null : data.features();
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int d = data.columns();
        int n = data.rows();
        int slot = d + 1;
        // Sparse rows are written out densely here: every row touches d values.
        int chunkRows = ParallelChunks.chunkRows(n, d, slot);
        int chunks = ParallelChunks.chunkCount(n, chunkRows);
        double[] partials = new double[Math.toIntExact((long) chunks * slot)];
        boolean parallel = (long) n * d >= ParallelChunks.PARALLEL_MIN_VALUES;
        ParallelChunks.run(chunks, parallel, pool, c -> {
            int out = c * slot;
            int from = c * chunkRows;
            int to = Math.min(n, from + chunkRows);
            if (d == 1 && dense != null) {
                double[] x = dense;
                // One feature, the common case: the same arithmetic with the sums in registers.
                double b = beta[0];
                double squares = 0.0;
                double cross = 0.0;
                for (int i = from; i < to; i++) {
                    double si = s == null ? 1.0 : s[i];
                    double centred = (x[i] - xMean[0]) - xMeanLow[0];
                    double residual = (y[i] - xMean[1]) - xMeanLow[1];
                    residual -= b * centred;
                    double weighted = si * residual;
                    squares += weighted * residual;
                    cross += weighted * centred;
                }
                partials[out] = squares;
                partials[out + 1] = cross;
                return;
            }
            // Sparse rows are written out one at a time: centring fills in their zeros anyway.
            double[] row = dense == null ? new double[d] : null;
            for (int i = from; i < to; i++) {
                double[] x = dense == null ? row : dense;
                int base = dense == null ? 0 : i * d;
                if (dense == null) {
                    data.copyRow(i, row, 0);
                }
                double si = s == null ? 1.0 : s[i];
                double residual = (y[i] - xMean[d]) - xMeanLow[d];
                for (int j = 0; j < d; j++) {
                    residual -= beta[j] * ((x[base + j] - xMean[j]) - xMeanLow[j]);
                }
                double weighted = si * residual;
                partials[out] += weighted * residual;
                for (int j = 0; j < d; j++) {
                    partials[out + 1 + j] += weighted * ((x[base + j] - xMean[j]) - xMeanLow[j]);
                }
            }
        });
        double[] sums = new double[slot];
        for (int c = 0; c < chunks; c++) {
            for (int k = 0; k < slot; k++) {
                sums[k] += partials[c * slot + k];
            }
        }
        return sums;
    }
}
