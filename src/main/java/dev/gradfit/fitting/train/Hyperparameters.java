package dev.gradfit.fitting.train;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.schedule.ConstantSchedule;
import dev.gradfit.fitting.schedule.Schedule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StoppingRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The settings of one fit, validated on construction. Every setting has the tutorial's value by default,
 * so that {@link #defaults()} is the tutorial's algorithm.
 *
 * @param learningRate the initial step size, finite and positive; the tutorial uses
 *     {@value #DEFAULT_LEARNING_RATE}
 * @param epochs the most full passes over the data, at least 1; the tutorial uses {@value #DEFAULT_EPOCHS}
 * @param initialWeights where descent starts; {@code null} means the trainer's default: all zeros, as in the
 *     tutorial, except for a log-link loss with a fitted intercept, which starts from its null model (the
 *     intercept whose mean prediction is the data's, coefficients 0; see {@link Trainer})
 * @param loss the pointwise loss; {@link SquaredLoss} by default
 * @param optimizer the update rule; {@link GradientDescent} by default
 * @param schedule how the learning rate changes per epoch; {@link ConstantSchedule} by default
 * @param regularization the penalty on the coefficients; none by default
 * @param fitIntercept whether the intercept is fitted; when not, it keeps its initial value
 * @param batching full batch (the default) or mini-batches
 * @param seed the seed of every random choice (batch order, validation split); 0 by default
 * @param stoppingRules reasons to stop before the last epoch; none by default
 * @param snapshotEpochs epochs after which to keep a {@link Snapshot}, sorted and distinct; none by default
 * @param recordLearningRates whether the result carries the learning rate of every recorded epoch
 */
public record Hyperparameters(
        double learningRate,
        int epochs,
        Weights initialWeights,
        Loss loss,
        Optimizer optimizer,
        Schedule schedule,
        Regularization regularization,
        boolean fitIntercept,
        Batching batching,
        long seed,
        List<StoppingRule> stoppingRules,
        List<Integer> snapshotEpochs,
        boolean recordLearningRates) {

    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final int DEFAULT_EPOCHS = 1000;

    public Hyperparameters {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and positive, was " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        }
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(regularization, "regularization");
        Objects.requireNonNull(batching, "batching");
        if (loss.outputs() > 1 && regularization.l1() > 0) {
            // The optimizers' proximal step shrinks every entry but the first, taking the other blocks'
            // intercepts for coefficients.
            throw new IllegalArgumentException("l1 is not supported with " + loss + "; use l2");
        }
        stoppingRules = List.copyOf(stoppingRules);
        TreeSet<Integer> sorted = new TreeSet<>(snapshotEpochs);
        if (!sorted.isEmpty() && sorted.first() < 0) {
            throw new IllegalArgumentException("snapshot epochs must not be negative, was " + sorted.first());
        }
        snapshotEpochs = List.copyOf(sorted);
    }

    /** The tutorial's algorithm with another learning rate, epoch count or start. */
    public Hyperparameters(double learningRate, int epochs, Weights initialWeights) {
        this(
                learningRate,
                epochs,
                initialWeights,
                SquaredLoss.INSTANCE,
                new GradientDescent(),
                ConstantSchedule.INSTANCE,
                Regularization.NONE,
                true,
                Batching.FULL,
                0L,
                List.of(),
                List.of(),
                false);
    }

    /** The tutorial's settings: learning rate 0.001, 1000 epochs, starting from zero. */
    public static Hyperparameters defaults() {
        return new Hyperparameters(DEFAULT_LEARNING_RATE, DEFAULT_EPOCHS, null);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The starting weights for data with {@code features} columns: one block per output of the loss
     * ({@link Loss#outputs()}), all zero unless initial weights were given. For the softmax loss the zero start
     * is the one that keeps the class rows summing to zero under plain gradient descent.
     */
    public Weights startFor(int features) {
        if (initialWeights == null) {
            return Weights.zeros(features, loss.outputs());
        }
        if (initialWeights.features() != features) {
            throw new IllegalArgumentException("initialWeights has " + initialWeights.features()
                    + " coefficients but the data has " + features + " features");
        }
        if (initialWeights.outputs() != loss.outputs()) {
            throw new IllegalArgumentException("initialWeights has " + initialWeights.outputs()
                    + " rows of weights but " + loss + " needs " + loss.outputs());
        }
        return initialWeights;
    }

    /** The early-stopping rule among the stopping rules, if any: it decides the validation split. */
    public Optional<EarlyStoppingRule> earlyStopping() {
        return stoppingRules.stream()
                .filter(EarlyStoppingRule.class::isInstance)
                .map(EarlyStoppingRule.class::cast)
                .findFirst();
    }

    /** Collects settings; {@link #build()} validates them together. */
    public static final class Builder {

        private double learningRate;
        private int epochs;
        private Weights initialWeights;
        private Loss loss;
        private Optimizer optimizer;
        private Schedule schedule;
        private Regularization regularization;
        private boolean fitIntercept;
        private Batching batching;
        private long seed;
        private List<StoppingRule> stoppingRules;
        private List<Integer> snapshotEpochs;
        private boolean recordLearningRates;

        private Builder(Hyperparameters from) {
            learningRate = from.learningRate;
            epochs = from.epochs;
            initialWeights = from.initialWeights;
            loss = from.loss;
            optimizer = from.optimizer;
            schedule = from.schedule;
            regularization = from.regularization;
            fitIntercept = from.fitIntercept;
            batching = from.batching;
            seed = from.seed;
            stoppingRules = from.stoppingRules;
            snapshotEpochs = from.snapshotEpochs;
            recordLearningRates = from.recordLearningRates;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder initialWeights(Weights value) {
            initialWeights = value;
            return this;
        }

        public Builder loss(Loss value) {
            loss = value;
            return this;
        }

        public Builder optimizer(Optimizer value) {
            optimizer = value;
            return this;
        }

        public Builder schedule(Schedule value) {
            schedule = value;
            return this;
        }

        public Builder regularization(Regularization value) {
            regularization = value;
            return this;
        }

        public Builder fitIntercept(boolean value) {
            fitIntercept = value;
            return this;
        }

        public Builder batching(Batching value) {
            batching = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder stoppingRules(List<StoppingRule> value) {
            stoppingRules = value;
            return this;
        }

        public Builder snapshotEpochs(List<Integer> value) {
            snapshotEpochs = value;
            return this;
        }

        public Builder recordLearningRates(boolean value) {
            recordLearningRates = value;
            return this;
        }

        public Hyperparameters build() {
            return new Hyperparameters(
                    learningRate,
                    epochs,
                    initialWeights,
                    loss,
                    optimizer,
                    schedule,
                    regularization,
                    fitIntercept,
                    batching,
                    seed,
                    stoppingRules,
                    snapshotEpochs,
                    recordLearningRates);
        }
    }
}
