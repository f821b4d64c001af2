package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.SparseRows;
import dev.gradfit.fitting.loss.SquaredLoss;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * The mean squared error {@code J(w) = Σ sᵢ·(b0 + c·xᵢ − yᵢ)² / Σ sᵢ}, the same function as
 * {@link MeanLossObjective} with {@link SquaredLoss}, computed in double-double arithmetic: every
 * prediction, residual, product and sum carries a second double holding its rounding error (Dekker's
 * TwoSum and an {@code fma}-based TwoProduct; Ogita, Rump and Oishi, "Accurate sum and dot product", SIAM
 * J. Sci. Comput. 26, 2005), and is rounded to a double only at the end.
 *
 * <p>Why: where gradient descent stops is where the computed gradient vanishes, so the rounding error of
 * the gradient sets a floor on how close to the true minimiser any number of epochs can get. Summing
 * {@code rᵢ·xᵢⱼ} in doubles leaves an error of about {@code ε·Σ|rᵢ·xᵢⱼ|}, which is large when the residuals
 * are (noisy data): on NIST's Wampler5 it stops plain-double descent at about 6 correct digits, where
 * this objective reaches 10. It costs about five times the plain loop per epoch.
 *
 * <p>Without an intercept the intercept's gradient is held at zero, as in {@link MeanLossObjective}. A
 * fit whose thread is interrupted stops at the next evaluation with a {@link CancellationException}.
 */
public final class CompensatedSquaredObjective implements Objective {

    private final Dataset data;
    private final boolean fitIntercept;
    private final double[] high;
    private final double[] low;

    /**
     * This objective for the squared loss with full batches, {@code fallback} for everything else (it
     * computes full-batch gradients only).
     */
    public static ObjectiveFactory orElse(ObjectiveFactory fallback) {
        return (data, loss, fitIntercept, fullBatch) -> loss instanceof SquaredLoss && fullBatch
                ? new CompensatedSquaredObjective(data, fitIntercept)
                : fallback.create(data, loss, fitIntercept, fullBatch);
    }

    public CompensatedSquaredObjective(Dataset data, boolean fitIntercept) {
        this.data = data;
        this.fitIntercept = fitIntercept;
        this.high = new double[data.columns() + 1];
        this.low = new double[data.columns() + 1];
    }

    @Override
    public int dimension() {
        return data.columns() + 1;
    }

    @Override
    public double valueAndGradient(double[] weights, double[] gradient) {
        return evaluate(weights, gradient);
    }

    @Override
    public double value(double[] weights) {
        return evaluate(weights, null);
    }

    /**
     * One pass over the rows; the gradient is skipped when {@code gradient} is null.
     *
     * @throws CancellationException if the thread has been interrupted: the fit was cancelled
     */
    private double evaluate(double[] weights, double[] gradient) {
        SufficientStatisticsObjective.checkNotInterrupted();
        // Sparse rows leave their zeros out, which changes nothing: a zero product adds 0 with no error.
        SparseRows sparse = data.sparseRows();
        double[] x = sparse == null ? data.features() : sparse.values();
        int[] columns = sparse == null ? null : sparse.columnIndex();
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int n = data.rows();
        int d = data.columns();
        Arrays.fill(high, 0.0);
        Arrays.fill(low, 0.0);
        double costHigh = 0.0;
        double costLow = 0.0;
        for (int i = 0; i < n; i++) {
            int start = sparse == null ? i * d : sparse.rowStart()[i];
            int end = sparse == null ? start + d : sparse.rowStart()[i + 1];
            // prediction − target, as an unevaluated sum residualHigh + residualLow
            double residualHigh = weights[0];
            double residualLow = 0.0;
            for (int k = start; k < end; k++) {
                double c = weights[1 + (columns == null ? k - start : columns[k])];
                double product = c * x[k];
                double productError = Math.fma(c, x[k], -product);
                double sum = residualHigh + product;
                residualLow += twoSumError(residualHigh, product, sum) + productError;
                residualHigh = sum;
            }
            double sum = residualHigh - y[i];
            residualLow += twoSumError(residualHigh, -y[i], sum);
            residualHigh = sum + residualLow;
            residualLow = residualLow - (residualHigh - sum);
            double square = residualHigh * residualHigh;
            double squareLow = Math.fma(residualHigh, residualHigh, -square) + 2 * residualHigh * residualLow;
            if (s != null) {
                // sᵢ·r² and sᵢ·r, each product split into its rounded value and its exact error
                double weighted = square * s[i];
                squareLow = Math.fma(square, s[i], -weighted) + squareLow * s[i];
                square = weighted;
                double scaled = residualHigh * s[i];
                residualLow = Math.fma(residualHigh, s[i], -scaled) + residualLow * s[i];
                residualHigh = scaled;
            }
            double total = costHigh + square;
            costLow += twoSumError(costHigh, square, total) + squareLow;
            costHigh = total;
            if (gradient != null) {
                accumulate(residualHigh, residualLow, x, columns, start, end);
            }
        }
        double total = data.weightSum();
        if (gradient != null) {
            // ∂J/∂b0 = (2/S)·Σ sᵢ·rᵢ and ∂J/∂cⱼ = (2/S)·Σ sᵢ·rᵢ·xᵢⱼ
            for (int k = 0; k <= d; k++) {
                gradient[k] = 2.0 * (high[k] + low[k]) / total;
            }
            if (!fitIntercept) {
                gradient[0] = 0.0;
            }
        }
        return (costHigh + costLow) / total;
    }

    /** Adds {@code r·1} to entry 0 and {@code r·xⱼ} to entry {@code j + 1}, with {@code r = rHigh + rLow}. */
    private void accumulate(double rHigh, double rLow, double[] x, int[] columns, int start, int end) {
        add(0, rHigh, rLow);
        for (int k = start; k < end; k++) {
            double xj = x[k];
            double product = rHigh * xj;
            double error = Math.fma(rHigh, xj, -product) + rLow * xj;
            add(1 + (columns == null ? k - start : columns[k]), product, error);
        }
    }

    private void add(int k, double value, double error) {
        double sum = high[k] + value;
        low[k] += twoSumError(high[k], value, sum) + error;
        high[k] = sum;
    }

    /** The exact rounding error of {@code sum = a + b} (Knuth's TwoSum, branch-free). */
    private static double twoSumError(double a, double b, double sum) {
        double bVirtual = sum - a;
        return (a - (sum - bVirtual)) + (b - bVirtual);
    }

    @Override
    public String toString() {
        return "CompensatedSquaredObjective[rows=" + data.rows() + ", columns=" + data.columns() + ", fitIntercept="
                + fitIntercept + "]";
    }
}
