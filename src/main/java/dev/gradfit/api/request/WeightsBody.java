package dev.gradfit.api.request;

import dev.gradfit.fitting.core.Weights;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The weights of a linear model as JSON: {@code y' = intercept + Σ coefficients[j]·x[j]}. */
@Schema(description = "The weights of a linear model: y' = intercept + Σ coefficients[j]·x[j].")
public record WeightsBody(
        @NotNull @Schema(description = "The bias term b0.", example = "0")
        Double intercept,

        @NotNull @Schema(description = "One slope per feature.", example = "[0]")
        double[] coefficients) {

    public static WeightsBody of(Weights weights) {
        return new WeightsBody(weights.intercept(), weights.coefficients());
    }

    public Weights toWeights() {
        return new Weights(intercept, coefficients);
    }
}
