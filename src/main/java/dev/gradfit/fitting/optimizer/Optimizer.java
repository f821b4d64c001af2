package dev.gradfit.fitting.optimizer;

/**
 * Turns gradients into changes of the weights.
 *
 * <p>An optimizer is an immutable, thread-safe description of an update rule and its hyperparameters
 * (validated in the constructor, printed by {@code toString()}). Order of calls: for each fit, a
 * {@link dev.gradfit.fitting.train.Trainer} calls {@link #start} once to get a fresh {@link State} holding whatever the rule
 * accumulates (velocities, moment estimates), then for each step {@code t = 1, 2, ...} computes
 * {@code ∇J(w)} at the current weights and calls {@link State#step} once. With full batches there is one
 * step per epoch; with mini-batches one per batch. A {@link LineSearchOptimizer} is run differently, through
 * its own state, since its steps need the cost.
 */
public interface Optimizer {

    /** A fresh state for a fit of {@code dimension} weights, intercept included. */
    State start(int dimension);

    /**
     * Whether this rule has a proximal form ({@link #startProximal}), and so can minimise a cost with an L1
     * penalty.
     */
    default boolean hasProximalStep() {
        return false;
    }

    /**
     * A fresh state that minimises {@code J(w) + l1·Σ_{k≥1} |w_k|} from the gradients of {@code J} alone: each
     * step is followed by the proximal step of the penalty (soft thresholding of every coefficient, never the
     * intercept) at the step size the rule gave that weight, so that coefficients whose optimum is 0 reach 0
     * exactly. {@code ∇J} passed to {@link State#step} must not include the penalty.
     *
     * @param l1 the weight of the penalty, positive
     * @throws UnsupportedOperationException unless {@link #hasProximalStep()}
     */
    default State startProximal(int dimension, double l1) {
        throw new UnsupportedOperationException(this + " has no proximal step for an L1 penalty");
    }

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
