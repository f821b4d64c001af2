package dev.gradfit.fitting;

/**
 * Batch gradient descent: the tutorial's algorithm, generalised to several features.
 *
 * <p>Each epoch computes the cost and its gradient at the current weights over the whole dataset, then
 * lets the optimizer step. With the defaults ({@link Hyperparameters#defaults()}, squared loss, plain
 * gradient descent) the weights after {@code E} epochs are the tutorial's {@code b0} and {@code b}.
 *
 * <p>Stateless and thread-safe: all per-fit state lives on the stack of {@link #fit}.
 */
public final class Trainer {

    /** The default maximum number of cost-history entries in a result. */
    public static final int DEFAULT_HISTORY_LIMIT = 10_000;

    private final int historyLimit;

    /** A trainer keeping at most {@value #DEFAULT_HISTORY_LIMIT} cost-history entries. */
    public Trainer() {
        this(DEFAULT_HISTORY_LIMIT);
    }

    /** @param historyLimit the most cost-history entries a result holds, at least 2 */
    public Trainer(int historyLimit) {
        if (historyLimit < 2) {
            throw new IllegalArgumentException("historyLimit must be at least 2, was " + historyLimit);
        }
        this.historyLimit = historyLimit;
    }

    /**
     * Fits a linear model to {@code data} by minimising the mean squared error.
     *
     * @throws FitDivergedException if the cost or its gradient stops being finite
     * @throws IllegalArgumentException if the initial weights do not match the data's features
     */
    public FitResult fit(Dataset data, Hyperparameters hyperparameters) {
        return fit(data, hyperparameters, Deadline.NONE);
    }

    /**
     * Like {@link #fit(Dataset, Hyperparameters)}, but stops early, with the weights reached so far, once
     * {@code deadline} has passed; {@link FitResult#epochs()} then says how many epochs ran.
     */
    public FitResult fit(Dataset data, Hyperparameters hyperparameters, Deadline deadline) {
        return fit(new MeanLossObjective(data, SquaredLoss.INSTANCE), new GradientDescent(), hyperparameters, deadline);
    }

    /**
     * Minimises {@code objective} with {@code optimizer}, a fresh instance for this fit.
     *
     * @throws FitDivergedException if the cost or its gradient stops being finite
     */
    public FitResult fit(Objective objective, Optimizer optimizer, Hyperparameters hyperparameters) {
        return fit(objective, optimizer, hyperparameters, Deadline.NONE);
    }

    /**
     * Minimises {@code objective} with {@code optimizer} until the epochs are done or {@code deadline} has
     * passed, whichever comes first; at least one epoch always runs.
     *
     * @throws FitDivergedException if the cost or its gradient stops being finite
     */
    public FitResult fit(Objective objective, Optimizer optimizer, Hyperparameters hyperparameters, Deadline deadline) {
        double[] weights = hyperparameters.startFor(objective.dimension() - 1).toVector();
        double[] gradient = new double[weights.length];
        int epochs = hyperparameters.epochs();
        double learningRate = hyperparameters.learningRate();
        CostHistory history = CostHistory.forEpochs(epochs, historyLimit);
        double lastFinite = Double.NaN;
        int run = epochs;
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (epoch > 0 && deadline.passed()) {
                run = epoch;
                break;
            }
            double cost = objective.valueAndGradient(weights, gradient);
            if (!Double.isFinite(cost) || !allFinite(gradient)) {
                throw new FitDivergedException(epoch, lastFinite, learningRate);
            }
            lastFinite = cost;
            if (history.wants(epoch)) {
                history.add(cost);
            }
            optimizer.step(weights, gradient, learningRate, epoch + 1);
        }
        double cost = objective.value(weights);
        if (!Double.isFinite(cost) || !allFinite(weights)) {
            throw new FitDivergedException(run, lastFinite, learningRate);
        }
        history.add(cost);
        return new FitResult(Weights.fromVector(weights), cost, history.costs(), history.stride(), run);
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Trainer[historyLimit=" + historyLimit + "]";
    }
}
