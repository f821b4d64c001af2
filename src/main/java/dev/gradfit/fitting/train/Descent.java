package dev.gradfit.fitting.train;

import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.optimizer.LineSearchOptimizer;

/**
 * How the weights move from one epoch to the next, behind the bookkeeping every fit shares (cost history,
 * snapshots, stopping rules, divergence checks, the observer), which stays in {@link Trainer}: gradient steps
 * at the schedule's learning rate ({@link RateDescent}), or line-search iterations ({@link LineSearchDescent}).
 * One instance per fit.
 *
 * <p>Order of calls: for each epoch {@code e = 0, 1, ...}, {@link #cost} at the weights after {@code e}
 * epochs, then, unless the fit stops there, {@link #step} for epoch {@code e + 1}.
 */
interface Descent {

    /**
     * @throws IllegalArgumentException if the hyperparameters ask for what the optimizer cannot do (an L1
     *     penalty without a proximal step, mini-batches for a line search or of an objective without them)
     */
    static Descent of(Objective objective, Hyperparameters hyperparameters, Batching batching, DivergenceGuard guard) {
        return hyperparameters.optimizer() instanceof LineSearchOptimizer lineSearch
                ? new LineSearchDescent(objective, lineSearch, hyperparameters, batching, guard)
                : new RateDescent(objective, hyperparameters, batching, guard);
    }

    /** The cost at {@code weights}, the weights after some number of epochs. */
    double cost(double[] weights);

    /**
     * Runs epoch {@code epoch + 1} from {@code weights}, whose cost {@link #cost} just gave, updating them in
     * place.
     *
     * @return the epoch's learning rate, or the step length of its line search; NaN when the optimizer found no
     *     step that lowers the cost, and left the weights as they were
     * @throws FitDivergedException if a gradient is not finite
     */
    double step(double[] weights, int epoch, double cost);

    /** What {@link EpochObserver.Epoch#learningRate} says at epoch 0. */
    double initialRate();
}
