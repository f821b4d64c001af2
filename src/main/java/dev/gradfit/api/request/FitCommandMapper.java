package dev.gradfit.api.request;

import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.optimizer.GradientClipping;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.schedule.ConstantSchedule;
import dev.gradfit.fitting.stopping.ConvergenceRule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.stopping.TimeBudgetRule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.FitCommand;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NameCheck;
import dev.gradfit.service.NamedColumns;
import dev.gradfit.service.PointLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link FitRequest} into a {@link FitCommand}: fills in the defaults, and checks what Bean
 * Validation cannot (shapes that depend on each other, settings that apply only together with others,
 * targets the loss is not defined for, the configured limits), reporting every bad field at once.
 */
@Component
public class FitCommandMapper {

    private final FitProperties limits;

    FitCommandMapper(FitProperties limits) {
        this.limits = limits;
    }

    /**
     * @param parent the model the fit continues from, or {@code null} for a fresh fit from the request's
     *     initial weights (zeros by default)
     * @throws InvalidRequestException naming every bad field
     */
    public FitCommand toCommand(FitRequest request, FittedModel parent) {
        List<FieldError> errors = new ArrayList<>();
        if (request.parentId() != null) {
            errors.add(new FieldError(
                    "parentId",
                    "applies only to POST /api/v1/jobs; here, continue a model with POST"
                            + " /api/v1/models/{id}/fits"));
        }
        return toCommand(request, parent, errors);
    }

    /**
     * The command of a job, whose body may name the model it continues ({@code parentId}).
     *
     * @param parent the model {@code request.parentId()} names, or {@code null} when it names none
     * @throws InvalidRequestException naming every bad field
     */
    public FitCommand toJobCommand(FitRequest request, FittedModel parent) {
        if (parent == null ? request.parentId() != null : !parent.id().equals(request.parentId())) {
            throw new IllegalArgumentException("the parent must be the model the request names");
        }
        return toCommand(request, parent, new ArrayList<>());
    }

    private FitCommand toCommand(FitRequest request, FittedModel parent, List<FieldError> errors) {
        FeatureMatrix x = checkData(request, errors);
        checkNames(request, x, errors);
        Weights start = parent == null ? freshStart(request, x, errors) : continuedStart(request, x, parent, errors);
        Hyperparameters hyperparameters = toHyperparameters(request, x.columns(), start, errors);
        if (hyperparameters != null) {
            checkTargets(request.y(), hyperparameters, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Dataset data = new Dataset(x.values(), x.columns(), request.y(), request.sampleWeights());
        // A continued fit keeps its parent's names unless the request gives its own.
        List<String> featureNames =
                request.featureNames() != null || parent == null ? request.featureNames() : parent.featureNames();
        String targetName = request.targetName() != null || parent == null ? request.targetName() : parent.targetName();
        return new FitCommand(
                data,
                hyperparameters,
                Boolean.TRUE.equals(request.standardize()),
                parent == null ? null : parent.id(),
                featureNames,
                targetName);
    }

    /** Checks the names against x and each other: one per feature, unique, not blank, not too long. */
    private void checkNames(FitRequest request, FeatureMatrix x, List<FieldError> errors) {
        int maxLength = limits.maxFeatureNameLength();
        List<String> names = request.featureNames();
        if (names != null) {
            if (x.rows() > 0 && names.size() != x.columns()) {
                errors.add(new FieldError(
                        "featureNames", "has " + names.size() + " names but x has " + x.columns() + " features"));
            }
            NameCheck check = new NameCheck(maxLength);
            for (int i = 0; i < names.size(); i++) {
                NameCheck.Problem problem = check.next(names.get(i));
                if (problem != null) {
                    // One is enough: a thousand bad names need not make a thousand errors.
                    errors.add(new FieldError("featureNames[" + i + "]", reason(problem)));
                    break;
                }
            }
        }
        NameCheck.Problem target =
                request.targetName() == null ? null : new NameCheck(maxLength).next(request.targetName());
        if (target != null) {
            errors.add(new FieldError("targetName", reason(target)));
        }
    }

    private static String reason(NameCheck.Problem problem) {
        return switch (problem.fault()) {
            case BLANK -> "must not be blank";
            case TOO_LONG -> problem.tooLong();
            case REPEATED -> "repeats featureNames[" + problem.earlier() + "]; names must be unique";
        };
    }

    private static Weights freshStart(FitRequest request, FeatureMatrix x, List<FieldError> errors) {
        WeightsBody initial = request.initialWeights();
        if (initial != null && initial.coefficients().length != x.columns()) {
            errors.add(new FieldError(
                    "initialWeights.coefficients",
                    "has " + initial.coefficients().length + " values but x has " + x.columns() + " features"));
        }
        return initial == null ? null : initial.toWeights();
    }

    private static Weights continuedStart(
            FitRequest request, FeatureMatrix x, FittedModel parent, List<FieldError> errors) {
        if (x.rows() > 0 && x.columns() != parent.features()) {
            errors.add(new FieldError(
                    "x", "has " + x.columns() + " features per point but the model takes " + parent.features()));
        }
        if (request.initialWeights() != null) {
            errors.add(new FieldError(
                    "initialWeights", "must be absent when continuing a model: its weights are the start"));
        }
        Weights weights = byName(request.featureNames(), parent, errors);
        // Without an intercept the continued fit holds it at 0, as a fresh fit would.
        return Boolean.FALSE.equals(request.fitIntercept()) ? new Weights(0.0, weights.coefficients()) : weights;
    }

    /**
     * The parent's weights with its coefficients in the order of the request's names, when both have names:
     * a CSV whose columns come in another order starts from the same model. When either side has no names,
     * the coefficients stay in their order (positional, as for a fit without names). Names that are not the
     * parent's, in any order, are refused: the start would be another model's.
     */
    private static Weights byName(List<String> names, FittedModel parent, List<FieldError> errors) {
        Weights weights = parent.result().weights();
        if (names == null || !parent.hasFeatureNames() || new HashSet<>(names).size() != names.size()) {
            return weights; // without names on both sides; repeated names are refused by checkNames
        }
        String difference = NamedColumns.difference(names, parent.featureNames());
        if (difference != null) {
            errors.add(new FieldError(
                    "featureNames",
                    "do not name the features of model " + parent.id() + " ("
                            + NamedColumns.listed(parent.featureNames()) + "): " + difference
                            + "; a continued fit takes the model's features by name, in any order (the columns"
                            + " of a CSV or Arrow upload are its featureNames)"));
            return weights;
        }
        return new Weights(
                weights.intercept(), NamedColumns.inOrderOf(weights.coefficients(), parent.featureNames(), names));
    }

    /** The settings, or {@code null} when {@code errors} gained any. */
    private Hyperparameters toHyperparameters(
            FitRequest request, int features, Weights start, List<FieldError> errors) {
        int maxEpochs = limits.maxEpochs();

        int epochs = Settings.or(request.epochs(), Hyperparameters.DEFAULT_EPOCHS);
        if (epochs > maxEpochs) {
            errors.add(new FieldError("epochs", "must be at most " + maxEpochs));
        }
        boolean fitIntercept = !Boolean.FALSE.equals(request.fitIntercept());
        if (!fitIntercept && start != null && start.intercept() != 0.0) {
            errors.add(new FieldError("initialWeights.intercept", "must be 0 when fitIntercept is false"));
        }
        Hyperparameters.Builder builder = Hyperparameters.builder()
                .learningRate(Settings.or(request.learningRate(), Hyperparameters.DEFAULT_LEARNING_RATE))
                .epochs(epochs)
                .initialWeights(start)
                .loss(
                        request.loss() == null
                                ? SquaredLoss.INSTANCE
                                : request.loss().toLoss(errors))
                .optimizer(optimizer(request, errors))
                .schedule(
                        request.schedule() == null
                                ? ConstantSchedule.INSTANCE
                                : request.schedule().toSchedule(errors))
                .regularization(new Regularization(Settings.or(request.l1(), 0.0), Settings.or(request.l2(), 0.0)))
                .fitIntercept(fitIntercept)
                .batching(batching(request, errors))
                .seed(request.seed() == null ? 0L : request.seed())
                .stoppingRules(stoppingRules(request, errors))
                .snapshotEpochs(snapshotEpochs(request.snapshotEpochs(), epochs, features, errors))
                .recordLearningRates(Boolean.TRUE.equals(request.returnLearningRates()));
        return errors.isEmpty() ? builder.build() : null;
    }

    /** Checks x, y and the sample weights against each other and the limits; returns x. */
    private FeatureMatrix checkData(FitRequest request, List<FieldError> errors) {
        FeatureMatrix x = request.x();
        PointLimits.check("x", x.rows(), x.columns(), limits, errors);
        if (x.names() != null) {
            errors.add(new FieldError(
                    "x", "has rows as objects; a fit takes rows as arrays of numbers, with the names in featureNames"));
        }
        int n = request.y().length;
        if (n == 0) {
            errors.add(new FieldError("y", "must not be empty"));
        } else if (x.rows() > 0 && n != x.rows()) {
            errors.add(new FieldError("y", "has " + n + " values but x has " + x.rows() + " points"));
        }
        double[] weights = request.sampleWeights();
        if (weights != null) {
            if (weights.length != n) {
                errors.add(new FieldError("sampleWeights", "has " + weights.length + " values but y has " + n));
            }
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] < 0) {
                    errors.add(new FieldError("sampleWeights[" + i + "]", "must not be negative"));
                    break;
                }
                sum += weights[i];
            }
            if (weights.length > 0 && !(sum > 0)) {
                errors.add(new FieldError("sampleWeights", "must not all be zero"));
            } else if (!Double.isFinite(sum)) {
                errors.add(new FieldError("sampleWeights", "must have a finite sum"));
            }
        }
        return x;
    }

    /** Refuses targets the loss is not defined for, naming the first and counting the rest. */
    private static void checkTargets(double[] y, Hyperparameters hyperparameters, List<FieldError> errors) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < y.length; i++) {
            if (!hyperparameters.loss().acceptsTarget(y[i])) {
                first = first < 0 ? i : first;
                count++;
            }
        }
        if (count > 0) {
            errors.add(new FieldError(
                    "y[" + first + "]",
                    "must be 0 or 1 for the logistic loss" + (count > 1 ? " (" + count + " values are not)" : "")));
        }
    }

    private static Optimizer optimizer(FitRequest request, List<FieldError> errors) {
        Optimizer optimizer = request.optimizer() == null
                ? new GradientDescent()
                : request.optimizer().toOptimizer(errors);
        Optimizer effective =
                request.clipNorm() == null ? optimizer : new GradientClipping(optimizer, request.clipNorm());
        if (Settings.or(request.l1(), 0.0) > 0 && !effective.hasProximalStep()) {
            // Clipping rescales the gradient of the smooth part, which moves the point where a proximal L1
            // step settles: the fit would stop at the minimiser of another cost.
            errors.add(new FieldError(
                    "l1",
                    "does not combine with clipNorm: l1 is taken by a proximal step, which clipping the"
                            + " gradient would stop short of the minimiser; drop clipNorm or l1"));
        }
        return effective;
    }

    private static Batching batching(FitRequest request, List<FieldError> errors) {
        if (request.batchSize() == null) {
            if (request.shuffle() != null) {
                errors.add(new FieldError("shuffle", "applies only with batchSize"));
            }
            return Batching.FULL;
        }
        return new Batching(request.batchSize(), !Boolean.FALSE.equals(request.shuffle()));
    }

    private static List<StoppingRule> stoppingRules(FitRequest request, List<FieldError> errors) {
        boolean earlyStopping = Boolean.TRUE.equals(request.earlyStopping());
        int patience = Settings.or(request.patience(), ConvergenceRule.DEFAULT_PATIENCE);
        if (request.patience() != null && request.tolerance() == null && !earlyStopping) {
            errors.add(new FieldError("patience", "applies only with tolerance or earlyStopping"));
        }
        if (request.validationFraction() != null && !earlyStopping) {
            errors.add(new FieldError("validationFraction", "applies only when earlyStopping is true"));
        }
        List<StoppingRule> rules = new ArrayList<>();
        if (request.tolerance() != null) {
            rules.add(new ConvergenceRule(request.tolerance(), patience));
        }
        if (earlyStopping) {
            rules.add(new EarlyStoppingRule(
                    Settings.or(request.validationFraction(), EarlyStoppingRule.DEFAULT_VALIDATION_FRACTION),
                    Settings.or(request.tolerance(), 0.0),
                    patience));
        }
        if (request.maxDurationMs() != null) {
            rules.add(new TimeBudgetRule(Duration.ofMillis(request.maxDurationMs())));
        }
        return rules;
    }

    private List<Integer> snapshotEpochs(int[] epochs, int maxEpoch, int features, List<FieldError> errors) {
        if (epochs == null) {
            return List.of();
        }
        for (int k = 0; k < epochs.length; k++) {
            if (epochs[k] < 0 || epochs[k] > maxEpoch) {
                errors.add(
                        new FieldError("snapshotEpochs[" + k + "]", "must be between 0 and epochs (" + maxEpoch + ")"));
            }
        }
        // Every snapshot is kept with the model and repeated in each answer that shows it: a thousand
        // snapshots of a thousand features would make every read of the model a 20 MB body.
        long distinct = Arrays.stream(epochs).distinct().count();
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
        return Arrays.stream(epochs).boxed().toList();
    }
}
