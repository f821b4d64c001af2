package dev.gradfit.api;

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
        ModelLinks links) {

    static ModelResponse of(FittedModel model) {
        FitResult result = model.result();
        return new ModelResponse(
                model.id(),
                model.createdAt(),
                WeightsBody.of(result.weights()),
                result.cost(),
                result.costHistory(),
                result.costHistoryStride(),
                result.epochs(),
                HyperparametersBody.of(model.hyperparameters(), model.features()),
                ModelLinks.of(model.id()));
    }
}
