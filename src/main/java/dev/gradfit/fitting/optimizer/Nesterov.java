package dev.gradfit.fitting.optimizer;

import dev.gradfit.fitting.core.Checks;

/**
 * Nesterov's accelerated gradient (Nesterov 1983), in the form of Bengio, Boulanger-Lewandowski and
 * Pascanu 2013 ("Advances in optimizing recurrent networks") that needs the gradient only at the current
 * weights: {@code v ← μ·v − η·∇J(w)}, then {@code w ← w + μ·v − η·∇J(w)}, starting from {@code v = 0}.
 *
 * <p>It differs from {@link Momentum} by looking one velocity step ahead; with {@code μ = 0} it is
 * {@link GradientDescent}.
 *
 * @param momentum the fraction {@code μ} of the previous step kept, in {@code [0, 1)}
 */
public record Nesterov(double momentum) implements Optimizer {

    /** The customary momentum coefficient. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    public Nesterov {
        Checks.fraction("momentum", momentum);
    }

    /** Momentum {@value #DEFAULT_MOMENTUM}. */
    public Nesterov() {
        this(DEFAULT_MOMENTUM);
    }

    @Override
    public State start(int dimension) {
        double[] velocity = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            for (int k = 0; k < weights.length; k++) {
                double descent = learningRate * gradient[k];
                velocity[k] = momentum * velocity[k] - descent;
                weights[k] += momentum * velocity[k] - descent;
            }
        };
    }
}
