package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.service.Prediction;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.NumberOutput;

/** One prediction per point of the request, in order: values for regression, probabilities and labels for logistic models. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictionResponse(
        UUID modelId,

        @Schema(description = "Regression models: intercept + Σ coefficients[j]·x[j] per point.")
        double[] predictions,

        @Schema(description = "Logistic models: the probability of class 1 per point.")
        double[] probabilities,

        @Schema(description = "Logistic models: 1 where the probability is at least threshold, else 0.")
        int[] labels,

        @Schema(description = "Logistic models: the threshold used.")
        Double threshold) {

    /**
     * This answer's JSON as Jackson's binding of it writes it (the same fields in the same order, nulls left
     * out, each double as the generator writes it with or without its Schubfach writer), or {@code null} when a
     * value is not finite: the generator writes those as strings, so leave them to {@link #writeTo}.
     */
    public byte[] plainJson(boolean fastDoubles) {
        StringBuilder json =
                new StringBuilder(64 + 25 * (predictions != null ? predictions.length : 2 * probabilities.length));
        json.append("{\"modelId\":\"").append(modelId).append('"');
        if (!append(json, "predictions", predictions, fastDoubles)
                || !append(json, "probabilities", probabilities, fastDoubles)) {
            return null;
        }
        if (labels != null) {
            json.append(",\"labels\":[");
            for (int i = 0; i < labels.length; i++) {
                json.append(i == 0 ? "" : ",").append(labels[i]);
            }
            json.append(']');
        }
        if (threshold != null) {
            if (!Double.isFinite(threshold)) {
                return null;
            }
            json.append(",\"threshold\":").append(NumberOutput.toString(threshold, fastDoubles));
        }
        return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean append(StringBuilder json, String name, double[] values, boolean fastDoubles) {
        if (values == null) {
            return true;
        }
        json.append(",\"").append(name).append("\":[");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
            json.append(i == 0 ? "" : ",").append(NumberOutput.toString(values[i], fastDoubles));
        }
        json.append(']');
        return true;
    }

    /**
     * Writes this answer as Jackson's binding of it would (the same fields in the same order, nulls left out),
     * without looking up its serializer: a single prediction's answer is a few dozen bytes.
     */
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        json.writeStringProperty("modelId", modelId.toString());
        if (predictions != null) {
            json.writeName("predictions");
            json.writeArray(predictions, 0, predictions.length);
        }
        if (probabilities != null) {
            json.writeName("probabilities");
            json.writeArray(probabilities, 0, probabilities.length);
        }
        if (labels != null) {
            json.writeName("labels");
            json.writeArray(labels, 0, labels.length);
        }
        if (threshold != null) {
            json.writeNumberProperty("threshold", threshold);
        }
        json.writeEndObject();
    }

    /** The answer to a prediction: scores, or probabilities and labels for a logistic model. */
    public static PredictionResponse of(Prediction prediction) {
        return prediction.probabilities()
                ? classes(prediction.modelId(), prediction.values(), prediction.threshold())
                : values(prediction.modelId(), prediction.values());
    }

    static PredictionResponse values(UUID modelId, double[] predictions) {
        return new PredictionResponse(modelId, predictions, null, null, null);
    }

    static PredictionResponse classes(UUID modelId, double[] probabilities, double threshold) {
        int[] labels = new int[probabilities.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = probabilities[i] >= threshold ? 1 : 0;
        }
        return new PredictionResponse(modelId, null, probabilities, labels, threshold);
    }
}
