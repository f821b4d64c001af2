package dev.gradfit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.model.FittedModel;
import java.time.Instant;
import java.util.UUID;

/** A model in a listing: everything but the histories and settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ModelSummary(
        UUID id,
        Instant createdAt,
        UUID parentId,
        LossBody.Type loss,
        WeightsBody weights,
        double cost,
        int epochs,
        int features,
        ModelLinks links) {

    static ModelSummary of(FittedModel model) {
        return new ModelSummary(
                model.id(),
                model.createdAt(),
                model.parentId(),
                LossBody.of(model.hyperparameters().loss()).type(),
                WeightsBody.of(model.result().weights()),
                model.result().cost(),
                model.result().epochs(),
                model.features(),
                ModelLinks.of(model.id()));
    }
}
