package dev.gradfit.fitting.train;

import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.schedule.Schedule;

/**
 * Gradient steps at the schedule's learning rate, one per epoch with full batches and one per batch with
 * mini-batches: the tutorial's loop and its generalisations.
 */
final class RateDescent implements Descent {

    private final EpochRunner epochs;
    private final Optimizer.State optimizer;
    private final Schedule.State schedule;
    private final DivergenceGuard guard;
    private final double initialRate;

    RateDescent(Objective objective, Hyperparameters hyperparameters, Batching batching, DivergenceGuard guard) {
        this.epochs = EpochRunner.of(objective, batching, hyperparameters.seed());
        this.optimizer = start(hyperparameters, objective.dimension());
        this.schedule = hyperparameters.schedule().start(hyperparameters.learningRate());
        this.guard = guard;
        this.initialRate = hyperparameters.learningRate();
    }

    /**
     * The optimizer's state; with an L1 penalty, its proximal form, which takes the penalty the objective's
     * gradient leaves out.
     *
     * @throws IllegalArgumentException if there is an L1 penalty and the optimizer has no proximal step
     */
    private static Optimizer.State start(Hyperparameters hyperparameters, int dimension) {
        Optimizer optimizer = hyperparameters.optimizer();
        double l1 = hyperparameters.regularization().l1();
        if (l1 == 0) {
            return optimizer.start(dimension);
        }
        if (!optimizer.hasProximalStep()) {
            throw new IllegalArgumentException(optimizer + " has no proximal step for the l1 penalty");
        }
        return optimizer.startProximal(dimension, l1);
    }

    @Override
    public double cost(double[] weights) {
        return epochs.cost(weights);
    }

    @Override
    public double step(double[] weights, int epoch, double cost) {
        schedule.observe(epoch, cost);
        double learningRate = schedule.learningRate(epoch + 1);
        epochs.run(weights, optimizer, learningRate, guard, epoch);
        return learningRate;
    }

    @Override
    public double initialRate() {
        return initialRate;
    }
}
