package dev.gradfit.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The body of {@code POST /api/v1/models}. */
@Schema(description = "Data to fit and the settings of the fit; only x and y are required.")
record FitRequest(
        @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        FeatureMatrix x,

        @NotNull
        @Schema(
                description = "One target per point of x.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[6, 8, 10, 12, 14]")
        double[] y,

        @Positive
        @Schema(
                description = "Step size of gradient descent; finite and positive.",
                defaultValue = "0.001",
                example = "0.05")
        Double learningRate,

        @Positive
        @Schema(
                description = "Number of full passes over the data; at most gradfit.fit.max-epochs.",
                defaultValue = "1000",
                example = "2000")
        Integer epochs,

        @Valid @Schema(description = "Where descent starts; all zeros when absent.")
        WeightsBody initialWeights) {}
