package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.SoftmaxLoss;

/**
 * The mean cross-entropy of {@link SoftmaxLoss} over a range of rows, fused: one pass over each row computes
 * its {@code K} scores, one {@code exp} per class serves both the loss and its gradient, and the gradient's
 * {@code K·(d + 1)} sums are added in the same pass, {@code 2·K·d} multiply-adds per row in all.
 *
 * <p>Per row, with {@code M} the largest score, {@code e_k = exp(z_k − M)} and {@code S = Σ e_k}:
 * {@code ℓ = (M − z_y) + log S} and {@code ∂ℓ/∂z_k = e_k/S − [k = y]}, the arithmetic of
 * {@link SoftmaxLoss#valueAndGradient} in the same order, so that a range summed here and by
 * {@link SoftmaxObjective}'s direct loop agree bit for bit.
 */
final class SoftmaxKernel {

    private SoftmaxKernel() {}

    /**
     * Adds {@code [Σ s·ℓ, then per class k: Σ s·∂ℓ/∂z_k, Σ s·∂ℓ/∂z_k·x0, ...]} over rows {@code [from, to)}
     * into {@code partials[out..out+1+K·(d+1))}, which the caller has zeroed.
     */
    static void valueAndGradient(
            Dataset data, int classes, double[] weights, int from, int to, double[] partials, int out) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int d = data.columns();
        int block = d + 1;
        double[] z = new double[classes];
        double sum = 0.0;
        for (int i = from; i < to; i++) {
            scores(data, i, weights, classes, z);
            int label = (int) y[i];
            double labelScore = z[label];
            double max = z[0];
            for (int k = 1; k < classes; k++) {
                max = Math.max(max, z[k]);
            }
            double total = 0.0;
            for (int k = 0; k < classes; k++) {
                double e = Math.exp(z[k] - max);
                total += e;
                z[k] = e;
            }
            double value = (max - labelScore) + Math.log(total);
            double weight = s == null ? 1.0 : s[i];
            sum += s == null ? value : weight * value;
            double inverse = 1.0 / total;
            for (int k = 0; k < classes; k++) {
                double slope = z[k] * inverse;
                if (k == label) {
                    slope -= 1.0;
                }
                if (s != null) {
                    slope *= weight;
                }
                int at = out + 1 + k * block;
                partials[at] += slope;
                data.addScaled(i, slope, partials, at + 1);
            }
        }
        partials[out] = sum;
    }

    /** {@code Σ s·ℓ} over rows {@code [from, to)}. */
    static double value(Dataset data, int classes, double[] weights, int from, int to) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        int d = data.columns();
        double[] z = new double[classes];
        double sum = 0.0;
        for (int i = from; i < to; i++) {
            scores(data, i, weights, classes, z);
            double max = z[0];
            for (int k = 1; k < classes; k++) {
                max = Math.max(max, z[k]);
            }
            double total = 0.0;
            for (int k = 0; k < classes; k++) {
                total += Math.exp(z[k] - max);
            }
            double value = (max - z[(int) y[i]]) + Math.log(total);
            sum += s == null ? value : s[i] * value;
        }
        return sum;
    }

    /** Row {@code i}'s {@code K} scores {@code b_k + Σⱼ c_kj·xᵢⱼ} into {@code z}. */
    static void scores(Dataset data, int i, double[] weights, int classes, double[] z) {
        int block = data.columns() + 1;
        for (int k = 0, from = 0; k < classes; k++, from += block) {
            z[k] = data.linear(i, weights[from], weights, from + 1);
        }
    }
}
