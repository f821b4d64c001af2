package dev.gradfit.service.hyperparameters;

import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.optimizer.GradientClipping;
import dev.gradfit.fitting.optimizer.LineSearchOptimizer;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.stopping.ConvergenceRule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.stopping.TimeBudgetRule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link HyperparameterSpec} ↔ {@link Hyperparameters}: fills in the defaults, refuses settings that do not apply
 * to the chosen types or to each other, checks the configured limits and the targets the loss is defined for; and
 * says back, by name and number, what a fit ran with.
 */
public final class HyperparameterSpecs {

    private final FitProperties limits;

    public HyperparameterSpecs(FitProperties limits) {
        this.limits = limits;
    }

    /**
     * The settings, or {@code null} when {@code errors} gained any. Errors come in the order of the spec's fields,
     * and the targets are checked against the loss only when every setting is good.
     *
     * @param features the features per point, which the snapshots' size depends on
     * @param y the targets, which the loss must be defined for; {@code null} when they are refused already
     * @param errors where every bad setting is added, named as the fit request's field
     */
    public Hyperparameters toHyperparameters(
            HyperparameterSpec spec, int features, double[] y, List<FieldError> errors) {
        return toHyperparameters(spec, features, y, null, false, errors);
    }

    /**
     * The settings, as {@link #toHyperparameters(HyperparameterSpec, int, double[], List)} gives them, for data
     * that may carry sample weights and offsets, which only the log-link losses take.
     *
     * @param sampleWeights the weight of each point, or {@code null} for 1 each; checked already (one per target,
     *     none negative), since a point of weight 0 does not count in the check of the targets
     * @param offsets whether the data has an {@code offset} per point; refused unless the loss has a log link
     */
    public Hyperparameters toHyperparameters(
            HyperparameterSpec spec,
            int features,
            double[] y,
            double[] sampleWeights,
            boolean offsets,
            List<FieldError> errors) {
        int maxEpochs = limits.maxEpochs();
        int epochs = Given.or(spec.epochs(), Hyperparameters.DEFAULT_EPOCHS);
        if (epochs > maxEpochs) {
            errors.add(new FieldError("epochs", "must be at most " + maxEpochs));
        }
        boolean fitIntercept = !Boolean.FALSE.equals(spec.fitIntercept());
        Weights start = spec.initialWeights();
        if (!fitIntercept && start != null) {
            for (int k = 0; k < start.outputs(); k++) {
                if (start.intercept(k) != 0.0) {
                    String field = start.outputs() == 1
                            ? "initialWeights.intercept"
                            : "initialWeights.byClass[" + k + "].intercept";
                    errors.add(new FieldError(field, "must be 0 when fitIntercept is false"));
                    break;
                }
            }
        }
        Hyperparameters.Builder builder = Hyperparameters.builder()
                .learningRate(Given.or(spec.learningRate(), Hyperparameters.DEFAULT_LEARNING_RATE))
                .epochs(epochs)
                .initialWeights(start)
                .loss(Losses.of(spec.loss(), errors))
                .optimizer(optimizer(spec, y == null ? 0 : y.length, errors))
                .schedule(Schedules.of(spec.schedule(), errors))
                .regularization(new Regularization(Given.or(spec.l1(), 0.0), Given.or(spec.l2(), 0.0)))
                .fitIntercept(fitIntercept)
                .batching(batching(spec, errors))
                .seed(spec.seed() == null ? 0L : spec.seed())
                .stoppingRules(stoppingRules(spec, errors))
                .snapshotEpochs(snapshotEpochs(spec.snapshotEpochs(), epochs, features, errors))
                .recordLearningRates(Boolean.TRUE.equals(spec.returnLearningRates()));
        if (spec.loss() != null && spec.loss().type() == LossSpec.Type.SOFTMAX && Given.or(spec.l1(), 0.0) > 0) {
            errors.add(new FieldError(
                    "l1",
                    "does not combine with the softmax loss: its proximal step would treat the classes' intercepts as"
                            + " coefficients; use l2"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        Hyperparameters hyperparameters = builder.build();
        if (offsets && !(hyperparameters.loss() instanceof LogLinkLoss)) {
            errors.add(new FieldError(
                    "offset",
                    "applies only to the poisson, gamma and tweedie losses (tweedie with a power from 1 to 2),"
                            + " whose score is the log of a mean; not to " + hyperparameters.loss()));
        }
        if (y != null) {
            checkTargets(y, sampleWeights, hyperparameters, errors);
        }
        return errors.isEmpty() ? hyperparameters : null;
    }

    /** What {@code model} was fitted with: every default filled in, {@code null} where a setting did not apply. */
    public static HyperparameterSpec effective(FittedModel model) {
        return effective(model.hyperparameters(), model.features());
    }

    /** The loss {@code model} was fitted with. */
    public static LossSpec loss(FittedModel model) {
        return Losses.spec(model.hyperparameters().loss());
    }

    static HyperparameterSpec effective(Hyperparameters hyperparameters, int features) {
        Optimizer optimizer = hyperparameters.optimizer();
        Double clipNorm = null;
        if (optimizer instanceof GradientClipping clipping) {
            clipNorm = clipping.maxNorm();
            optimizer = clipping.optimizer();
        }
        Double tolerance = null;
        Integer patience = null;
        EarlyStoppingRule early = null;
        Long maxDurationMs = null;
        for (StoppingRule rule : hyperparameters.stoppingRules()) {
            if (rule instanceof ConvergenceRule convergence) {
                tolerance = convergence.tolerance();
                patience = convergence.patience();
            } else if (rule instanceof EarlyStoppingRule earlyStopping) {
                early = earlyStopping;
                patience = earlyStopping.patience();
            } else if (rule instanceof TimeBudgetRule budget) {
                maxDurationMs = budget.budget().toMillis();
            }
        }
        int batchSize = hyperparameters.batching().batchSize();
        return new HyperparameterSpec(
                hyperparameters.learningRate(),
                hyperparameters.epochs(),
                hyperparameters.startFor(features),
                Losses.spec(hyperparameters.loss()),
                Optimizers.spec(optimizer),
                Schedules.spec(hyperparameters.schedule()),
                hyperparameters.regularization().l1(),
                hyperparameters.regularization().l2(),
                hyperparameters.fitIntercept(),
                batchSize == 0 ? null : batchSize,
                batchSize == 0 ? null : hyperparameters.batching().shuffle(),
                hyperparameters.seed(),
                clipNorm,
                tolerance,
                patience,
                early != null,
                early == null ? null : early.validationFraction(),
                maxDurationMs,
                hyperparameters.snapshotEpochs(),
                hyperparameters.recordLearningRates());
    }

    private static Optimizer optimizer(HyperparameterSpec spec, int rows, List<FieldError> errors) {
        Optimizer optimizer = Optimizers.of(spec.optimizer(), errors);
        if (optimizer instanceof LineSearchOptimizer) {
            refuseWithLineSearch(spec, rows, errors);
            return optimizer;
        }
        Optimizer effective = spec.clipNorm() == null ? optimizer : new GradientClipping(optimizer, spec.clipNorm());
        if (Given.or(spec.l1(), 0.0) > 0 && !effective.hasProximalStep()) {
            // Clipping rescales the gradient of the smooth part, which moves the point where a proximal L1
            // step settles: the fit would stop at the minimiser of another cost.
            errors.add(new FieldError(
                    "l1",
                    "does not combine with clipNorm: l1 is taken by a proximal step, which clipping the"
                            + " gradient would stop short of the minimiser; drop clipNorm or l1"));
        }
        return effective;
    }

    /**
     * Refuses what a line-search optimizer (lbfgs) cannot take: it compares the costs of the whole data along a
     * direction, so it needs every row and a differentiable cost, and it sets the length of each step itself.
     * The learning rate is not refused: it has a default that clients send, and lbfgs ignores it.
     */
    private static void refuseWithLineSearch(HyperparameterSpec spec, int rows, List<FieldError> errors) {
        String lbfgs = "the lbfgs optimizer";
        if (spec.loss() != null && spec.loss().type() == LossSpec.Type.ABSOLUTE) {
            errors.add(new FieldError(
                    "loss",
                    "the absolute loss is not differentiable, and " + lbfgs + " needs a differentiable cost;"
                            + " use huber, or another optimizer"));
        }
        if (Given.or(spec.l1(), 0.0) > 0) {
            errors.add(new FieldError(
                    "l1",
                    "does not combine with " + lbfgs + ": the l1 penalty is not differentiable, and lbfgs has no"
                            + " proximal (OWL-QN) form; use l2, or another optimizer"));
        }
        if (spec.batchSize() != null && spec.batchSize() < rows) {
            errors.add(new FieldError(
                    "batchSize",
                    "must be at least the number of points (" + rows + ") with " + lbfgs + ", whose line search"
                            + " compares the cost of all of them; leave batchSize out"));
        }
        if (spec.clipNorm() != null) {
            errors.add(new FieldError(
                    "clipNorm", "does not apply to " + lbfgs + ", whose line search sets the length of every step"));
        }
        if (spec.schedule() != null
                && spec.schedule().type() != null
                && spec.schedule().type() != ScheduleSpec.Type.CONSTANT) {
            errors.add(new FieldError(
                    "schedule", "does not apply to " + lbfgs + ", whose line search sets the length of every step"));
        }
    }

    private static Batching batching(HyperparameterSpec spec, List<FieldError> errors) {
        if (spec.batchSize() == null) {
            if (spec.shuffle() != null) {
                errors.add(new FieldError("shuffle", "applies only with batchSize"));
            }
            return Batching.FULL;
        }
        return new Batching(spec.batchSize(), !Boolean.FALSE.equals(spec.shuffle()));
    }

    private static List<StoppingRule> stoppingRules(HyperparameterSpec spec, List<FieldError> errors) {
        boolean earlyStopping = Boolean.TRUE.equals(spec.earlyStopping());
        int patience = Given.or(spec.patience(), ConvergenceRule.DEFAULT_PATIENCE);
        if (spec.patience() != null && spec.tolerance() == null && !earlyStopping) {
            errors.add(new FieldError("patience", "applies only with tolerance or earlyStopping"));
        }
        if (spec.validationFraction() != null && !earlyStopping) {
            errors.add(new FieldError("validationFraction", "applies only when earlyStopping is true"));
        }
        List<StoppingRule> rules = new ArrayList<>();
        if (spec.tolerance() != null) {
            rules.add(new ConvergenceRule(spec.tolerance(), patience));
        }
        if (earlyStopping) {
            rules.add(new EarlyStoppingRule(
                    Given.or(spec.validationFraction(), EarlyStoppingRule.DEFAULT_VALIDATION_FRACTION),
                    Given.or(spec.tolerance(), 0.0),
                    patience));
        }
        if (spec.maxDurationMs() != null) {
            rules.add(new TimeBudgetRule(Duration.ofMillis(spec.maxDurationMs())));
        }
        return rules;
    }

    private List<Integer> snapshotEpochs(List<Integer> epochs, int maxEpoch, int features, List<FieldError> errors) {
        if (epochs == null) {
            return List.of();
        }
        for (int k = 0; k < epochs.size(); k++) {
            if (epochs.get(k) < 0 || epochs.get(k) > maxEpoch) {
                errors.add(
                        new FieldError("snapshotEpochs[" + k + "]", "must be between 0 and epochs (" + maxEpoch + ")"));
            }
        }
        // Every snapshot is kept with the model and repeated in each answer that shows it: a thousand
        // snapshots of a thousand features would make every read of the model a 20 MB body.
        long distinct = epochs.stream().distinct().count();
        long values = distinct * (features + 1L);
        int limit = limits.maxSnapshotValues();
        if (values > limit) {
            errors.add(new FieldError(
                    "snapshotEpochs",
                    "asks for " + distinct + " snapshots of " + (features + 1) + " weights each (the intercept and"
                            + " one coefficient per feature): " + values + " values, more than the limit of "
                            + limit + "; with " + features + " features a fit may keep at most "
                            + limit / (features + 1)));
        }
        return epochs;
    }

    /**
     * Refuses targets the loss is not defined for, naming the first and counting the rest; and, for the log-link
     * losses, targets that are 0 at every point that counts (every point of positive weight), whose minimiser
     * sends every mean to 0 and the weights to infinity.
     *
     * @param sampleWeights the weight of each point, or {@code null} (or of another length, refused elsewhere)
     *     when every point counts
     */
    private static void checkTargets(
            double[] y, double[] sampleWeights, Hyperparameters hyperparameters, List<FieldError> errors) {
        Loss loss = hyperparameters.loss();
        boolean weighted = sampleWeights != null && sampleWeights.length == y.length;
        int first = -1;
        int count = 0;
        boolean allZero = true;
        boolean allZeroWhereWeighted = true;
        for (int i = 0; i < y.length; i++) {
            if (!loss.acceptsTarget(y[i])) {
                first = first < 0 ? i : first;
                count++;
            }
            allZero &= y[i] == 0.0;
            if (!weighted || sampleWeights[i] > 0) {
                allZeroWhereWeighted &= y[i] == 0.0;
            }
        }
        if (count > 0) {
            errors.add(new FieldError(
                    "y[" + first + "]", targetRule(loss) + (count > 1 ? " (" + count + " values are not)" : "")));
        } else if (y.length > 0 && loss instanceof LogLinkLoss && allZero) {
            errors.add(new FieldError(
                    "y",
                    "must not all be 0 for the "
                            + Losses.spec(loss).type().name().toLowerCase(Locale.ROOT)
                            + " loss: the best mean is then 0, which no finite weights give (the intercept runs to"
                            + " −∞)"));
        } else if (weighted && loss instanceof LogLinkLoss && allZeroWhereWeighted) {
            errors.add(new FieldError(
                    "y",
                    "must not be 0 at every point of positive sampleWeights for a log-link loss: the best mean is"
                            + " then 0, which no finite weights give (the intercept runs to −∞)"));
        }
    }

    /** What a target of {@code loss} must be. */
    private static String targetRule(Loss loss) {
        if (loss instanceof LogisticLoss) {
            return "must be 0 or 1 for the logistic loss";
        }
        if (loss instanceof GammaLoss) {
            return "must be greater than 0 for the gamma loss";
        }
        if (loss instanceof LogLinkLoss) {
            String name = Losses.spec(loss).type().name().toLowerCase(Locale.ROOT);
            return "must be 0 or more for the " + name + " loss";
        }
        return "is not a value " + loss + " is defined for";
    }
}
