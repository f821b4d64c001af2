package dev.gradfit.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/v1/models/{id}/predictions}. */
public record PredictionRequest(
        @NotNull
        @Schema(
                description = "Points to predict, shaped like the x of the fit.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[6, 7, 10]")
        FeatureMatrix x,

        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax(value = "1", inclusive = false)
        // No defaultValue: a client that sends every declared default would have it refused for linear models.
        @Schema(
                description = "Logistic models only: a point is labelled 1 when its probability is at least"
                        + " this; 0 < threshold < 1. 0.5 when absent.")
        Double threshold) {}
