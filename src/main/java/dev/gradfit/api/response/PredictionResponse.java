package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.service.Prediction;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;

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
