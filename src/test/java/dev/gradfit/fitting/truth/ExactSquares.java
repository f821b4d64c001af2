package dev.gradfit.fitting.truth;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The weighted mean squared error in exact decimal arithmetic, and its minimiser from the normal equations
 * solved with 120 significant digits: every double is an exact decimal, so products and sums of the data
 * are exact and only divisions round, far below what any test here resolves. Shares no code with gradfit.
 */
final class ExactSquares {

    private static final MathContext DIGITS = new MathContext(120);

    private ExactSquares() {}

    /** {@code Σ sᵢ·(w0 + w·xᵢ − yᵢ)² / Σ sᵢ}, rows of {@code x} row-major with {@code d} columns. */
    static BigDecimal cost(double[] x, int d, double[] y, double[] s, BigDecimal[] w) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < y.length; i++) {
            BigDecimal r = w[0].subtract(new BigDecimal(y[i]));
            for (int j = 0; j < d; j++) {
                r = r.add(w[j + 1].multiply(new BigDecimal(x[i * d + j])));
            }
            BigDecimal si = s == null ? BigDecimal.ONE : new BigDecimal(s[i]);
            sum = sum.add(si.multiply(r).multiply(r));
            total = total.add(si);
        }
        return sum.divide(total, DIGITS);
    }

    static BigDecimal cost(double[] x, int d, double[] y, double[] s, double[] w) {
        BigDecimal[] exact = new BigDecimal[w.length];
        for (int k = 0; k < w.length; k++) {
            exact[k] = new BigDecimal(w[k]);
        }
        return cost(x, d, y, s, exact);
    }

    /** The minimiser {@code [b0, b1, ...]} with an intercept, by Gaussian elimination on the normal equations. */
    static BigDecimal[] minimiser(double[] x, int d, double[] y, double[] s) {
        int p = d + 1;
        BigDecimal[][] a = new BigDecimal[p][p + 1];
        for (BigDecimal[] row : a) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        for (int i = 0; i < y.length; i++) {
            BigDecimal[] z = new BigDecimal[p + 1];
            z[0] = BigDecimal.ONE;
            for (int j = 0; j < d; j++) {
                z[j + 1] = new BigDecimal(x[i * d + j]);
            }
            z[p] = new BigDecimal(y[i]);
            BigDecimal si = s == null ? BigDecimal.ONE : new BigDecimal(s[i]);
            for (int u = 0; u < p; u++) {
                for (int v = 0; v <= p; v++) {
                    a[u][v] = a[u][v].add(si.multiply(z[u]).multiply(z[v]));
                }
            }
        }
        for (int k = 0; k < p; k++) {
            int pivot = k;
            for (int r = k + 1; r < p; r++) {
                if (a[r][k].abs().compareTo(a[pivot][k].abs()) > 0) {
                    pivot = r;
                }
            }
            BigDecimal[] swap = a[k];
            a[k] = a[pivot];
            a[pivot] = swap;
            for (int r = k + 1; r < p; r++) {
                BigDecimal factor = a[r][k].divide(a[k][k], DIGITS);
                for (int c = k; c <= p; c++) {
                    a[r][c] = a[r][c].subtract(factor.multiply(a[k][c]), DIGITS);
                }
            }
        }
        BigDecimal[] w = new BigDecimal[p];
        for (int k = p - 1; k >= 0; k--) {
            BigDecimal sum = a[k][p];
            for (int c = k + 1; c < p; c++) {
                sum = sum.subtract(a[k][c].multiply(w[c]), DIGITS);
            }
            w[k] = sum.divide(a[k][k], DIGITS);
        }
        return w;
    }

    /**
     * The costs after 0, 1, …, {@code epochs} epochs of plain gradient descent {@code w ← w − η·∇J(w)} from
     * {@code start}, every step in 120-digit decimal arithmetic; the intercept stays put without one.
     */
    static BigDecimal[] descentCosts(
            double[] x, int d, double[] y, double[] start, double rate, int epochs, boolean fitIntercept) {
        BigDecimal eta = new BigDecimal(rate);
        BigDecimal[] w = new BigDecimal[d + 1];
        for (int k = 0; k <= d; k++) {
            w[k] = new BigDecimal(start[k]);
        }
        BigDecimal n = BigDecimal.valueOf(y.length);
        BigDecimal[] costs = new BigDecimal[epochs + 1];
        for (int epoch = 0; ; epoch++) {
            costs[epoch] = cost(x, d, y, null, w);
            if (epoch == epochs) {
                return costs;
            }
            BigDecimal[] gradient = new BigDecimal[d + 1];
            java.util.Arrays.fill(gradient, BigDecimal.ZERO);
            for (int i = 0; i < y.length; i++) {
                BigDecimal r = w[0].subtract(new BigDecimal(y[i]));
                for (int j = 0; j < d; j++) {
                    r = r.add(w[j + 1].multiply(new BigDecimal(x[i * d + j])), DIGITS);
                }
                gradient[0] = gradient[0].add(r, DIGITS);
                for (int j = 0; j < d; j++) {
                    gradient[j + 1] = gradient[j + 1].add(r.multiply(new BigDecimal(x[i * d + j])), DIGITS);
                }
            }
            for (int k = fitIntercept ? 0 : 1; k <= d; k++) {
                BigDecimal g = gradient[k].multiply(BigDecimal.valueOf(2)).divide(n, DIGITS);
                w[k] = w[k].subtract(eta.multiply(g), DIGITS);
            }
        }
    }

    /** {@code |actual − expected| / expected}. */
    static double relativeError(double actual, BigDecimal expected) {
        return new BigDecimal(actual)
                .subtract(expected)
                .abs()
                .divide(expected.abs(), MathContext.DECIMAL64)
                .doubleValue();
    }
}
