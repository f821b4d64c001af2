package dev.gradfit.fitting.train;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.Curvature;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.ObjectiveFactory;
import dev.gradfit.fitting.objective.Objectives;
import dev.gradfit.fitting.objective.RegularizedObjective;
import dev.gradfit.fitting.optimizer.LineSearchOptimizer;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.optimizer.StableLearningRate;
import dev.gradfit.fitting.stopping.HoldOut;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.stopping.StoppingRule;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * Gradient descent on a linear model: the tutorial's algorithm, generalised to several features, other
 * losses, optimizers, schedules, mini-batches and stopping rules.
 *
 * <p>Each epoch evaluates the cost at the current weights, lets the stopping rules decide, then lets the
 * optimizer step, once over the whole dataset (full batch) or once per mini-batch, at the rate the
 * schedule gives. With the defaults ({@link Hyperparameters#defaults()}: squared loss, plain gradient
 * descent, constant rate, full batch) the weights after {@code E} epochs are the tutorial's {@code b0}
 * and {@code b}. A {@link LineSearchOptimizer} (L-BFGS) instead runs one iteration per epoch on the full
 * batch, at the step length its line search finds; when no step lowers the cost, the fit stops there as
 * {@link StopReason#CONVERGED}. How the weights move is a {@link Descent}; the bookkeeping around it (cost
 * history, snapshots, stopping rules, divergence checks, observer) is the same for both.
 *
 * <p>Stateless and thread-safe: all per-fit state lives on the stack of {@link #fit}.
 */
public final class Trainer {

    /** The default maximum number of cost-history entries in a result. */
    public static final int DEFAULT_HISTORY_LIMIT = 10_000;

    private final int historyLimit;
    private final ObjectiveFactory objectives;
    private final Consumer<double[]> curvatureSpace;

    /** A trainer keeping at most {@value #DEFAULT_HISTORY_LIMIT} cost-history entries. */
    public Trainer() {
        this(DEFAULT_HISTORY_LIMIT);
    }

    /**
     * A trainer that computes each objective the fastest exact way ({@link Objectives#FASTEST}).
     *
     * @param historyLimit the most cost-history entries a result holds, at least 2
     */
    public Trainer(int historyLimit) {
        this(historyLimit, Objectives.FASTEST);
    }

    /**
     * @param historyLimit the most cost-history entries a result holds, at least 2
     * @param objectives how the mean loss of a dataset is computed
     */
    public Trainer(int historyLimit, ObjectiveFactory objectives) {
        this(historyLimit, objectives, row -> {});
    }

    /**
     * @param historyLimit the most cost-history entries a result holds, at least 2
     * @param objectives how the mean loss of a dataset is computed
     * @param curvatureSpace maps a training row, in place, to the features the optimizer's steps act on (the
     *     standardized ones when {@code objectives} standardizes), where the stable learning rate is measured
     */
    public Trainer(int historyLimit, ObjectiveFactory objectives, Consumer<double[]> curvatureSpace) {
        this.curvatureSpace = java.util.Objects.requireNonNull(curvatureSpace, "curvatureSpace");
        if (historyLimit < 2) {
            throw new IllegalArgumentException("historyLimit must be at least 2, was " + historyLimit);
        }
        this.historyLimit = historyLimit;
        this.objectives = java.util.Objects.requireNonNull(objectives, "objectives");
    }

    /**
     * Fits a linear model to {@code data}: holds out validation rows if early stopping asks for them,
     * builds the regularised objective, and runs the epochs.
     *
     * @throws FitDivergedException if the fit runs away, see {@link DivergenceGuard}; for squared loss with
     *     full batches it carries the optimizer's stable learning rate ({@link StableLearningRate}); for the
     *     log-link losses none: their Hessian {@code Xᵀ·diag(s·∂²ℓ)·X / Σs} grows with the mean {@code e^z}, so
     *     no rate is stable everywhere, and a rate from the curvature at one point would be no bound
     * @throws HoldOut.UnusableSplitException if the validation split leaves no usable part
     * @throws IllegalArgumentException if the initial weights do not match the data's features
     */
    public FitResult fit(Dataset data, Hyperparameters hyperparameters) {
        return fit(data, hyperparameters, EpochObserver.NONE);
    }

    /**
     * Fits as {@link #fit(Dataset, Hyperparameters)} does, reporting every epoch to {@code observer}.
     *
     * @throws FitCanceledException if the observer cancels the fit
     */
    public FitResult fit(Dataset data, Hyperparameters hyperparameters, EpochObserver observer) {
        Dataset training = data;
        Objective validation = null;
        var earlyStopping = hyperparameters.earlyStopping();
        if (earlyStopping.isPresent()) {
            HoldOut split = HoldOut.split(data, earlyStopping.get().validationFraction(), hyperparameters.seed());
            training = split.training();
            validation =
                    objectives.create(split.validation(), hyperparameters.loss(), hyperparameters.fitIntercept(), true);
        }
        boolean fullBatch = hyperparameters.batching().isFullBatch(training.rows());
        Objective objective = RegularizedObjective.of(
                objectives.create(training, hyperparameters.loss(), hyperparameters.fitIntercept(), fullBatch),
                hyperparameters.regularization());
        double lossCurvature = hyperparameters.loss().maxCurvature();
        DoubleSupplier bound = fullBatch
                        && Double.isFinite(lossCurvature)
                        && !(hyperparameters.optimizer() instanceof LineSearchOptimizer)
                ? stableLearningRate(training, hyperparameters, lossCurvature)
                : () -> Double.NaN;
        Optimizer optimizer = hyperparameters.optimizer();
        // The guard calls a rising cost divergence only above the squared loss's exact limit: for the other
        // losses the bound is where stability is guaranteed, and larger rates may still converge.
        boolean exact = hyperparameters.loss() instanceof SquaredLoss;
        DivergenceGuard guard = new DivergenceGuard(
                hyperparameters.learningRate(),
                hyperparameters.loss() instanceof SoftmaxLoss softmax
                        ? DivergenceGuard.nullCost(objective, DivergenceGuard.constantSoftmax(training, softmax))
                        : DivergenceGuard.nullCost(objective, constantScore(training, hyperparameters.loss())),
                () -> exact && StableLearningRate.isKnown(optimizer) ? bound.getAsDouble() : Double.NaN);
        try {
            return run(
                    objective,
                    validation,
                    withStart(training, hyperparameters),
                    fullBatch ? Batching.FULL : hyperparameters.batching(),
                    observer,
                    guard);
        } catch (FitDivergedException diverged) {
            double known = bound.getAsDouble();
            throw Double.isNaN(known) ? diverged : diverged.withMaxStableLearningRate(known);
        }
    }

    /**
     * The optimizer's stable learning rate on {@code training}, measured where the steps act: below it descent
     * cannot diverge, at any weights; for the squared loss, it converges only below it. Computed at most once,
     * on first need.
     */
    private DoubleSupplier stableLearningRate(Dataset training, Hyperparameters hyperparameters, double lossCurvature) {
        double[] memo = {Double.NaN};
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                double lambda = Curvature.largestEigenvalue(
                        training,
                        curvatureSpace,
                        hyperparameters.fitIntercept(),
                        hyperparameters.regularization().l2(),
                        lossCurvature);
                memo[0] = StableLearningRate.of(hyperparameters.optimizer(), lambda);
                done[0] = true;
            }
            return memo[0];
        };
    }

    /**
     * The constant model's intercept of {@link DivergenceGuard#nullCost}: the weighted mean of the targets, or
     * for a log-link loss {@link #logLinkNullIntercept}.
     */
    private static double constantScore(Dataset data, Loss loss) {
        if (loss instanceof LogLinkLoss) {
            return logLinkNullIntercept(data);
        }
        double sum = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            sum += data.sampleWeight(i) * data.target(i);
        }
        return sum / data.weightSum();
    }

    /**
     * The intercept of the log-link null model, {@code log(Σ sᵢ·yᵢ / Σ sᵢ·e^oᵢ)} with sample weights {@code sᵢ}
     * and offsets {@code oᵢ} (0 without them): the constant model whose weighted mean prediction {@code Σ
     * sᵢ·e^(b + oᵢ)} equals {@code Σ sᵢ·yᵢ}, which is where the gradient of the Poisson, gamma and Tweedie costs
     * in the intercept vanishes when the coefficients are 0 (exactly for Poisson; for gamma and Tweedie it is the
     * minimiser without offsets, and the same scale with them).
     *
     * <p>Computed as {@code log Σ sᵢ·yᵢ − log Σ sᵢ·e^oᵢ}, each sum scaled by its largest term first, so that
     * offsets of ±700 (whose {@code e^oᵢ} overflow or underflow once summed) and targets near the largest double
     * give the intercept, a modest number, rather than {@code ∞ / ∞}. NaN when no target with a positive weight
     * is above 0, or the result is not finite: there is no such model.
     */
    static double logLinkNullIntercept(Dataset data) {
        double largestTarget = 0.0;
        double largestOffset = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.rows(); i++) {
            if (data.sampleWeight(i) > 0) {
                largestTarget = Math.max(largestTarget, data.target(i));
                largestOffset = Math.max(largestOffset, data.offset(i));
            }
        }
        if (!(largestTarget > 0) || !Double.isFinite(largestTarget) || !Double.isFinite(largestOffset)) {
            return Double.NaN;
        }
        double targets = 0.0;
        double exposure = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            double s = data.sampleWeight(i);
            if (s > 0) {
                targets += s * (data.target(i) / largestTarget);
                exposure += s * Math.exp(data.offset(i) - largestOffset);
            }
        }
        double intercept = Math.log(largestTarget) + Math.log(targets) - largestOffset - Math.log(exposure);
        return Double.isFinite(intercept) ? intercept : Double.NaN;
    }

    /**
     * The hyperparameters with the start a fit without {@code initialWeights} takes, when it is not zeros: for a
     * log-link loss with a fitted intercept, the null model ({@link #logLinkNullIntercept} of {@code training} and
     * coefficients 0), whose mean is the data's. Otherwise, and when that intercept is NaN, the hyperparameters as
     * they are: zeros, as in the tutorial. {@link #fit(Dataset, Hyperparameters)} applies it to its training rows;
     * a caller that reports the settings a fit ran with applies it first, so that they name the start.
     *
     * <p>Zeros are a poor start for a log link: their mean {@code e^(0 + oᵢ)} is the offsets' alone, {@code e^700}
     * for offsets of 700, and a descent from there measures its steps, and the divergence checks their costs,
     * against that. The null model's coefficients are 0, so it is the same weights in standardized and original
     * units.
     */
    public static Hyperparameters withStart(Dataset training, Hyperparameters hyperparameters) {
        if (hyperparameters.initialWeights() != null
                || !hyperparameters.fitIntercept()
                || !(hyperparameters.loss() instanceof LogLinkLoss)) {
            return hyperparameters;
        }
        double intercept = logLinkNullIntercept(training);
        if (Double.isNaN(intercept)) {
            return hyperparameters;
        }
        return hyperparameters.toBuilder()
                .initialWeights(new Weights(intercept, new double[training.columns()]))
                .build();
    }

    /**
     * Minimises {@code objective} as {@code hyperparameters} say; their loss and regularization are
     * assumed to be built into the objective already.
     *
     * @param validation the cost on held-out rows, required when early stopping, otherwise {@code null}
     * @throws FitDivergedException if the fit runs away
     */
    public FitResult fit(Objective objective, Objective validation, Hyperparameters hyperparameters) {
        DivergenceGuard guard = new DivergenceGuard(
                hyperparameters.learningRate(), DivergenceGuard.nullCost(objective, Double.NaN), () -> Double.NaN);
        return run(objective, validation, hyperparameters, hyperparameters.batching(), EpochObserver.NONE, guard);
    }

    private FitResult run(
            Objective objective,
            Objective validation,
            Hyperparameters hyperparameters,
            Batching batching,
            EpochObserver observer,
            DivergenceGuard guard) {
        if (hyperparameters.earlyStopping().isPresent() && validation == null) {
            throw new IllegalArgumentException("early stopping needs a validation objective");
        }
        int outputs = objective.outputs();
        double[] weights =
                hyperparameters.startFor(objective.dimension() / outputs - 1).toVector();
        Descent descent = Descent.of(objective, hyperparameters, batching, guard);
        List<StoppingRule.Monitor> monitors = hyperparameters.stoppingRules().stream()
                .map(StoppingRule::start)
                .toList();
        FitRecorder recorder = new FitRecorder(hyperparameters, historyLimit, validation != null);
        Watched watched = observer == EpochObserver.NONE ? null : new Watched(weights, outputs);
        double rate = descent.initialRate();
        for (int epoch = 0; ; epoch++) {
            double cost = descent.cost(weights);
            guard.checkCost(epoch, cost);
            double validationCost = validation == null ? Double.NaN : validation.value(weights);
            recorder.snapshot(epoch, weights, cost);
            if (watched != null && !observer.afterEpoch(watched.at(epoch, cost, rate))) {
                throw new FitCanceledException(epoch);
            }
            StopReason reason = epoch == hyperparameters.epochs()
                    ? StopReason.EPOCHS
                    : firstReason(monitors, epoch, cost, validationCost);
            if (reason == null) {
                double next = descent.step(weights, epoch, cost);
                if (!Double.isNaN(next)) {
                    recorder.record(epoch, cost, validationCost, next);
                    rate = next;
                    continue;
                }
                // No step lowers the cost: the weights are at a minimum to the precision of the cost.
                reason = StopReason.CONVERGED;
            }
            guard.checkFinish(epoch, rate);
            return recorder.finish(weights, cost, validationCost, epoch, reason);
        }
    }

    /** What an observer sees of the fit: the live numbers, read only; one instance per fit. */
    private static final class Watched implements EpochObserver.Epoch {

        private final double[] weights;
        private final int outputs;
        private int number;
        private double cost;
        private double learningRate;

        Watched(double[] weights, int outputs) {
            this.weights = weights;
            this.outputs = outputs;
        }

        Watched at(int number, double cost, double learningRate) {
            this.number = number;
            this.cost = cost;
            this.learningRate = learningRate;
            return this;
        }

        @Override
        public int number() {
            return number;
        }

        @Override
        public double cost() {
            return cost;
        }

        @Override
        public double learningRate() {
            return learningRate;
        }

        @Override
        public Weights weights() {
            return Weights.fromVector(weights, outputs);
        }
    }

    /** Asks every monitor, so that each sees every epoch, and returns the first reason given. */
    private static StopReason firstReason(
            List<StoppingRule.Monitor> monitors, int epoch, double cost, double validationCost) {
        StopReason first = null;
        for (StoppingRule.Monitor monitor : monitors) {
            StopReason reason = monitor.check(epoch, cost, validationCost);
            if (first == null) {
                first = reason;
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return "Trainer[historyLimit=" + historyLimit + ", objectives=" + objectives + "]";
    }
}
