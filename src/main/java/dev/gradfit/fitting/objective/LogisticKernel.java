package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;

/**
 * The mean cross-entropy of {@link LogisticLoss} over a range of rows, fused: one {@code exp} per row
 * serves both the loss and its derivative, where calling {@link Loss#value} and {@link Loss#derivative}
 * separately costs two, and {@code log1p} goes through the intrinsic {@link Math#log}.
 *
 * <p>Per row, with {@code z} the score, {@code e = exp(−|z|)} and {@code t = 1/(1 + e)}:
 * {@code ℓ = max(z, 0) − y·z + log1p(e)} and {@code ∂ℓ/∂z = σ(z) − y} with {@code σ(z) = t} for
 * {@code z ≥ 0} and {@code e·t} otherwise: the formulas of {@link LogisticLoss}, with one division shared
 * between the loss and the derivative; the two differ from {@link LogisticLoss}'s only in the last bits.
 */
final class LogisticKernel {

    private LogisticKernel() {}

    /**
     * Adds {@code [Σ s·ℓ, Σ s·∂ℓ, Σ s·∂ℓ·x0, ...]} over rows {@code [from, to)} into
     * {@code partials[out..out+d+2)}, which the caller has zeroed.
     */
    static void valueAndGradient(Dataset data, double[] weights, int from, int to, double[] partials, int out) {
        double[] x = data.isSparse() ? null : data.features();
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int d = data.columns();
        double sum = 0.0;
        double interceptSum = 0.0;
        if (d == 1 && x != null) {
            // One feature, the common case: every sum in a register.
            double b0 = weights[0];
            double b = weights[1];
            double slopeSum = 0.0;
            for (int i = from; i < to; i++) {
                double z = b0 + b * x[i];
                double e = Math.exp(-Math.abs(z));
                double w = 1.0 + e;
                double t = 1.0 / w;
                double value = Math.max(z, 0.0) - y[i] * z + log1p(e, w, t);
                double slope = (z >= 0 ? t : e * t) - y[i];
                if (s != null) {
                    value *= s[i];
                    slope *= s[i];
                }
                sum += value;
                interceptSum += slope;
                slopeSum += slope * x[i];
            }
            partials[out + 2] = slopeSum;
        } else {
            for (int i = from; i < to; i++) {
                double z = data.linear(i, weights[0], weights, 1);
                double e = Math.exp(-Math.abs(z));
                double w = 1.0 + e;
                double t = 1.0 / w;
                double value = Math.max(z, 0.0) - y[i] * z + log1p(e, w, t);
                double slope = (z >= 0 ? t : e * t) - y[i];
                if (s != null) {
                    value *= s[i];
                    slope *= s[i];
                }
                sum += value;
                interceptSum += slope;
                data.addScaled(i, slope, partials, out + 2);
            }
        }
        partials[out] = sum;
        partials[out + 1] = interceptSum;
    }

    /** {@code Σ s·ℓ} over rows {@code [from, to)}. */
    static double value(Dataset data, double[] weights, int from, int to) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int d = data.columns();
        double sum = 0.0;
        for (int i = from; i < to; i++) {
            double z = data.linear(i, weights[0], weights, 1);
            double e = Math.exp(-Math.abs(z));
            double w = 1.0 + e;
            double value = Math.max(z, 0.0) - y[i] * z + log1p(e, w, 1.0 / w);
            sum += s == null ? value : s[i] * value;
        }
        return sum;
    }

    /**
     * {@code log(1 + e)} for {@code 0 ≤ e ≤ 1}, given {@code w = fl(1 + e)} and {@code t = fl(1/w)}, accurate
     * to a few ulps: {@code r = (1 − w) + e} is the exact rounding error of {@code w} (Fast2Sum, since
     * {@code 1 ≥ e}), and {@code log(w + r) = log(w) + r/w − ...} with {@code |r/w| ≤ 2⁻⁵³}, so the first
     * correction is all that counts. For {@code e} below half an ulp of 1, {@code w = 1} and this is
     * {@code e} itself. {@link Math#log1p} is not an intrinsic on Java 17 and costs several times as much.
     */
    static double log1p(double e, double w, double t) {
        return Math.log(w) + ((1.0 - w) + e) * t;
    }
}
