package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.service.Prediction;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.core.io.NumberOutput;

/** One prediction per point of the request, in order: values for regression, probabilities and labels for logistic models. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictionResponse(
        UUID modelId,

        @Schema(
                description = "Regression models: intercept + Σ coefficients[j]·x[j] per point; poisson, gamma and"
                        + " tweedie models: the mean exp(intercept + Σ coefficients[j]·x[j] + offset) per point.")
        double[] predictions,

        @Schema(description = "Logistic models: the probability of class 1 per point.")
        double[] probabilities,

        @Schema(description = "Logistic models: 1 where the probability is at least threshold, else 0.")
        int[] labels,

        @Schema(description = "Logistic models: the threshold used.")
        Double threshold) {

    /**
     * This answer's JSON as Jackson's binding of it writes it (the same fields in the same order, nulls left
     * out, each double as the generator writes it with or without its Schubfach writer), without looking up a
     * serializer: a single prediction's answer is a few dozen bytes. Every value of a prediction is finite.
     */
    public byte[] json(boolean fastDoubles) {
        int values = predictions != null ? points() : 2 * points();
        StringBuilder json = new StringBuilder(64 + 25 * values);
        json.append("{\"modelId\":\"").append(modelId).append('"');
        append(json, "predictions", predictions, fastDoubles);
        append(json, "probabilities", probabilities, fastDoubles);
        if (labels != null) {
            json.append(",\"labels\":[");
            for (int i = 0; i < labels.length; i++) {
                json.append(i == 0 ? "" : ",").append(labels[i]);
            }
            json.append(']');
        }
        if (threshold != null) {
            json.append(",\"threshold\":").append(number(threshold, fastDoubles));
        }
        return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** How many points this answers. */
    public int points() {
        return predictions != null ? predictions.length : probabilities.length;
    }

    private static void append(StringBuilder json, String name, double[] values, boolean fastDoubles) {
        if (values == null) {
            return;
        }
        json.append(",\"").append(name).append("\":[");
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ",").append(number(values[i], fastDoubles));
        }
        json.append(']');
    }

    private static String number(double value, boolean fastDoubles) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a prediction is a finite number, not " + value);
        }
        return NumberOutput.toString(value, fastDoubles);
    }

    /**
     * The answer to a prediction: scores, or probabilities and the labels the model's side gives them
     * ({@link Prediction#label}) for a logistic model.
     */
    public static PredictionResponse of(Prediction prediction) {
        if (!prediction.probabilities()) {
            return new PredictionResponse(prediction.modelId(), prediction.values(), null, null, null);
        }
        int[] labels = new int[prediction.values().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = prediction.label(i);
        }
        return new PredictionResponse(prediction.modelId(), null, prediction.values(), labels, prediction.threshold());
    }
}
