package dev.gradfit.fitting.optimizer;

/**
 * Turns gradients into changes of the weights.
 *
 * <p>An optimizer is an immutable, thread-safe description of an update rule and its hyperparameters
 * (validated in the constructor, printed by {@code toString()}). Order of calls: for each fit, a
 * {@link dev.gradfit.fitting.train.Trainer} calls {@link #start} once to get a fresh {@link State} holding whatever the rule
 * accumulates (velocities, moment estimates), then for each step {@code t = 1, 2, ...} computes
 * {@code ∇J(w)} at the current weights and calls {@link State#step} once. With full batches there is one
 * step per epoch; with mini-batches one per batch.
 */
public interface Optimizer {

    /** A fresh state for a fit of {@code dimension} weights, intercept included. */
    State start(int dimension);

    /** The per-fit state of an optimizer; serves one fit on one thread. */
    @FunctionalInterface
    interface State {

        /**
         * Updates {@code weights} in place.
         *
         * @param weights the current weights {@code [intercept, c0, c1, ...]}
         * @param gradient {@code ∇J} at those weights (the gradient, not its negative); may be overwritten
         * @param learningRate the step size for this step
         * @param step the 1-based number of this step within the fit
         */
        void step(double[] weights, double[] gradient, double learningRate, int step);
    }
}
