package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.fitting.core.Weights;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import java.util.ArrayList;
import java.util.List;

/**
 * The weights of a linear model as JSON: {@code y' = intercept + Σ coefficients[j]·x[j]}; for a softmax model, one
 * such row per class in {@code byClass}.
 */
@Schema(
        description = "The weights of a linear model: y' = intercept + Σ coefficients[j]·x[j]. A softmax model has a"
                + " row of weights per class instead, in byClass (in the order of the model's classes), and no"
                + " intercept or coefficients of its own. As a fit request's initialWeights: where descent starts, in"
                + " original units. When absent, all zeros, except for the poisson, gamma and tweedie losses with"
                + " fitIntercept, which start from the null model: the intercept log(Σ sampleWeights·y / Σ"
                + " sampleWeights·e^offset) (e^0 = 1 without offsets) and coefficients 0, whose mean is the"
                + " data's (from zeros it would be e^offset). The response's hyperparameters.initialWeights"
                + " says which start was used.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeightsBody(
        // Required in requests (Bean Validation says so), absent from a softmax model's answers.
        @NotNull
        @Schema(
                description = "The bias term b0; required in requests, absent for a softmax model.",
                example = "0",
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        Double intercept,

        @NotNull
        @Schema(
                description = "One slope per feature; required in requests, absent for a softmax model.",
                example = "[0]",
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        double[] coefficients,

        @Null
        @Schema(
                description = "Answers only, softmax models: the weights of each class, in the order of classes;"
                        + " the score of class k is byClass[k].intercept + Σ byClass[k].coefficients[j]·x[j], and"
                        + " its probability e^(score k) / Σ e^(scores). The rows sum to zero over the classes"
                        + " (intercepts always, coefficients without l2).")
        List<WeightsBody> byClass) {

    /** One row of weights. */
    public WeightsBody(Double intercept, double[] coefficients) {
        this(intercept, coefficients, null);
    }

    public static WeightsBody of(Weights weights) {
        if (weights.outputs() == 1) {
            return new WeightsBody(weights.intercept(), weights.coefficients());
        }
        List<WeightsBody> rows = new ArrayList<>(weights.outputs());
        for (int k = 0; k < weights.outputs(); k++) {
            rows.add(new WeightsBody(weights.intercept(k), weights.coefficients(k)));
        }
        return new WeightsBody(null, null, rows);
    }

    public Weights toWeights() {
        return new Weights(intercept, coefficients);
    }
}
