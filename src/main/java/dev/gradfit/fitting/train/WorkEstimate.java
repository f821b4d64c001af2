package dev.gradfit.fitting.train;

import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.CompensatedSquaredObjective;
import dev.gradfit.fitting.objective.Objectives;
import dev.gradfit.fitting.objective.SufficientStatisticsObjective;
import dev.gradfit.fitting.optimizer.LineSearchOptimizer;

/**
 * The arithmetic a fit costs, in multiply-adds, counted the way {@link Trainer} with
 * {@link Objectives#FASTEST} computes it, so that a limit on it bounds the time a fit takes rather than
 * the size of its request.
 *
 * <ul>
 *   <li>Squared loss, full batch ({@link SufficientStatisticsObjective}): the covariance of the features
 *       costs {@code n·k²} once and its Cholesky solve {@code k³}, then each of the {@code E + 1} cost
 *       evaluations costs {@code k²}, whatever {@code n}.
 *   <li>Standardized squared loss ({@link CompensatedSquaredObjective}): see {@link #compensated}.
 *   <li>Everything else: each of the {@code E + 1} passes touches every feature of every row and the
 *       intercept, {@code n·k·(E + 1)}, once per class for the softmax loss.
 * </ul>
 *
 * with {@code n} rows, {@code k} = features + 1 and {@code E} epochs (the extra pass computes the final
 * cost), or, for a line-search optimizer, {@code E} twice its epochs ({@link #evaluations}). Saturates at
 * {@link Long#MAX_VALUE} instead of overflowing.
 */
public final class WorkEstimate {

    private WorkEstimate() {}

    /** The cost of fitting {@code rows × features} data with {@code hyperparameters}. */
    public static long of(long rows, long features, Hyperparameters hyperparameters) {
        boolean fullBatch = hyperparameters.batching().isFullBatch((int) Math.min(Integer.MAX_VALUE, rows));
        long work = of(
                rows,
                features,
                evaluations(hyperparameters),
                fullBatch && hyperparameters.loss() instanceof SquaredLoss);
        // A softmax row has one score per class, and as many gradient blocks.
        int outputs = hyperparameters.loss().outputs();
        return work > Long.MAX_VALUE / outputs ? Long.MAX_VALUE : work * outputs;
    }

    /**
     * The evaluations of the cost a fit makes besides the final one, as many as its epochs; twice as many for a
     * line-search optimizer (L-BFGS), whose line search evaluates the cost 1.5 to 2 times per iteration on
     * gradfit's reference datasets. Its last iteration, at a minimum, may evaluate it up to 40 times: the time
     * limit bounds that, not this estimate.
     */
    public static long evaluations(Hyperparameters hyperparameters) {
        long epochs = hyperparameters.epochs();
        return hyperparameters.optimizer() instanceof LineSearchOptimizer ? 2 * epochs : epochs;
    }

    /**
     * The cost with {@link CompensatedSquaredObjective} (double-double arithmetic, used for standardized
     * fits): a pass over the rows per epoch at about five times the direct loop's cost.
     */
    public static long compensated(long rows, long features, long epochs) {
        long direct = of(rows, features, epochs, false);
        return direct > Long.MAX_VALUE / 5 ? Long.MAX_VALUE : 5 * direct;
    }

    /**
     * @param sufficientStatistics whether the objective is computed from sufficient statistics (squared
     *     loss, full batch) rather than by a pass over the rows per epoch
     */
    public static long of(long rows, long features, long epochs, boolean sufficientStatistics) {
        long k = features + 1;
        try {
            if (sufficientStatistics) {
                long square = Math.multiplyExact(k, k);
                return Math.addExact(
                        Math.addExact(Math.multiplyExact(rows, square), Math.multiplyExact(square, k)),
                        Math.multiplyExact(epochs + 1, square));
            }
            return Math.multiplyExact(Math.multiplyExact(rows, k), epochs + 1);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
