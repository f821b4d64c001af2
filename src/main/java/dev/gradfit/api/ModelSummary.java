package dev.gradfit.api;

import dev.gradfit.model.FittedModel;
import java.time.Instant;
import java.util.UUID;

/** A model in a listing: everything but the cost history. */
record ModelSummary(
        UUID id, Instant createdAt, WeightsBody weights, double cost, int epochs, int features, ModelLinks links) {

    static ModelSummary of(FittedModel model) {
        return new ModelSummary(
                model.id(),
                model.createdAt(),
                WeightsBody.of(model.result().weights()),
                model.result().cost(),
                model.result().epochs(),
                model.features(),
                ModelLinks.of(model.id()));
    }
}
