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
}
