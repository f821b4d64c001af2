package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import java.util.Arrays;

/**
 * {@code J(W) = Σ sᵢ·ℓ(zᵢ, yᵢ) / Σ sᵢ} for the {@link SoftmaxLoss} over {@code K} classes, computed directly,
 * one pass over the rows per call: the multi-output counterpart of {@link MeanLossObjective}. The weights are
 * {@code K} blocks {@code [b_k, c_k0, ..., c_k(d−1)]} (see {@link dev.gradfit.fitting.core.Weights#toVector}),
 * so {@link #dimension()} is {@code K·(d + 1)}, and the gradient has the same layout:
 * {@code ∂J/∂b_k = Σ sᵢ·(p_ik − [yᵢ = k]) / Σ sᵢ}, {@code ∂J/∂c_kj = Σ sᵢ·(p_ik − [yᵢ = k])·xᵢⱼ / Σ sᵢ}.
 *
 * <p>The gradient sums to zero over the classes, entry by entry: plain gradient descent from zero weights
 * keeps {@code Σ_k b_k = 0} and {@code Σ_k c_kj = 0} (to rounding). Without an intercept every intercept's
 * gradient is held at zero, so the intercepts keep their initial values. Mini-batches are supported.
 *
 * @see ParallelSoftmaxObjective the same cost on several cores, with a fused kernel
 */
public final class SoftmaxObjective implements Objective {

    private final Dataset data;
    private final SoftmaxLoss loss;
    private final boolean fitIntercept;
    private final double[] scores;

    /**
     * @throws IllegalArgumentException if a target is not a class index {@code 0..K−1}
     */
    public SoftmaxObjective(Dataset data, SoftmaxLoss loss, boolean fitIntercept) {
        requireLabels(data, loss);
        this.data = data;
        this.loss = loss;
        this.fitIntercept = fitIntercept;
        this.scores = new double[2 * loss.classes()];
    }

    /**
     * Checks that every target is a class index of {@code loss}.
     *
     * @throws IllegalArgumentException naming the first row whose target is not
     */
    static void requireLabels(Dataset data, SoftmaxLoss loss) {
        double[] y = data.targets();
        for (int i = 0; i < y.length; i++) {
            if (!loss.acceptsTarget(y[i])) {
                throw new IllegalArgumentException("target " + i + " is " + y[i] + ", not a class index 0 to "
                        + (loss.classes() - 1) + " of " + loss);
            }
        }
    }

    @Override
    public int dimension() {
        return loss.classes() * (data.columns() + 1);
    }

    @Override
    public int outputs() {
        return loss.classes();
    }

    @Override
    public int rows() {
        return data.rows();
    }

    @Override
    public boolean supportsBatches() {
        return true;
    }

    @Override
    public double valueAndGradient(double[] weights, double[] gradient) {
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            sum += addRow(weights, gradient, i);
        }
        return mean(sum, data.weightSum(), gradient);
    }

    @Override
    public double batchValueAndGradient(double[] weights, double[] gradient, int[] rows, int from, int to) {
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        double total = 0.0;
        for (int r = from; r < to; r++) {
            sum += addRow(weights, gradient, rows[r]);
            total += data.sampleWeight(rows[r]);
        }
        if (total == 0.0) {
            // Every row of this batch weighs zero: it carries no information, so no step.
            Arrays.fill(gradient, 0.0);
            return 0.0;
        }
        return mean(sum, total, gradient);
    }

    @Override
    public double value(double[] weights) {
        int d = data.columns();
        int classes = loss.classes();
        double sum = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            SoftmaxKernel.scores(data, i, weights, classes, scores);
            double value = loss.value(scores, 0, data.target(i));
            sum += data.isWeighted() ? data.sampleWeight(i) * value : value;
        }
        return sum / data.weightSum();
    }

    /** Adds row {@code i}'s weighted gradient into {@code gradient} and returns its weighted loss. */
    private double addRow(double[] weights, double[] gradient, int i) {
        int d = data.columns();
        int classes = loss.classes();
        SoftmaxKernel.scores(data, i, weights, classes, scores);
        double value = loss.valueAndGradient(scores, 0, data.target(i), scores, classes);
        double weight = data.sampleWeight(i);
        for (int k = 0; k < classes; k++) {
            double slope = scores[classes + k];
            if (data.isWeighted()) {
                slope *= weight;
            }
            int at = k * (d + 1);
            gradient[at] += slope;
            data.addScaled(i, slope, gradient, at + 1);
        }
        return data.isWeighted() ? weight * value : value;
    }

    /** Divides the sums by {@code total}, holds the intercepts' gradients at zero without an intercept. */
    private double mean(double sum, double total, double[] gradient) {
        return mean(sum, total, gradient, fitIntercept, data.columns() + 1);
    }

    static double mean(double sum, double total, double[] gradient, boolean fitIntercept, int block) {
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] /= total;
        }
        if (!fitIntercept) {
            for (int k = 0; k < gradient.length; k += block) {
                gradient[k] = 0.0;
            }
        }
        return sum / total;
    }

    @Override
    public String toString() {
        return "SoftmaxObjective[" + loss + ", rows=" + data.rows() + ", columns=" + data.columns() + ", fitIntercept="
                + fitIntercept + "]";
    }
}
