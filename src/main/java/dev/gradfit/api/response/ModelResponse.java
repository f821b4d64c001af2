package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.api.request.WeightsBody;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Snapshot;
import dev.gradfit.model.Classes;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.hyperparameters.HyperparameterSpec;
import dev.gradfit.service.hyperparameters.HyperparameterSpecs;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import tools.jackson.databind.annotation.JsonSerialize;

/** A fitted model as the fit returned it. */
@Schema(description = "A fitted model: its weights, its cost and how the cost fell.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelResponse(
        UUID id,
        Instant createdAt,

        @Schema(description = "The model this fit continued from; absent for a fresh fit.")
        UUID parentId,

        WeightsBody weights,

        @Schema(
                description = "With featureNames (or a CSV upload): one name per feature, in the order of"
                        + " weights.coefficients; prediction rows may then be objects keyed by these names.",
                example = "[\"size\", \"rooms\"]")
        List<String> featureNames,

        @Schema(
                description = "With targetName (or a CSV upload): the name of what the model predicts.",
                example = "price")
        String targetName,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "Classifiers: the classes y held, sorted as scikit-learn sorts them (numbers by"
                                                + " value, strings by Unicode code point); the logistic loss's probability is that of"
                                                + " the second. [0, 1] for a logistic model fitted on 0/1.",
                                example = "[\"ham\", \"spam\"]"),
                schema = @Schema(implementation = PredictionResponse.Label.class))
        List<Object> classes,

        @Schema(
                description = "With featureNames: weights.coefficients keyed by feature name, in the same order.",
                example = "{\"size\": 3.0, \"rooms\": 2.0}")
        Map<String, Double> coefficientsByName,

        DesignResponse design,

        @Schema(description = "The cost at the returned weights: the mean loss plus any penalty.")
        double cost,

        @Schema(
                description = "costHistory[k] is the cost after k·costHistoryStride epochs; the first"
                        + " entry is the cost at the initial weights, the last the cost of the returned"
                        + " weights.")
        double[] costHistory,

        @Schema(description = "Epochs between consecutive costHistory entries (1 = every epoch).")
        int costHistoryStride,

        @Schema(description = "Epochs run.") int epochs,

        @Schema(
                description = "Why the fit stopped: EPOCHS, CONVERGED (by tolerance, or, with lbfgs, when no step"
                        + " lowers the cost any more), EARLY_STOPPED or TIME_BUDGET. Never given to a"
                        + " fit whose cost ended above its start (beyond a thousandth of the cost of predicting a"
                        + " constant) or was still rising above the stable learning rate: that fit diverged, a"
                        + " 422 fit-diverged.")
        StopReason stopReason,

        @Schema(
                description = "With returnLearningRates: entry k is the learning rate of epoch"
                        + " k·costHistoryStride + 1, the step taken from the weights of costHistory[k] (with lbfgs,"
                        + " the step length its line search accepted).")
        double[] learningRateHistory,

        @Schema(
                description =
                        "With earlyStopping: the mean loss on the held-out points, sampled like" + " costHistory.")
        double[] validationCostHistory,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "With snapshotEpochs: the weights after each of those epochs that was reached."),
                schema = @Schema(implementation = SnapshotBody.class))
        @JsonSerialize(contentUsing = SnapshotBody.Writer.class)
        List<Snapshot> snapshots,

        HyperparametersBody hyperparameters,
        ModelLinks links,

        // diagnostics
        MetricsBody metrics,
        ReferenceBody reference,

        // null says "no reference" explicitly, rather than leaving the reader to wonder
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(
                description = "cost − reference.cost: how far above the exact minimum descent stopped, in"
                        + " the units of the cost. Null without a reference. Both costs are computed to about 1e-12 of"
                        + " themselves, so within that it can come out slightly below 0.",
                nullable = true)
        Double optimalityGap) {

    public static ModelResponse of(FittedModel model) {
        FitResult result = model.result();
        FitDiagnostics diagnostics = model.diagnostics();
        HyperparameterSpec settings = HyperparameterSpecs.effective(model);
        double[] learningRates = result.learningRateHistory();
        double[] validation = result.validationCostHistory();
        return new ModelResponse(
                model.id(),
                model.createdAt(),
                model.parentId(),
                WeightsBody.of(result.weights()),
                model.featureNames(),
                model.targetName(),
                classes(model),
                byName(model),
                DesignResponse.of(model.design()),
                result.cost(),
                result.costHistory(),
                result.costHistoryStride(),
                result.epochs(),
                result.stopReason(),
                settings.returnLearningRates() ? learningRates : null,
                settings.earlyStopping() ? validation : null,
                settings.snapshotEpochs().isEmpty() ? null : result.snapshots(),
                HyperparametersBody.of(settings, model.standardized()),
                ModelLinks.of(model.id()),
                // diagnostics
                diagnostics == null ? null : MetricsBody.of(diagnostics.metrics()),
                diagnostics == null ? null : ReferenceBody.of(diagnostics.reference()),
                diagnostics == null ? null : Numbers.finiteOrNull(diagnostics.optimalityGap()));
    }

    private static List<Object> classes(FittedModel model) {
        Classes classes = model.classes();
        return classes == null
                ? null
                : IntStream.range(0, classes.count()).mapToObj(classes::label).toList();
    }

    private static Map<String, Double> byName(FittedModel model) {
        if (!model.hasFeatureNames() || model.result().weights().outputs() > 1) {
            return null;
        }
        double[] coefficients = model.result().weights().coefficients();
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int j = 0; j < coefficients.length; j++) {
            byName.put(model.featureNames().get(j), coefficients[j]);
        }
        return byName;
    }
}
