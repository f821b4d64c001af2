package dev.gradfit.fitting.optimizer;

import dev.gradfit.fitting.core.Checks;

/**
 * Adam, Kingma and Ba 2015 ("Adam: A Method for Stochastic Optimization", Algorithm 1): running means of
 * the gradient and of its square, corrected for their start at zero.
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 * m̂ = m / (1 − β1^t)             v̂ = v / (1 − β2^t)
 * w ← w − η·m̂ / (√v̂ + ε)
 * </pre>
 *
 * <p>{@code t} is the step number the trainer passes, from 1. The first step moves every weight with a
 * non-zero gradient by about {@code η} against the sign of its gradient.
 *
 * @param beta1 decay of the first moment, in {@code [0, 1)}
 * @param beta2 decay of the second moment, in {@code [0, 1)}
 * @param epsilon added to {@code √v̂}; finite and positive
 */
public record Adam(double beta1, double beta2, double epsilon) implements Optimizer {

    /** Decay of the running mean of gradients, from the paper. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Decay of the running mean of squared gradients, from the paper. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Added to the denominator so that it is never zero, from the paper. */
    public static final double DEFAULT_EPSILON = 1e-8;

    public Adam {
        Checks.fraction("beta1", beta1);
        Checks.fraction("beta2", beta2);
        Checks.positive("epsilon", epsilon);
    }

    /** The paper's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8. */
    public Adam() {
        this(DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    @Override
    public State start(int dimension) {
        double[] m = new double[dimension];
        double[] v = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            double correction1 = 1 - Math.pow(beta1, step);
            double correction2 = 1 - Math.pow(beta2, step);
            for (int k = 0; k < weights.length; k++) {
                double g = gradient[k];
                m[k] = beta1 * m[k] + (1 - beta1) * g;
                v[k] = beta2 * v[k] + (1 - beta2) * g * g;
                weights[k] -= learningRate * (m[k] / correction1) / (Math.sqrt(v[k] / correction2) + epsilon);
            }
        };
    }

    @Override
    public boolean hasProximalStep() {
        return true;
    }

    /**
     * Proximal Adam: the step of {@link #start}, then soft thresholding at {@code l1} times the weight's step
     * size {@code η / (√v̂ + ε)}, so that at a fixed point (where {@code m̂} is the gradient) the weights
     * minimise the penalised cost.
     */
    @Override
    public State startProximal(int dimension, double l1) {
        double[] m = new double[dimension];
        double[] v = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            double correction1 = 1 - Math.pow(beta1, step);
            double correction2 = 1 - Math.pow(beta2, step);
            for (int k = 0; k < weights.length; k++) {
                double g = gradient[k];
                m[k] = beta1 * m[k] + (1 - beta1) * g;
                v[k] = beta2 * v[k] + (1 - beta2) * g * g;
                double rate = learningRate / (Math.sqrt(v[k] / correction2) + epsilon);
                double moved = weights[k] - rate * (m[k] / correction1);
                weights[k] = k == 0 ? moved : SoftThreshold.shrink(moved, rate * l1);
            }
        };
    }
}
