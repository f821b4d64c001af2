package dev.gradfit.fitting.optimizer;

import dev.gradfit.fitting.core.Checks;

/**
 * AdaGrad, Duchi, Hazan and Singer 2011 ("Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization"): each weight's step is divided by the root of its summed squared gradients,
 * {@code G ← G + g²}, then {@code w ← w − η·g / (√G + ε)}, starting from {@code G = 0}.
 *
 * <p>A weight whose gradient is always zero (the intercept without {@code fitIntercept}) never moves.
 *
 * @param epsilon added to {@code √G}; finite and positive
 */
public record AdaGrad(double epsilon) implements Optimizer {

    /** Added to the denominator so that it is never zero. */
    public static final double DEFAULT_EPSILON = 1e-8;

    public AdaGrad {
        Checks.positive("epsilon", epsilon);
    }

    /** Epsilon {@value #DEFAULT_EPSILON}. */
    public AdaGrad() {
        this(DEFAULT_EPSILON);
    }

    @Override
    public State start(int dimension) {
        double[] squares = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            for (int k = 0; k < weights.length; k++) {
                double g = gradient[k];
                squares[k] += g * g;
                weights[k] -= learningRate * g / (Math.sqrt(squares[k]) + epsilon);
            }
        };
    }

    @Override
    public boolean hasProximalStep() {
        return true;
    }

    /**
     * Diagonal AdaGrad's composite mirror-descent update (Duchi, Hazan and Singer 2011, §5.1): the step of
     * {@link #start}, then soft thresholding at {@code l1} times that weight's own step size
     * {@code η / (√G + ε)}.
     */
    @Override
    public State startProximal(int dimension, double l1) {
        double[] squares = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            for (int k = 0; k < weights.length; k++) {
                double g = gradient[k];
                squares[k] += g * g;
                double rate = learningRate / (Math.sqrt(squares[k]) + epsilon);
                double moved = weights[k] - rate * g;
                weights[k] = k == 0 ? moved : SoftThreshold.shrink(moved, rate * l1);
            }
        };
    }
}
