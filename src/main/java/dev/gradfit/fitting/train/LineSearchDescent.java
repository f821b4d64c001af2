package dev.gradfit.fitting.train;

import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.optimizer.LineSearchOptimizer;

/**
 * One iteration of a line-search optimizer per epoch, on the full batch; the learning rate and schedule do not
 * apply, and the rate an epoch reports is the step length its line search accepted. The cost at the weights an
 * iteration moved to is the one its line search computed there, so no epoch evaluates it twice.
 */
final class LineSearchDescent implements Descent {

    private final Objective objective;
    private final LineSearchOptimizer.Search search;
    private final DivergenceGuard guard;
    private final double[] gradient;
    private double cost = Double.NaN;

    /**
     * @throws IllegalArgumentException with an L1 penalty (the cost is not differentiable) or mini-batches (a line
     *     search needs the cost itself)
     */
    LineSearchDescent(
            Objective objective,
            LineSearchOptimizer optimizer,
            Hyperparameters hyperparameters,
            Batching batching,
            DivergenceGuard guard) {
        if (hyperparameters.regularization().l1() != 0) {
            throw new IllegalArgumentException(optimizer + " needs a differentiable cost: it takes no l1 penalty");
        }
        if (batching.batchSize() != 0 && !(objective.supportsBatches() && batching.isFullBatch(objective.rows()))) {
            throw new IllegalArgumentException(optimizer + " runs on full batches only, not " + batching);
        }
        this.objective = objective;
        this.search = optimizer.startSearch(objective.dimension());
        this.guard = guard;
        this.gradient = new double[objective.dimension()];
    }

    @Override
    public double cost(double[] weights) {
        if (Double.isNaN(cost)) {
            cost = objective.valueAndGradient(weights, gradient);
        }
        return cost;
    }

    @Override
    public double step(double[] weights, int epoch, double current) {
        guard.checkGradient(epoch, gradient);
        guard.checkGradientLength(epoch, gradient);
        double next = search.iterate(weights, current, gradient, objective::valueAndGradient);
        if (Double.isNaN(next)) {
            return Double.NaN;
        }
        cost = next;
        return search.stepLength();
    }

    @Override
    public double initialRate() {
        return 1.0;
    }
}
