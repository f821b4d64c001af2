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
    public String toString() {
        return "GradientDescent";
    }
}
