package dev.gradfit.api;

import dev.gradfit.fitting.FitDiagnostics;
import dev.gradfit.fitting.FitResult;
import dev.gradfit.model.FittedModel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A fitted model as the fit returned it. */
@Schema(description = "A fitted model: its weights, its cost and how the cost fell.")
record ModelResponse(
        UUID id,
        Instant createdAt,
        WeightsBody weights,

        @Schema(description = "The cost (mean squared error) at the returned weights.")
        double cost,

        @Schema(
                description = "costHistory[k] is the cost after k·costHistoryStride epochs; the first"
                        + " entry is the cost at the initial weights, the last the cost of the returned"
                        + " weights.")
        double[] costHistory,

        @Schema(description = "Epochs between consecutive costHistory entries (1 = every epoch).")
        int costHistoryStride,

        @Schema(description = "Epochs run.") int epochs,
        HyperparametersBody hyperparameters,
        ModelLinks links,

        // diagnostics
        MetricsBody metrics,
        ReferenceBody reference,

        @Schema(
                description = "cost − reference.cost: how far above the exact minimum descent stopped, in"
                        + " the units of the cost. Null without a reference. Within rounding (about"
                        + " 1e-15 of the cost) it can come out slightly below 0.",
                nullable = true)
        Double optimalityGap) {

    static ModelResponse of(FittedModel model) {
        FitResult result = model.result();
        FitDiagnostics diagnostics = model.diagnostics();
        return new ModelResponse(
                model.id(),
                model.createdAt(),
                WeightsBody.of(result.weights()),
                result.cost(),
                result.costHistory(),
                result.costHistoryStride(),
                result.epochs(),
                HyperparametersBody.of(model.hyperparameters(), model.features(), model.standardized()),
                ModelLinks.of(model.id()),
                // diagnostics
                diagnostics == null ? null : MetricsBody.of(diagnostics.metrics()),
                diagnostics == null ? null : ReferenceBody.of(diagnostics.reference()),
                diagnostics == null ? null : Numbers.finiteOrNull(diagnostics.optimalityGap()));
    }
}
