package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.Loss;
import java.util.Arrays;

/**
 * {@code J(w) = Σ sᵢ·ℓ(b0 + b·xᵢ + oᵢ, yᵢ) / Σ sᵢ} computed directly, one pass over the rows per call, where
 * {@code sᵢ} are the sample weights (all 1 by default, making this the plain mean) and {@code oᵢ} the offsets
 * (all 0 by default).
 *
 * <p>For the squared loss without sample weights this is the tutorial's loop: the gradient is
 * {@code ∂J/∂b0 = (2/n)·Σ(y' − y)} and {@code ∂J/∂bⱼ = (2/n)·Σ xⱼ·(y' − y)}. Without an intercept the
 * intercept's gradient is held at zero, so the intercept keeps its initial value.
 *
 * <p>Mini-batches are supported: the batch cost is the same weighted mean over the batch's rows.
 */
public final class MeanLossObjective implements Objective {

    private final Dataset data;
    private final Loss loss;
    private final boolean fitIntercept;

    /** An objective that fits the intercept. */
    public MeanLossObjective(Dataset data, Loss loss) {
        this(data, loss, true);
    }

    public MeanLossObjective(Dataset data, Loss loss, boolean fitIntercept) {
        if (loss.outputs() != 1) {
            throw new IllegalArgumentException(loss + " is not a pointwise loss; see SoftmaxObjective");
        }
        this.data = data;
        this.loss = loss;
        this.fitIntercept = fitIntercept;
    }

    @Override
    public int dimension() {
        return data.columns() + 1;
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
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        double[] o = data.offsets();
        int n = data.rows();
        int d = data.columns();
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double prediction = data.linear(i, o == null ? weights[0] : weights[0] + o[i], weights, 1);
            double value = loss.value(prediction, y[i]);
            double slope = loss.derivative(prediction, y[i]);
            if (s != null) {
                value *= s[i];
                slope *= s[i];
            }
            sum += value;
            gradient[0] += slope;
            data.addScaled(i, slope, gradient, 1);
        }
        return finish(sum, data.weightSum(), gradient);
    }

    @Override
    public double batchValueAndGradient(double[] weights, double[] gradient, int[] rows, int from, int to) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        double[] o = data.offsets();
        int d = data.columns();
        Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        double total = 0.0;
        for (int r = from; r < to; r++) {
            int i = rows[r];
            double prediction = data.linear(i, o == null ? weights[0] : weights[0] + o[i], weights, 1);
            double weight = s == null ? 1.0 : s[i];
            double slope = weight * loss.derivative(prediction, y[i]);
            sum += weight * loss.value(prediction, y[i]);
            total += weight;
            gradient[0] += slope;
            data.addScaled(i, slope, gradient, 1);
        }
        if (total == 0.0) {
            // Every row of this batch weighs zero: it carries no information, so no step.
            Arrays.fill(gradient, 0.0);
            return 0.0;
        }
        return finish(sum, total, gradient);
    }

    private double finish(double sum, double total, double[] gradient) {
        return mean(sum, total, gradient, fitIntercept);
    }

    /**
     * Turns weighted sums into means: divides the gradient sums by {@code total} in place, holds the
     * intercept's gradient at zero without an intercept, and returns {@code sum / total}.
     */
    static double mean(double sum, double total, double[] gradient, boolean fitIntercept) {
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] /= total;
        }
        if (!fitIntercept) {
            gradient[0] = 0.0;
        }
        return sum / total;
    }

    @Override
    public double value(double[] weights) {
        double[] y = data.targets();
        double[] s = data.sampleWeights();
        double[] o = data.offsets();
        int n = data.rows();
        int d = data.columns();
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double prediction = data.linear(i, o == null ? weights[0] : weights[0] + o[i], weights, 1);
            double value = loss.value(prediction, y[i]);
            sum += s == null ? value : s[i] * value;
        }
        return sum / data.weightSum();
    }

    @Override
    public String toString() {
        return "MeanLossObjective[" + loss + ", rows=" + data.rows() + ", columns=" + data.columns() + ", fitIntercept="
                + fitIntercept + "]";
    }
}
