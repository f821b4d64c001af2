package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.api.request.LossBody;
import dev.gradfit.api.request.WeightsBody;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.hyperparameters.HyperparameterSpecs;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.annotation.JsonSerialize;

/** A model in a listing: everything but the histories and settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSummary(
        UUID id,
        Instant createdAt,
        UUID parentId,
        LossBody.Type loss,

        @Schema(implementation = WeightsBody.class) @JsonSerialize(using = WeightsWriter.class)
        Weights weights,

        double cost,
        int epochs,
        int features,
        ModelLinks links) {

    public static ModelSummary of(FittedModel model) {
        return new ModelSummary(
                model.id(),
                model.createdAt(),
                model.parentId(),
                LossBody.of(HyperparameterSpecs.loss(model)).type(),
                model.result().weights(),
                model.result().cost(),
                model.result().epochs(),
                model.features(),
                ModelLinks.of(model.id()));
    }
}
