package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.fitting.core.Weights;
import io.swagger.v3.oas.annotations.media.Schema;
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
                + " original units, either one row {intercept, coefficients} or, for the softmax loss, one row per"
                + " class in byClass, {\"byClass\": [{\"intercept\": 0, \"coefficients\": [0]}, ...]}. When absent, all zeros, except for the poisson, gamma and tweedie losses with"
                + " fitIntercept, which start from the null model: the intercept log(Σ sampleWeights·y / Σ"
                + " sampleWeights·e^offset) (e^0 = 1 without offsets) and coefficients 0, whose mean is the"
                + " data's (from zeros it would be e^offset). The response's hyperparameters.initialWeights"
                + " says which start was used.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeightsBody(
        // Which of the two shapes a request's initialWeights has is checked by FitCommandMapper, naming the field.
        @Schema(
                description = "The bias term b0; absent for a softmax model, whose rows are in byClass.",
                example = "0",
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        Double intercept,

        @Schema(
                description = "One slope per feature; absent for a softmax model, whose rows are in byClass.",
                example = "[0]",
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        double[] coefficients,

        @Schema(
                description = "Softmax models: the weights of each class, in the order of classes (in a request,"
                        + " the sorted distinct values of y), each {intercept, coefficients}; the score of class k is"
                        + " byClass[k].intercept + Σ byClass[k].coefficients[j]·x[j], and its probability"
                        + " e^(score k) / Σ e^(scores). A fitted model's rows sum to zero over the classes"
                        + " (intercepts always, coefficients without l2); initialWeights rows need not: they are"
                        + " taken as given, and the fitted rows are centred.")
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

    /**
     * The weights this body holds: one row, or one per entry of {@code byClass}; the shape is assumed checked
     * (every row with its intercept and coefficients, of one length).
     */
    public Weights toWeights() {
        if (byClass == null) {
            return new Weights(intercept, coefficients);
        }
        double[] intercepts = new double[byClass.size()];
        double[][] rows = new double[byClass.size()][];
        for (int k = 0; k < rows.length; k++) {
            intercepts[k] = byClass.get(k).intercept();
            rows[k] = byClass.get(k).coefficients();
        }
        return Weights.ofRows(intercepts, rows);
    }
}
