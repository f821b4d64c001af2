package dev.gradfit.fitting.optimizer;

import dev.gradfit.fitting.core.Checks;

/**
 * RMSProp, Tieleman and Hinton 2012 (Coursera "Neural Networks for Machine Learning", lecture 6.5): each
 * weight's step is divided by a running root mean square of its gradients,
 * {@code E ← ρ·E + (1 − ρ)·g²}, then {@code w ← w − η·g / (√E + ε)}, starting from {@code E = 0}.
 *
 * @param rho the decay {@code ρ} of the running mean of squared gradients, in {@code [0, 1)}
 * @param epsilon added to {@code √E}; finite and positive
 */
public record RmsProp(double rho, double epsilon) implements Optimizer {

    /** The customary decay of the running mean. */
    public static final double DEFAULT_RHO = 0.9;
    /** Added to the denominator so that it is never zero. */
    public static final double DEFAULT_EPSILON = 1e-8;

    public RmsProp {
        Checks.fraction("rho", rho);
        Checks.positive("epsilon", epsilon);
    }

    /** Rho {@value #DEFAULT_RHO}, epsilon {@value #DEFAULT_EPSILON}. */
    public RmsProp() {
        this(DEFAULT_RHO, DEFAULT_EPSILON);
    }

    @Override
    public State start(int dimension) {
        double[] meanSquares = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            for (int k = 0; k < weights.length; k++) {
                double g = gradient[k];
                meanSquares[k] = rho * meanSquares[k] + (1 - rho) * g * g;
                weights[k] -= learningRate * g / (Math.sqrt(meanSquares[k]) + epsilon);
            }
        };
    }

    @Override
    public boolean hasProximalStep() {
        return true;
    }

    /** The step of {@link #start}, then soft thresholding at {@code l1} times the weight's step size {@code η / (√E + ε)}. */
    @Override
    public State startProximal(int dimension, double l1) {
        double[] meanSquares = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            for (int k = 0; k < weights.length; k++) {
                double g = gradient[k];
                meanSquares[k] = rho * meanSquares[k] + (1 - rho) * g * g;
                double rate = learningRate / (Math.sqrt(meanSquares[k]) + epsilon);
                double moved = weights[k] - rate * g;
                weights[k] = k == 0 ? moved : SoftThreshold.shrink(moved, rate * l1);
            }
        };
    }
}
