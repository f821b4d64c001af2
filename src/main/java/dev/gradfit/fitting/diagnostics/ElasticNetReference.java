package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.objective.SufficientStatisticsObjective;

/**
 * The exact minimiser of the squared-loss objective with an L1 penalty (the lasso, or the elastic net with
 * L2 as well), by cyclic coordinate descent (Friedman, Hastie and Tibshirani 2010, "Regularization Paths for
 * Generalized Linear Models via Coordinate Descent"):
 *
 * <pre>
 *   J(b0, c) = Σ sᵢ·(b0 + c·xᵢ − yᵢ)² / Σ sᵢ  +  l1·Σⱼ |cⱼ|  +  l2·Σⱼ cⱼ²
 * </pre>
 *
 * <p>With the columns and targets centred about their weighted means (when the intercept is free), the
 * Gram matrix {@code G = X̃ᵀSX̃ / Σ sᵢ} and {@code q = X̃ᵀSỹ / Σ sᵢ} make each coordinate's problem a parabola
 * plus {@code l1·|cⱼ|}, whose minimiser is {@code cⱼ = shrink(ρⱼ, l1/2) / (Gⱼⱼ + l2)} with
 * {@code ρⱼ = qⱼ − Σ_{k≠j} Gⱼₖ·cₖ}. Sweeps repeat until none moves a coefficient by more than rounding; then
 * {@code b0 = ȳ − Σ cⱼ·x̄ⱼ}. The objective is convex, so the limit is its minimiser, unique when
 * {@code l2 > 0} or the columns are independent.
 *
 * <p>In scikit-learn's terms ({@code (1/2n)·‖y − Xw‖² + α·ρ·‖w‖₁ + (α·(1 − ρ)/2)·‖w‖²}, which is
 * {@code J/2}): {@code Lasso(alpha = l1/2)}, and {@code ElasticNet(alpha = l1/2 + l2, l1_ratio = (l1/2) /
 * (l1/2 + l2))}.
 */
final class ElasticNetReference {

    /** The most sweeps; converging problems need tens to thousands, nearly collinear ones more. */
    static final int MAX_SWEEPS = 1_000_000;

    /** The most multiply-adds all sweeps together may take ({@code sweeps × d²}). */
    static final long MAX_SWEEP_WORK = 200_000_000L;

    private ElasticNetReference() {}

    /**
     * @param data the points in the space the optimizer sees
     * @param fitIntercept whether the intercept is a free variable
     * @param fixedIntercept the intercept when it is not free; ignored otherwise
     * @return the minimiser, or {@code null} if the sweeps did not settle within their limits
     */
    static Weights solve(Dataset data, boolean fitIntercept, double fixedIntercept, double l1, double l2) {
        int n = data.rows();
        int d = data.columns();
        double total = data.weightSum();
        double[] means = new double[d + 1];
        if (fitIntercept) {
            for (int j = 0; j <= d; j++) {
                means[j] = mean(data, j);
            }
        } else {
            means[d] = fixedIntercept;
        }
        double[] gram = new double[d * d];
        double[] q = new double[d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            double s = data.sampleWeight(i);
            if (s == 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                centred[j] = data.feature(i, j) - means[j];
            }
            double target = data.target(i) - means[d];
            for (int j = 0; j < d; j++) {
                double weighted = s * centred[j];
                q[j] += weighted * target;
                for (int k = 0; k <= j; k++) {
                    gram[j * d + k] += weighted * centred[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            q[j] /= total;
            for (int k = 0; k <= j; k++) {
                gram[j * d + k] /= total;
                gram[k * d + j] = gram[j * d + k];
            }
        }
        double[] c = sweep(gram, q, d, l1, l2);
        if (c == null) {
            return null;
        }
        double intercept = means[d];
        if (fitIntercept) {
            for (int j = 0; j < d; j++) {
                intercept -= c[j] * means[j];
            }
        }
        return new Weights(intercept, c);
    }

    private static double[] sweep(double[] gram, double[] q, int d, double l1, double l2) {
        double[] c = new double[d];
        long sweeps = Math.min(MAX_SWEEPS, MAX_SWEEP_WORK / Math.max(1L, (long) d * d));
        for (long sweep = 0; sweep < sweeps; sweep++) {
            if ((sweep & 1023) == 0) {
                SufficientStatisticsObjective.checkNotInterrupted();
            }
            double change = 0.0;
            double size = 0.0;
            for (int j = 0; j < d; j++) {
                double curvature = gram[j * d + j] + l2;
                double rho = q[j];
                for (int k = 0; k < d; k++) {
                    if (k != j) {
                        rho -= gram[j * d + k] * c[k];
                    }
                }
                // A column with no spread and no L2: the L1 term alone, minimised at 0.
                double next = curvature > 0 ? shrink(rho, l1 / 2) / curvature : 0.0;
                change = Math.max(change, Math.abs(next - c[j]));
                size = Math.max(size, Math.abs(next));
                c[j] = next;
            }
            // Linear convergence stalls at rounding: a sweep that moves nothing by more than a few ulps of the
            // largest coefficient has arrived.
            if (change <= 4 * Math.ulp(size)) {
                return c;
            }
        }
        return null;
    }

    private static double shrink(double v, double t) {
        return v > t ? v - t : v < -t ? v + t : 0.0;
    }

    /** The weighted mean of column {@code j} (the targets for {@code j = d}), with a correcting second pass. */
    private static double mean(Dataset data, int j) {
        int d = data.columns();
        double total = data.weightSum();
        double sum = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            sum += data.sampleWeight(i) * (j == d ? data.target(i) : data.feature(i, j));
        }
        double mean = sum / total;
        double correction = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            correction += data.sampleWeight(i) * ((j == d ? data.target(i) : data.feature(i, j)) - mean);
        }
        return mean + correction / total;
    }
}
