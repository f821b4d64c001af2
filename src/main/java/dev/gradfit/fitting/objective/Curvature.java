package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import java.util.function.Consumer;

/**
 * The curvature of the squared-error cost, which bounds the learning rates that plain gradient descent
 * survives.
 *
 * <p>For {@code J(w) = Σ sᵢ·(zᵢ·w − yᵢ)² / Σ sᵢ + l2·‖c‖²} with {@code zᵢ = [1, xᵢ]} the Hessian is the
 * constant matrix {@code H = (2/Σs)·ZᵀSZ + 2·l2·I'} ({@code I'} the identity without the intercept's
 * entry). Gradient descent {@code w ← w − η·∇J} multiplies the error along each eigenvector of {@code H}
 * by {@code 1 − η·λ}, so it converges if and only if {@code η < 2/λmax} (e.g. Nocedal and Wright,
 * "Numerical Optimization", 2nd ed., §3.3). Without an intercept the intercept's row and column are left
 * out, since that weight never moves.
 *
 * <p>{@code λmax} comes from the cyclic Jacobi eigenvalue method (Golub and Van Loan, "Matrix
 * Computations", 4th ed., §8.5) on the explicit {@code (d+1)×(d+1)} Hessian, accurate to rounding.
 */
public final class Curvature {

    /** Beyond this many weights the Hessian is not formed: O(n·d²) to build, O(d³) per sweep. */
    public static final int MAX_DIMENSION = 201;

    private static final int MAX_SWEEPS = 100;

    private Curvature() {}

    /**
     * {@code 2/λmax} for squared loss on {@code data}, or NaN when there are more than
     * {@value #MAX_DIMENSION} weights or {@code λmax} is zero.
     */
    public static double maxStableLearningRate(Dataset data, boolean fitIntercept, double l2) {
        double lambda = largestEigenvalue(hessian(data, fitIntercept, l2));
        return lambda > 0 && Double.isFinite(lambda) ? 2.0 / lambda : Double.NaN;
    }

    /**
     * {@code λmax} of the Hessian for squared loss on {@code data}, or NaN when there are more than
     * {@value #MAX_DIMENSION} weights.
     */
    public static double largestEigenvalue(Dataset data, boolean fitIntercept, double l2) {
        return largestEigenvalue(hessian(data, row -> {}, fitIntercept, l2, SQUARED));
    }

    /**
     * The largest eigenvalue that the Hessian of a cost whose loss has second derivative in the score at most
     * {@code lossCurvature} can reach, at any weights: {@code λmax((c/Σs)·ZᵀSZ + 2·l2·I')}, or NaN when there
     * are more than {@value #MAX_DIMENSION} weights. For the squared loss ({@code c = 2}) it is the Hessian's
     * own; for the logistic loss {@code c = 1/4}; for softmax {@code c = 1/2} (Böhning, "Multinomial logistic
     * regression algorithm", Ann. Inst. Statist. Math. 44, 1992: the Hessian is at most {@code ½(I − 11ᵀ/K) ⊗
     * ZᵀSZ/Σs}, whose largest eigenvalue is at most that of {@code ½·ZᵀSZ/Σs}); for huber {@code c = 1}.
     */
    public static double largestEigenvalue(Dataset data, boolean fitIntercept, double l2, double lossCurvature) {
        return largestEigenvalue(hessian(data, row -> {}, fitIntercept, l2, lossCurvature));
    }

    /**
     * As {@link #largestEigenvalue(Dataset, boolean, double, double)}, on the rows of {@code data} each mapped by
     * {@code space} (in place, one at a time): the standardized features, say, without a standardized copy of the
     * data.
     */
    public static double largestEigenvalue(
            Dataset data, Consumer<double[]> space, boolean fitIntercept, double l2, double lossCurvature) {
        return largestEigenvalue(hessian(data, space, fitIntercept, l2, lossCurvature));
    }

    /** The second derivative of the squared loss {@code (p − y)²} in the prediction. */
    public static final double SQUARED = 2.0;

    /** The Hessian of the squared-error cost (constant in w), or null when too large to form. */
    static double[][] hessian(Dataset data, boolean fitIntercept, double l2) {
        return hessian(data, row -> {}, fitIntercept, l2, SQUARED);
    }

    /** {@code (c/Σs)·ZᵀSZ + 2·l2·I'}, or null when too large to form. */
    private static double[][] hessian(
            Dataset data, Consumer<double[]> space, boolean fitIntercept, double l2, double lossCurvature) {
        int d = data.columns();
        int offset = fitIntercept ? 1 : 0;
        int m = d + offset;
        if (m > MAX_DIMENSION) {
            return null;
        }
        double[][] h = new double[m][m];
        double[] z = new double[m];
        double[] x = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            if (fitIntercept) {
                z[0] = 1.0;
            }
            data.copyRow(i, x, 0);
            space.accept(x);
            System.arraycopy(x, 0, z, offset, d);
            double s = data.sampleWeight(i);
            for (int a = 0; a < m; a++) {
                double sa = s * z[a];
                for (int b = a; b < m; b++) {
                    h[a][b] += sa * z[b];
                }
            }
        }
        double scale = lossCurvature / data.weightSum();
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                h[a][b] *= scale;
                h[b][a] = h[a][b];
            }
            if (a >= offset) {
                h[a][a] += 2.0 * l2;
            }
        }
        return h;
    }

    /** The largest eigenvalue of a symmetric matrix (destroyed), or NaN for null. */
    static double largestEigenvalue(double[][] a) {
        if (a == null) {
            return Double.NaN;
        }
        int m = a.length;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0.0;
            double diagonal = 0.0;
            for (int p = 0; p < m; p++) {
                diagonal += a[p][p] * a[p][p];
                for (int q = p + 1; q < m; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * diagonal) {
                break;
            }
            for (int p = 0; p < m - 1; p++) {
                for (int q = p + 1; q < m; q++) {
                    rotate(a, p, q);
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < m; p++) {
            max = Math.max(max, a[p][p]);
        }
        return max;
    }

    /** One Jacobi rotation zeroing {@code a[p][q]} (Golub and Van Loan, Algorithm 8.5.1). */
    private static void rotate(double[][] a, int p, int q) {
        if (a[p][q] == 0.0) {
            return;
        }
        double tau = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(tau == 0 ? 1 : tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        double c = 1 / Math.sqrt(1 + t * t);
        double s = t * c;
        int m = a.length;
        for (int k = 0; k < m; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < m; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
    }
}
