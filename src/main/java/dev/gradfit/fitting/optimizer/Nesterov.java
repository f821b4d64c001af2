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

    @Override
    public boolean hasProximalStep() {
        return true;
    }

    /**
     * FISTA with a constant momentum (Beck and Teboulle 2009), in the same look-ahead form: the weights held
     * are {@code Θ = θ + μ·v}, where {@code θ} are the proximal iterates; a step takes
     * {@code θ' = prox_{η·l1}(Θ − η·∇J(Θ))}, {@code v ← θ' − θ} and {@code Θ ← θ' + μ·v}. Without the
     * penalty these are exactly the steps of {@link #start}. A coefficient is 0 in {@code Θ} once it has been
     * 0 in two successive {@code θ}.
     */
    @Override
    public State startProximal(int dimension, double l1) {
        double[] velocity = new double[dimension];
        return (weights, gradient, learningRate, step) -> {
            for (int k = 0; k < weights.length; k++) {
                double previous = weights[k] - momentum * velocity[k];
                double descended = weights[k] - learningRate * gradient[k];
                double next = k == 0 ? descended : SoftThreshold.shrink(descended, learningRate * l1);
                velocity[k] = next - previous;
                weights[k] = next + momentum * velocity[k];
            }
        };
    }
}
