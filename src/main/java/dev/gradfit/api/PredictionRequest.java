package dev.gradfit.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/v1/models/{id}/predictions}. */
record PredictionRequest(
        @NotNull
        @Schema(
                description = "Points to predict, shaped like the x of the fit.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[6, 7, 10]")
        FeatureMatrix x) {}
