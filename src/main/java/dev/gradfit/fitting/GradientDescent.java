package dev.gradfit.fitting;

/** Plain gradient descent, the tutorial's update: {@code w ← w − learningRate·∇J(w)}. Stateless. */
public final class GradientDescent implements Optimizer {

    @Override
    public void step(double[] weights, double[] gradient, double learningRate, int epoch) {
        for (int k = 0; k < weights.length; k++) {
            weights[k] -= learningRate * gradient[k];
        }
    }

    @Override
    public String toString() {
        return "GradientDescent";
    }
}
