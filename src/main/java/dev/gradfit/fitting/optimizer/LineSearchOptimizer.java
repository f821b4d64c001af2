package dev.gradfit.fitting.optimizer;

/**
 * An optimizer that evaluates the cost along a direction before it moves, so that every iteration lowers the
 * cost: it needs the cost itself, not only its gradient, and so the whole dataset (full batches only).
 *
 * <p>Order of calls: for each fit, a {@link dev.gradfit.fitting.train.Trainer} calls {@link #startSearch} once,
 * computes {@code J(w)} and {@code ∇J(w)} at the initial weights, then calls {@link Search#iterate} once per
 * epoch with the cost and gradient at the current weights; {@link Search#iterate} evaluates the cost as often as
 * its line search needs and leaves the cost and gradient of the point it moved to. No learning rate or schedule
 * applies: the step length is the line search's. {@link #start} is not for these optimizers.
 */
public interface LineSearchOptimizer extends Optimizer {

    /** A fresh state for a fit of {@code dimension} weights, intercept included. */
    Search startSearch(int dimension);

    /**
     * Not available: the steps of a line-search optimizer depend on the cost, which {@link Optimizer.State#step}
     * cannot evaluate.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default State start(int dimension) {
        throw new UnsupportedOperationException(this + " evaluates the cost along its direction: use startSearch");
    }

    /** The cost and its gradient, as an objective computes them. */
    @FunctionalInterface
    interface Function {

        /**
         * Computes {@code J(w)} and writes {@code ∇J(w)} (the gradient, not its negative) into {@code gradient}.
         *
         * @return the cost at {@code weights}, possibly infinite or NaN far from where the fit started
         */
        double valueAndGradient(double[] weights, double[] gradient);
    }

    /** The per-fit state of a line-search optimizer; serves one fit on one thread. */
    interface Search {

        /**
         * One iteration: moves {@code weights} in place to a point of strictly lower cost and writes {@code ∇J}
         * there into {@code gradient}; or, when no step lowers the cost (at a minimum, to the precision of the
         * cost), leaves both as they are.
         *
         * @param weights the current weights {@code [intercept, c0, c1, ...]}
         * @param cost {@code J} at those weights, finite
         * @param gradient {@code ∇J} at those weights, finite
         * @param function evaluates {@code J} and {@code ∇J} at trial weights
         * @return the cost at the new weights, below {@code cost}; NaN when the weights did not move
         */
        double iterate(double[] weights, double cost, double[] gradient, Function function);

        /** The length of the step the last successful {@link #iterate} took along its direction. */
        double stepLength();
    }
}
