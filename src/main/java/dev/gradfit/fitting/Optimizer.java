package dev.gradfit.fitting;

/**
 * Turns a gradient into a change of the weights.
 *
 * <p>Order of calls: a {@link Trainer} creates or receives one instance per fit, then for each epoch
 * {@code t = 1, 2, ...} computes {@code ∇J(w)} at the current weights and calls {@link #step} once. An
 * optimizer may keep state between steps (velocities, moment estimates), so an instance serves one fit.
 */
public interface Optimizer {

    /**
     * Updates {@code weights} in place.
     *
     * @param weights the current weights {@code [intercept, c0, c1, ...]}
     * @param gradient {@code ∇J} at those weights (the gradient, not its negative); may be overwritten
     * @param learningRate the step size for this epoch
     * @param epoch the 1-based number of the epoch this step completes
     */
    void step(double[] weights, double[] gradient, double learningRate, int epoch);
}
