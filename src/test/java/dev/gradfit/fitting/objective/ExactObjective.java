package dev.gradfit.fitting.objective;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The weighted mean squared error and its gradient in exact decimal arithmetic: every product and sum
 * of doubles is exact in {@link BigDecimal}, and only the final division by {@code Σ s} rounds (to 34
 * digits). An oracle that shares no code and no rounding with the objectives under test.
 */
final class ExactObjective {

    private ExactObjective() {}

    /** Returns {@code [J, ∂J/∂b0, ∂J/∂b1, ...]} at {@code weights}; the intercept's gradient always. */
    static double[] valueAndGradient(double[] x, int d, double[] y, double[] s, double[] weights) {
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal[] gradient = new BigDecimal[d + 1];
        java.util.Arrays.fill(gradient, BigDecimal.ZERO);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal[] w = new BigDecimal[d + 1];
        for (int k = 0; k <= d; k++) {
            w[k] = new BigDecimal(weights[k]);
        }
        BigDecimal two = BigDecimal.valueOf(2);
        for (int i = 0; i < y.length; i++) {
            BigDecimal si = s == null ? BigDecimal.ONE : new BigDecimal(s[i]);
            BigDecimal residual = w[0].subtract(new BigDecimal(y[i]));
            for (int j = 0; j < d; j++) {
                residual = residual.add(w[j + 1].multiply(new BigDecimal(x[i * d + j])));
            }
            BigDecimal weighted = si.multiply(residual);
            cost = cost.add(weighted.multiply(residual));
            gradient[0] = gradient[0].add(two.multiply(weighted));
            for (int j = 0; j < d; j++) {
                gradient[j + 1] = gradient[j + 1].add(two.multiply(weighted).multiply(new BigDecimal(x[i * d + j])));
            }
            total = total.add(si);
        }
        double[] out = new double[d + 2];
        out[0] = cost.divide(total, MathContext.DECIMAL128).doubleValue();
        for (int k = 0; k <= d; k++) {
            out[k + 1] = gradient[k].divide(total, MathContext.DECIMAL128).doubleValue();
        }
        return out;
    }
}
