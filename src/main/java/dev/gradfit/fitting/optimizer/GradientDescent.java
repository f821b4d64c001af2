package dev.gradfit.fitting.optimizer;

/** Plain gradient descent, the tutorial's update: {@code w ← w − η·∇J(w)}. No state, no hyperparameters. */
public final class GradientDescent implements Optimizer {

    private static final State STEP = (weights, gradient, learningRate, step) -> {
        for (int k = 0; k < weights.length; k++) {
            weights[k] -= learningRate * gradient[k];
        }
    };

    @Override
    public State start(int dimension) {
        return STEP;
    }

    @Override
    public boolean hasProximalStep() {
        return true;
    }

    /** ISTA (Beck and Teboulle 2009): {@code w ← prox_{η·l1}(w − η·∇J(w))}; per mini-batch, truncated gradient. */
    @Override
    public State startProximal(int dimension, double l1) {
        return (weights, gradient, learningRate, step) -> {
            weights[0] -= learningRate * gradient[0];
            for (int k = 1; k < weights.length; k++) {
                weights[k] = SoftThreshold.shrink(weights[k] - learningRate * gradient[k], learningRate * l1);
            }
        };
    }

    @Override
    public String toString() {
        return "GradientDescent";
    }
}
