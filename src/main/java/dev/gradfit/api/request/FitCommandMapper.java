package dev.gradfit.api.request;

import dev.gradfit.api.request.rows.RowsMapper;
import dev.gradfit.config.DesignProperties;
import dev.gradfit.config.FitProperties;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.ClassTargets;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.FitCommand;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NameCheck;
import dev.gradfit.service.NamedColumns;
import dev.gradfit.service.PointLimits;
import dev.gradfit.service.hyperparameters.HyperparameterSpec;
import dev.gradfit.service.hyperparameters.HyperparameterSpecs;
import dev.gradfit.service.hyperparameters.LossSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link FitRequest} into a {@link FitCommand}, checking what Bean Validation cannot, and reporting every
 * bad field at once: here the shapes that depend on each other, the names and the start; the settings go by name
 * and number to {@link HyperparameterSpecs}, which fills in the defaults and checks settings that apply only to
 * some types or together with others, the targets the loss is not defined for, and the configured limits.
 */
@Component
public class FitCommandMapper {

    private final FitProperties limits;
    private final HyperparameterSpecs hyperparameterSpecs;
    private final RowsMapper rows;

    FitCommandMapper(FitProperties limits, DesignProperties designLimits) {
        this.limits = limits;
        this.hyperparameterSpecs = new HyperparameterSpecs(limits);
        this.rows = new RowsMapper(limits, designLimits.limits());
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

    private FitCommand toCommand(FitRequest given, FittedModel parent, List<FieldError> errors) {
        if (!errors.isEmpty() && given.x() == null && given.rows() == null) {
            throw new InvalidRequestException(errors);
        }
        RowsMapper.Designed designed = rows.design(
                new RowsMapper.Data(
                        given.x(),
                        given.y(),
                        given.sampleWeights(),
                        given.offset(),
                        given.fitIntercept(),
                        given.featureNames(),
                        given.targetName(),
                        given.rows(),
                        given.target(),
                        given.design(),
                        given.formula()),
                parent,
                MemoryAccounts.current());
        FitRequest request = designed == null
                ? given
                : given.withDesigned(
                        designed.x(),
                        designed.y(),
                        designed.sampleWeights(),
                        designed.offset(),
                        designed.featureNames(),
                        designed.targetName(),
                        designed.fitIntercept());
        FeatureMatrix x = checkData(request, errors);
        // A design's column names are its own (unique, and as long as the levels they name): only the target's
        // name is the client's to check.
        checkNames(
                designed == null
                        ? request
                        : request.withDesigned(
                                x,
                                request.y(),
                                request.sampleWeights(),
                                request.offset(),
                                null,
                                request.targetName(),
                                request.fitIntercept()),
                x,
                errors);
        Weights start = parent == null ? freshStart(request, x, errors) : continuedStart(request, x, parent, errors);
        HyperparameterSpec spec = spec(request, start);
        ClassTargets.Encoded classes = null;
        double[] y = null;
        double[] sampleWeights = request.sampleWeights();
        boolean softmax = isSoftmax(spec);
        if (softmax || isClassifier(spec)) {
            classes = ClassTargets.encode(
                    request.y(), !softmax, parent == null ? null : parent.classes(), limits.maxClasses(), errors);
            if (classes != null) {
                y = classes.y();
                if (sampleWeights == null || sampleWeights.length == y.length) {
                    sampleWeights = ClassTargets.weigh(classes, sampleWeights, classWeights(request), errors);
                }
                if (softmax) {
                    spec = withLoss(
                            spec, spec.loss().withClasses(classes.classes().count()));
                }
            }
        } else {
            y = regressionTargets(request, errors);
        }
        checkOutputs(
                request,
                start,
                parent,
                softmax ? (classes == null ? 0 : classes.classes().count()) : 1,
                errors);
        Hyperparameters hyperparameters = hyperparameterSpecs.toHyperparameters(
                spec, x.columns(), y, sampleWeights, request.offset() != null, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Dataset data = designed != null && designed.sparse() != null
                ? new Dataset(designed.sparse(), x.columns(), y, sampleWeights, request.offset())
                : new Dataset(x.values(), x.columns(), y, sampleWeights, request.offset());
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
                targetName,
                classes == null ? null : classes.classes(),
                designed == null ? null : designed.design());
    }

    /** Whether the loss asked for is the logistic loss, whose targets are two classes. */
    private static boolean isClassifier(HyperparameterSpec spec) {
        return spec.loss() != null && spec.loss().type() == LossSpec.Type.LOGISTIC;
    }

    /** Whether the loss asked for is softmax, whose targets are two or more classes. */
    private static boolean isSoftmax(HyperparameterSpec spec) {
        return spec.loss() != null && spec.loss().type() == LossSpec.Type.SOFTMAX;
    }

    /**
     * Checks that the start has a row of weights per output: one, or one per class for softmax. A softmax fit
     * starts from zeros, from the request's rows or from the softmax model it continues; other losses cannot
     * continue a softmax model.
     *
     * @param outputs the rows of weights the loss needs, 0 when the classes are refused already
     */
    private static void checkOutputs(
            FitRequest request, Weights start, FittedModel parent, int outputs, List<FieldError> errors) {
        if (parent == null) {
            if (start == null || outputs == 0) {
                return;
            }
            boolean byClass = request.initialWeights().byClass() != null;
            if (outputs == 1 && byClass) {
                errors.add(new FieldError(
                        "initialWeights.byClass",
                        "applies to the softmax loss, a row of weights per class; this loss takes one row,"
                                + " {intercept, coefficients}"));
            } else if (outputs > 1 && !byClass) {
                errors.add(new FieldError(
                        "initialWeights",
                        "is one row of weights; a softmax fit over " + outputs + " classes starts from a row per"
                                + " class, {\"byClass\": [{intercept, coefficients}, ...]} in the order of the"
                                + " classes, or from zeros when absent"));
            } else if (outputs > 1 && start.outputs() != outputs) {
                errors.add(new FieldError(
                        "initialWeights.byClass",
                        "has " + start.outputs() + " rows but y has " + outputs
                                + " classes: a row per class, in their sorted order"));
            }
            return;
        }
        int rows = parent.result().weights().outputs();
        if (outputs > 0 && rows != outputs) {
            errors.add(new FieldError(
                    "loss",
                    rows > 1
                            ? "the model this fit continues has " + rows + " rows of weights, one per class: continue"
                                    + " it with the softmax loss"
                            : "softmax needs a row of weights per class, and the model this fit continues has one:"
                                    + " fit softmax afresh"));
        }
    }

    private static HyperparameterSpec withLoss(HyperparameterSpec spec, LossSpec loss) {
        return new HyperparameterSpec(
                spec.learningRate(),
                spec.epochs(),
                spec.initialWeights(),
                loss,
                spec.optimizer(),
                spec.schedule(),
                spec.l1(),
                spec.l2(),
                spec.fitIntercept(),
                spec.batchSize(),
                spec.shuffle(),
                spec.seed(),
                spec.clipNorm(),
                spec.tolerance(),
                spec.patience(),
                spec.earlyStopping(),
                spec.validationFraction(),
                spec.maxDurationMs(),
                spec.snapshotEpochs(),
                spec.returnLearningRates());
    }

    private static ClassTargets.ClassWeights classWeights(FitRequest request) {
        return request.classWeights() == null ? null : request.classWeights().toSpec();
    }

    /** The numbers a regression fits; class labels and class weights are a classifier's. */
    private static double[] regressionTargets(FitRequest request, List<FieldError> errors) {
        String loss = request.loss() == null || request.loss().type() == null
                ? "squared"
                : request.loss().type().toString();
        if (request.classWeights() != null) {
            errors.add(new FieldError(
                    "classWeights", "applies only to a classifier (the logistic loss), not to the " + loss + " loss"));
        }
        if (request.y().isLabelled()) {
            errors.add(new FieldError(
                    "y",
                    "holds labels (strings); the " + loss + " loss takes numbers, and labels go with"
                            + " the logistic and softmax losses"));
            return null;
        }
        return request.y().numbers();
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

    /**
     * The request's initial weights: one row {@code {intercept, coefficients}}, or one row per class in {@code
     * byClass}; {@code null} when absent or of a wrong shape (each fault named).
     */
    private static Weights freshStart(FitRequest request, FeatureMatrix x, List<FieldError> errors) {
        WeightsBody initial = request.initialWeights();
        if (initial == null) {
            return null;
        }
        int before = errors.size();
        if (initial.byClass() == null) {
            checkRow(initial, "initialWeights", x, errors);
        } else {
            if (initial.intercept() != null || initial.coefficients() != null) {
                errors.add(new FieldError(
                        "initialWeights",
                        "has byClass, a row of weights per class, and so no intercept or coefficients of its own"));
            }
            if (initial.byClass().isEmpty()) {
                errors.add(new FieldError("initialWeights.byClass", "must hold a row of weights per class"));
            }
            for (int k = 0; k < initial.byClass().size(); k++) {
                String path = "initialWeights.byClass[" + k + "]";
                WeightsBody row = initial.byClass().get(k);
                if (row == null) {
                    errors.add(new FieldError(path, "must be a row of weights, {intercept, coefficients}"));
                    continue;
                }
                if (row.byClass() != null) {
                    errors.add(new FieldError(path + ".byClass", "must be absent: a class has one row of weights"));
                }
                checkRow(row, path, x, errors);
            }
        }
        return errors.size() > before ? null : initial.toWeights();
    }

    /** Checks that {@code row} has an intercept and one coefficient per feature of x. */
    private static void checkRow(WeightsBody row, String path, FeatureMatrix x, List<FieldError> errors) {
        if (row.intercept() == null) {
            errors.add(new FieldError(path + ".intercept", "must not be null"));
        }
        if (row.coefficients() == null) {
            errors.add(new FieldError(path + ".coefficients", "must not be null"));
        } else if (row.coefficients().length != x.columns()) {
            errors.add(new FieldError(
                    path + ".coefficients",
                    "has " + row.coefficients().length + " values but x has " + x.columns() + " features"));
        }
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
        if (!Boolean.FALSE.equals(request.fitIntercept())) {
            return weights;
        }
        double[][] rows = new double[weights.outputs()][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = weights.coefficients(k);
        }
        return Weights.ofRows(new double[rows.length], rows);
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
        double[][] rows = new double[weights.outputs()][];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = NamedColumns.inOrderOf(weights.coefficients(k), parent.featureNames(), names);
        }
        return Weights.ofRows(weights.intercepts(), rows);
    }

    /** The request's settings by name and number, starting from {@code start}. */
    private static HyperparameterSpec spec(FitRequest request, Weights start) {
        return new HyperparameterSpec(
                request.learningRate(),
                request.epochs(),
                start,
                request.loss() == null ? null : request.loss().toSpec(),
                request.optimizer() == null ? null : request.optimizer().toSpec(),
                request.schedule() == null ? null : request.schedule().toSpec(),
                request.l1(),
                request.l2(),
                request.fitIntercept(),
                request.batchSize(),
                request.shuffle(),
                request.seed(),
                request.clipNorm(),
                request.tolerance(),
                request.patience(),
                request.earlyStopping(),
                request.validationFraction(),
                request.maxDurationMs(),
                request.snapshotEpochs() == null
                        ? null
                        : Arrays.stream(request.snapshotEpochs()).boxed().toList(),
                request.returnLearningRates());
    }

    /** Checks x, y, the sample weights and the offsets against each other and the limits; returns x. */
    private FeatureMatrix checkData(FitRequest request, List<FieldError> errors) {
        FeatureMatrix x = request.x();
        PointLimits.check("x", x.rows(), x.columns(), limits, errors);
        if (x.names() != null) {
            errors.add(new FieldError(
                    "x", "has rows as objects; a fit takes rows as arrays of numbers, with the names in featureNames"));
        }
        int n = request.y().size();
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
        double[] offset = request.offset();
        if (offset != null) {
            if (offset.length != n) {
                errors.add(new FieldError("offset", "has " + offset.length + " values but y has " + n));
            }
            for (int i = 0; i < offset.length; i++) {
                if (!Double.isFinite(offset[i])) {
                    errors.add(new FieldError("offset[" + i + "]", "must be a finite number"));
                    break;
                }
            }
        }
        return x;
    }
}
