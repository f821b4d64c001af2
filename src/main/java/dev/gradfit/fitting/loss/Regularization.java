package dev.gradfit.fitting.loss;

/**
 * An elastic-net penalty on the coefficients, never on the intercept:
 * {@code R(w) = l1·Σⱼ|cⱼ| + l2·Σⱼ cⱼ²}, added to the mean loss by {@link dev.gradfit.fitting.objective.RegularizedObjective}.
 *
 * <p>The L2 term has no factor 1/2, like the tutorial's squared error, so that ridge regression is
 * {@code J = (1/n)·Σ(y' − y)² + l2·‖c‖²} and its exact minimiser solves
 * {@code (XᵀX/n + l2·I') w = Xᵀy/n} with {@code I'} the identity without the intercept's entry. The L1 term
 * is not differentiable at 0 and does not enter the gradient descent follows ({@link #addSmoothGradient}):
 * each optimizer takes it by a proximal step (soft thresholding) after its own step, so that a coefficient
 * whose optimum is 0 lands on 0 exactly rather than jumping across it.
 *
 * @param l1 the weight of the L1 norm, finite and non-negative; 0 by default
 * @param l2 the weight of the squared L2 norm, finite and non-negative; 0 by default
 */
public record Regularization(double l1, double l2) {

    /** No penalty: the tutorial's cost. */
    public static final Regularization NONE = new Regularization(0.0, 0.0);

    public Regularization {
        requireNonNegative("l1", l1);
        requireNonNegative("l2", l2);
    }

    /** Whether either weight is positive. */
    public boolean isActive() {
        return l1 > 0 || l2 > 0;
    }

    /** {@code R(w)} for {@code weights = [intercept, c0, c1, ...]}. */
    public double penalty(double[] weights) {
        return penalty(weights, 1);
    }

    /**
     * {@code R(w)} summed over the {@code outputs} blocks {@code [b_k, c_k0, c_k1, ...]} of {@code weights}
     * (the layout of {@link dev.gradfit.fitting.core.Weights#toVector}): every coefficient of every output is
     * penalised, no intercept.
     */
    public double penalty(double[] weights, int outputs) {
        int block = weights.length / outputs;
        double abs = 0.0;
        double squares = 0.0;
        for (int k = 0; k < weights.length; k++) {
            if (k % block != 0) {
                abs += Math.abs(weights[k]);
                squares += weights[k] * weights[k];
            }
        }
        return l1 * abs + l2 * squares;
    }

    /**
     * Adds the gradient of the smooth part of {@code R}, {@code 2·l2·cⱼ}, to {@code gradient}; the intercept's
     * entry is untouched. The L1 part is left to the optimizer's proximal step.
     */
    public void addSmoothGradient(double[] weights, double[] gradient) {
        addSmoothGradient(weights, gradient, 1);
    }

    /** {@link #addSmoothGradient(double[], double[])} over {@code outputs} blocks, as {@link #penalty(double[], int)}. */
    public void addSmoothGradient(double[] weights, double[] gradient, int outputs) {
        int block = weights.length / outputs;
        for (int k = 0; k < weights.length; k++) {
            if (k % block != 0) {
                gradient[k] += 2.0 * l2 * weights[k];
            }
        }
    }

    /** Adds {@code ∇R(w)} (a subgradient for L1) to {@code gradient}; the intercept's entry is untouched. */
    public void addGradient(double[] weights, double[] gradient) {
        for (int k = 1; k < weights.length; k++) {
            gradient[k] += l1 * Math.signum(weights[k]) + 2.0 * l2 * weights[k];
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and non-negative, was " + value);
        }
    }

    @Override
    public String toString() {
        return "Regularization[l1=" + l1 + ", l2=" + l2 + "]";
    }
}
