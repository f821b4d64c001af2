package dev.gradfit.model;

import dev.gradfit.fitting.Predictor;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.diagnostics.MulticlassMetrics;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fit kept for predictions: what was asked ({@code hyperparameters}) and what came out ({@code result}).
 *
 * @param id a random UUID
 * @param createdAt when the fit finished
 * @param hyperparameters the effective settings of the fit
 * @param result the weights, cost and cost history
 * @param parentId the model whose weights this fit started from, or {@code null} for a fresh fit
 * @param standardized whether the fit ran on standardized features
 * @param diagnostics metrics, the reference solution and the optimality gap; {@code null} if not computed
 * @param featureNames one name per feature, in the order of the coefficients; {@code null} for a model fitted
 *     without names
 * @param targetName the name of what the model predicts; {@code null} when not given
 * @param sample some of the training points as sent, for plots; {@code null} when none was kept
 * @param classes what a classifier's class indices stand for; {@code null} for a regression model. A logistic
 *     model given none (one stored before classes had names) has the classes 0 and 1
 * @param design the design that makes the model's features of raw rows; {@code null} for a model fitted on numbers
 */
public record FittedModel(
        UUID id,
        Instant createdAt,
        Hyperparameters hyperparameters,
        FitResult result,
        UUID parentId,
        boolean standardized,
        FitDiagnostics diagnostics,
        List<String> featureNames,
        String targetName,
        TrainingSample sample,
        Classes classes,
        ModelDesign design) {

    public FittedModel {
        if (classes == null && hyperparameters.loss() instanceof LogisticLoss) {
            classes = Classes.ZERO_ONE;
        }
        if (featureNames != null) {
            featureNames = List.copyOf(featureNames);
            if (featureNames.size() != result.weights().features()) {
                throw new IllegalArgumentException("a model of "
                        + result.weights().features() + " features with " + featureNames.size() + " feature names");
            }
        }
        if (design != null && design.design().columns() != result.weights().features()) {
            throw new IllegalArgumentException("a model of " + result.weights().features()
                    + " features with a design of " + design.design().columns() + " columns");
        }
    }

    /** A model fitted on numbers, without a design. */
    public FittedModel(
            UUID id,
            Instant createdAt,
            Hyperparameters hyperparameters,
            FitResult result,
            UUID parentId,
            boolean standardized,
            FitDiagnostics diagnostics,
            List<String> featureNames,
            String targetName,
            TrainingSample sample,
            Classes classes) {
        this(
                id,
                createdAt,
                hyperparameters,
                result,
                parentId,
                standardized,
                diagnostics,
                featureNames,
                targetName,
                sample,
                classes,
                null);
    }

    /** A model without classes beyond a logistic model's 0 and 1. */
    public FittedModel(
            UUID id,
            Instant createdAt,
            Hyperparameters hyperparameters,
            FitResult result,
            UUID parentId,
            boolean standardized,
            FitDiagnostics diagnostics,
            List<String> featureNames,
            String targetName,
            TrainingSample sample) {
        this(
                id,
                createdAt,
                hyperparameters,
                result,
                parentId,
                standardized,
                diagnostics,
                featureNames,
                targetName,
                sample,
                null);
    }

    /** A model without feature names or a training sample. */
    public FittedModel(
            UUID id,
            Instant createdAt,
            Hyperparameters hyperparameters,
            FitResult result,
            UUID parentId,
            boolean standardized,
            FitDiagnostics diagnostics) {
        this(id, createdAt, hyperparameters, result, parentId, standardized, diagnostics, null, null, null, null);
    }

    /** A model without feature names. */
    public FittedModel(
            UUID id,
            Instant createdAt,
            Hyperparameters hyperparameters,
            FitResult result,
            UUID parentId,
            boolean standardized,
            FitDiagnostics diagnostics,
            TrainingSample sample) {
        this(id, createdAt, hyperparameters, result, parentId, standardized, diagnostics, null, null, sample, null);
    }

    /** A model without standardization, diagnostics, names or a training sample. */
    public FittedModel(UUID id, Instant createdAt, Hyperparameters hyperparameters, FitResult result, UUID parentId) {
        this(id, createdAt, hyperparameters, result, parentId, false, null);
    }

    /** Object headers, references and the fixed fields of the records, rounded up. */
    private static final long OVERHEAD_BYTES = 512;

    /** A String's header, fields and array header, rounded up. */
    private static final long NAME_OVERHEAD_BYTES = 48;

    /** A fresh fit, started from its own initial weights. */
    public FittedModel(UUID id, Instant createdAt, Hyperparameters hyperparameters, FitResult result) {
        this(id, createdAt, hyperparameters, result, null);
    }

    /** What the model answers for new points: scores, or probabilities for a logistic model. */
    public Predictor predictor() {
        return Predictor.of(hyperparameters, result.weights());
    }

    /** The number of features the model takes per row. */
    public int features() {
        return result.weights().features();
    }

    /** Whether the model was fitted with feature names. */
    public boolean hasFeatureNames() {
        return featureNames != null;
    }

    /**
     * An estimate of the heap this model holds: its arrays of doubles (the sample's too; the weights and the
     * initial weights a row per output; the reference's weights and a classifier's K × K confusion matrix), its
     * names (a String and its bytes, counted as two bytes a character), plus a fixed overhead.
     */
    public long estimatedBytes() {
        long doubles = result.storedValues()
                + 2 * weightValues(result.weights())
                + (sample == null ? 0 : sample.storedValues())
                + diagnosticsValues();
        return OVERHEAD_BYTES + 8 * doubles + namesBytes() + designBytes();
    }

    /** The design's names, levels and formula, as Strings; its fill values and terms in the fixed overhead's stead. */
    private long designBytes() {
        if (design == null) {
            return 0;
        }
        long bytes = OVERHEAD_BYTES
                + (design.formula() == null
                        ? 0
                        : NAME_OVERHEAD_BYTES + 2L * design.formula().length());
        for (String name : design.design().columnNames()) {
            bytes += NAME_OVERHEAD_BYTES + 16 + 2L * name.length();
        }
        for (Map.Entry<String, List<String>> input :
                design.design().levelsByInput().entrySet()) {
            bytes += NAME_OVERHEAD_BYTES + 32 + 2L * input.getKey().length();
            for (String level : input.getValue()) {
                bytes += NAME_OVERHEAD_BYTES + 8 + 2L * level.length();
            }
        }
        return bytes;
    }

    private static long weightValues(Weights weights) {
        return (long) weights.outputs() * (weights.features() + 1);
    }

    /** A softmax model of 1000 classes keeps a million cells of confusion: 8 MB, far more than its weights. */
    private long diagnosticsValues() {
        if (diagnostics == null) {
            return 0;
        }
        long values = 0;
        ExactSolution reference = diagnostics.reference();
        if (reference != null && reference.weights() != null) {
            values += weightValues(reference.weights());
        }
        if (diagnostics.metrics() instanceof MulticlassMetrics) {
            long classes = result.weights().outputs();
            values += classes * classes + 2 * classes;
        }
        return values;
    }

    private long namesBytes() {
        long bytes = targetName == null ? 0 : NAME_OVERHEAD_BYTES + 2L * targetName.length();
        if (featureNames != null) {
            for (String name : featureNames) {
                bytes += NAME_OVERHEAD_BYTES + 8 + 2L * name.length();
            }
        }
        if (classes != null) {
            for (int k = 0; k < classes.count(); k++) {
                bytes += classes.named()
                        ? NAME_OVERHEAD_BYTES + 8 + 2L * classes.text(k).length()
                        : 8;
            }
        }
        return bytes;
    }
}
