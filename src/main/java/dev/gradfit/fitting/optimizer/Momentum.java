package dev.gradfit.fitting.optimizer;

import dev.gradfit.fitting.core.Checks;

/**
 * Gradient descent with classical (heavy-ball) momentum, Polyak 1964, in the form of Sutskever, Martens,
 * Dahl and Hinton 2013 ("On the importance of initialization and momentum in deep learning"):
 * {@code v ← μ·v − η·∇J(w)}, then {@code w ← w + v}, starting from {@code v = 0}.
 *
 * <p>With {@code μ = 0} it is {@link GradientDescent}.
 *
 * @param momentum the fraction {@code μ} of the previous step kept, in {@code [0, 1)}
 */
public record Momentum(double momentum) implements Optimizer {

    /** The customary momentum coefficient. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    public Momentum {
        Checks.fraction("momentum", momentum);
    }

    /** Momentum {@value #DEFAULT_MOMENTUM}. */
    public Momentum() {
        this(DEFAULT_MOMENTUM);
    }

    @Override
    public State start(int dimension) {
        double[] velocity = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            for (int k = 0; k < weights.length; k++) {
                velocity[k] = momentum * velocity[k] - learningRate * gradient[k];
                weights[k] += velocity[k];
            }
        };
    }

    @Override
    public boolean hasProximalStep() {
        return true;
    }

    /**
     * The inertial proximal step (iPiano; Ochs, Chen, Brox and Pock 2014):
     * {@code w' = prox_{η·l1}(w + μ·v − η·∇J(w))}, and the velocity becomes the step actually taken,
     * {@code v ← w' − w}, so that at a fixed point the velocity is 0 and {@code w} minimises the penalised cost.
     */
    @Override
    public State startProximal(int dimension, double l1) {
        double[] velocity = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            for (int k = 0; k < weights.length; k++) {
                double moved = weights[k] + momentum * velocity[k] - learningRate * gradient[k];
                double next = k == 0 ? moved : SoftThreshold.shrink(moved, learningRate * l1);
                velocity[k] = next - weights[k];
                weights[k] = next;
            }
        };
    }
}
