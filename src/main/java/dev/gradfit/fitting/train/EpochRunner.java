package dev.gradfit.fitting.train;

import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.stopping.HoldOut;
import java.util.SplittableRandom;

/**
 * Runs the optimizer steps of one epoch, full batch or mini-batch, and evaluates the cost between epochs.
 * One instance per fit: it counts steps and owns the batch order.
 */
abstract class EpochRunner {

    final Objective objective;
    final double[] gradient;
    int steps;

    private EpochRunner(Objective objective) {
        this.objective = objective;
        this.gradient = new double[objective.dimension()];
    }

    /**
     * @throws IllegalArgumentException if mini-batches are asked of an objective that cannot compute them
     */
    static EpochRunner of(Objective objective, Batching batching, long seed) {
        if (batching.batchSize() == 0) {
            return new FullBatch(objective);
        }
        if (!objective.supportsBatches()) {
            throw new IllegalArgumentException(objective + " computes full-batch gradients only");
        }
        return batching.isFullBatch(objective.rows())
                ? new FullBatch(objective)
                : new MiniBatches(objective, batching, seed);
    }

    /** The cost at {@code weights}, which are the weights after some number of epochs. */
    abstract double cost(double[] weights);

    /** Runs epoch {@code epoch + 1} from {@code weights}, updating them in place. */
    abstract void run(
            double[] weights, Optimizer.State optimizer, double learningRate, DivergenceGuard guard, int epoch);

    /** One step per epoch on the gradient computed together with the cost: the tutorial's loop. */
    private static final class FullBatch extends EpochRunner {

        FullBatch(Objective objective) {
            super(objective);
        }

        @Override
        double cost(double[] weights) {
            return objective.valueAndGradient(weights, gradient);
        }

        @Override
        void run(double[] weights, Optimizer.State optimizer, double learningRate, DivergenceGuard guard, int epoch) {
            guard.checkGradient(epoch, gradient);
            optimizer.step(weights, gradient, learningRate, ++steps);
        }
    }

    /** One step per batch of rows, in an order shuffled every epoch when asked. */
    private static final class MiniBatches extends EpochRunner {

        private final int batchSize;
        private final int[] order;
        private final SplittableRandom random;

        MiniBatches(Objective objective, Batching batching, long seed) {
            super(objective);
            this.batchSize = batching.batchSize();
            this.order = HoldOut.identity(objective.rows());
            this.random = batching.shuffle() ? new SplittableRandom(seed) : null;
        }

        @Override
        double cost(double[] weights) {
            return objective.value(weights);
        }

        @Override
        void run(double[] weights, Optimizer.State optimizer, double learningRate, DivergenceGuard guard, int epoch) {
            if (random != null) {
                HoldOut.shuffle(order, random);
            }
            for (int from = 0; from < order.length; from += batchSize) {
                objective.batchValueAndGradient(
                        weights, gradient, order, from, Math.min(from + batchSize, order.length));
                guard.checkGradient(epoch, gradient);
                optimizer.step(weights, gradient, learningRate, ++steps);
            }
        }
    }
}
