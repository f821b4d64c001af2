package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.LogLinkLoss;

/**
 * The mean half deviance of a {@link LogLinkLoss} over a range of rows, fused: the exponentials of a row
 * serve both its loss and its derivative, and the part of the loss that depends on the target alone
 * ({@link LogLinkLoss#constant}, a logarithm or a power per row) is summed once per chunk when the objective
 * is built, not once per row and epoch.
 *
 * <p>Per row, with the score {@code z} (the row's offset included), {@code a = 2 − p} and {@code b = 1 − p}, the kernel sums the part
 * {@code ℓ − constant(y)}:
 *
 * <ul>
 *   <li>Poisson: {@code e^z − y·z}, derivative {@code e^z − y}; one {@code exp};
 *   <li>Gamma: {@code z + y·e^−z}, derivative {@code 1 − y·e^−z}; one {@code exp};
 *   <li>Tweedie: {@code e^(a·z)/a − y·e^(b·z)/b}, derivative {@code e^(a·z) − y·e^(b·z)}; two.
 * </ul>
 *
 * The sum of those parts and of the constants is {@link LogLinkLoss#value}'s sum but for rounding: the two
 * cancel where the model fits, so a chunk's cost is exact to about {@code 1e-16} of the sum of the constants'
 * magnitudes rather than of the cost itself, which is ample for descent. The reported cost of a fit is
 * computed point by point ({@link CostOfWeights}).
 */
final class LogLinkKernel {

    private LogLinkKernel() {}

    /** {@code Σ s·constant(y)} over rows {@code [from, to)}: computed once per chunk. */
    static double constants(Dataset data, LogLinkLoss loss, int from, int to) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        double sum = 0.0;
        for (int i = from; i < to; i++) {
            double c = loss.constant(y[i]);
            sum += s == null ? c : s[i] * c;
        }
        return sum;
    }

    /**
     * Adds {@code [Σ s·(ℓ − constant), Σ s·∂ℓ, Σ s·∂ℓ·x0, ...]} over rows {@code [from, to)} into
     * {@code partials[out..out+d+2)}, which the caller has zeroed.
     */
    static void valueAndGradient(
            Dataset data, LogLinkLoss loss, double[] weights, int from, int to, double[] partials, int out) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        double[] o = data.offsets();
        int d = data.columns();
        double p = loss.power();
        double sum = 0.0;
        double interceptSum = 0.0;
        for (int i = from; i < to; i++) {
            double z = data.linear(i, o == null ? weights[0] : weights[0] + o[i], weights, 1);
            double value;
            double slope;
            if (p == 1.0) {
                double mu = Math.exp(z);
                value = mu - y[i] * z;
                slope = mu - y[i];
            } else if (p == 2.0) {
                double inverse = y[i] * Math.exp(-z);
                value = z + inverse;
                slope = 1.0 - inverse;
            } else {
                double high = Math.exp((2.0 - p) * z);
                double low = y[i] == 0.0 ? 0.0 : y[i] * Math.exp((1.0 - p) * z);
                value = high / (2.0 - p) - low / (1.0 - p);
                slope = high - low;
            }
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

    /** {@code Σ s·(ℓ − constant)} over rows {@code [from, to)}. */
    static double value(Dataset data, LogLinkLoss loss, double[] weights, int from, int to) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        double[] o = data.offsets();
        int d = data.columns();
        double p = loss.power();
        double sum = 0.0;
        for (int i = from; i < to; i++) {
            double z = data.linear(i, o == null ? weights[0] : weights[0] + o[i], weights, 1);
            double value;
            if (p == 1.0) {
                value = Math.exp(z) - y[i] * z;
            } else if (p == 2.0) {
                value = z + y[i] * Math.exp(-z);
            } else {
                double low = y[i] == 0.0 ? 0.0 : y[i] * Math.exp((1.0 - p) * z);
                value = Math.exp((2.0 - p) * z) / (2.0 - p) - low / (1.0 - p);
            }
            sum += s == null ? value : s[i] * value;
        }
        return sum;
    }
}
