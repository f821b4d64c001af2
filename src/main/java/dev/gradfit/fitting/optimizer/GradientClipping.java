package dev.gradfit.fitting.optimizer;

import dev.gradfit.fitting.core.Checks;
import java.util.Objects;

/**
 * Wraps an optimizer so that it never sees a gradient longer than {@code maxNorm}: a gradient {@code g}
 * with {@code ‖g‖₂ > maxNorm} is rescaled to {@code g·maxNorm/‖g‖₂} (Pascanu, Mikolov and Bengio 2013,
 * "On the difficulty of training recurrent neural networks"). Shorter gradients pass unchanged.
 *
 * @param optimizer the rule that receives the clipped gradients; not a {@link LineSearchOptimizer}, whose steps
 *     follow the cost, not the length of the gradient
 * @param maxNorm the largest L2 norm passed on; finite and positive
 */
public record GradientClipping(Optimizer optimizer, double maxNorm) implements Optimizer {

    public GradientClipping {
        Objects.requireNonNull(optimizer, "optimizer");
        if (optimizer instanceof LineSearchOptimizer) {
            throw new IllegalArgumentException("clipNorm does not apply to " + optimizer + ", whose line search sets"
                    + " the length of every step");
        }
        Checks.positive("clipNorm", maxNorm);
    }

    @Override
    public State start(int dimension) {
        State inner = optimizer.start(dimension);
        return (weights, gradient, learningRate, step) -> {
            double squares = 0.0;
            for (double g : gradient) {
                squares += g * g;
            }
            double norm = Math.sqrt(squares);
            if (norm > maxNorm) {
                double scale = maxNorm / norm;
                for (int k = 0; k < gradient.length; k++) {
                    gradient[k] *= scale;
                }
            }
            inner.step(weights, gradient, learningRate, step);
        };
    }

    /** {@code GradientClipping[<optimizer>, maxNorm=<maxNorm>]}: the wrapped rule printed as it prints itself. */
    @Override
    public String toString() {
        return "GradientClipping[" + optimizer + ", maxNorm=" + maxNorm + "]";
    }
}
