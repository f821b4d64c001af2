package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.model.Classes;
import dev.gradfit.service.Prediction;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.io.NumberOutput;

/**
 * One prediction per point of the request, in order: values for regression, probabilities and labels for
 * classifiers (one probability per point for logistic models, one per class per point for softmax models).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictionResponse(
        UUID modelId,

        @Schema(
                description = "Regression models: intercept + Σ coefficients[j]·x[j] per point; poisson, gamma and"
                        + " tweedie models: the mean exp(intercept + Σ coefficients[j]·x[j] + offset) per point.")
        double[] predictions,

        @Schema(
                description = "Logistic models: the probability of the second class (1 for 0/1 targets) per point."
                        + " Softmax models: per point, the probability of each class, in the order of the model's"
                        + " classes.",
                implementation = Probabilities.class)
        Object probabilities,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "Logistic models: the second class (1 for 0/1 targets) where the probability is"
                                                + " at least threshold, else the first; softmax models: the most probable"
                                                + " class (the first of equals). By the model's classes, as numbers or"
                                                + " strings as y gave them."),
                schema = @Schema(implementation = Label.class))
        Object labels,

        @Schema(description = "Logistic models: the threshold used.")
        Double threshold) {

    /**
     * This answer's JSON as Jackson's binding of it writes it (the same fields in the same order, nulls left
     * out, each double as the generator writes it with or without its Schubfach writer), without looking up a
     * serializer: a single prediction's answer is a few dozen bytes. Every value of a prediction is finite.
     */
    /** One probability per point, or one per class per point. Documentation only. */
    @Schema(
            name = "Probabilities",
            description = "One probability per point (logistic), or per point one per class (softmax).",
            oneOf = {double[].class, double[][].class})
    interface Probabilities {}

    /** A class label: a number or a string, as y gave them. Documentation only. */
    @Schema(
            name = "ClassLabel",
            description = "A class label, as y gave it.",
            oneOf = {Double.class, String.class})
    interface Label {}

    public byte[] json(boolean fastDoubles) {
        int values = predictions != null ? points() : 2 * points();
        StringBuilder json = new StringBuilder(64 + 25 * values);
        json.append("{\"modelId\":\"").append(modelId).append('"');
        append(json, "predictions", predictions, fastDoubles);
        if (probabilities instanceof double[][] rows) {
            json.append(",\"probabilities\":[");
            for (int i = 0; i < rows.length; i++) {
                json.append(i == 0 ? "[" : ",[");
                for (int k = 0; k < rows[i].length; k++) {
                    json.append(k == 0 ? "" : ",").append(number(rows[i][k], fastDoubles));
                }
                json.append(']');
            }
            json.append(']');
        } else {
            append(json, "probabilities", (double[]) probabilities, fastDoubles);
        }
        if (labels instanceof int[] numbers) {
            json.append(",\"labels\":[");
            for (int i = 0; i < numbers.length; i++) {
                json.append(i == 0 ? "" : ",").append(numbers[i]);
            }
            json.append(']');
        } else if (labels instanceof double[] numbers) {
            append(json, "labels", numbers, fastDoubles);
        } else if (labels instanceof String[] names) {
            json.append(",\"labels\":[");
            for (int i = 0; i < names.length; i++) {
                json.append(i == 0 ? "\"" : ",\"");
                JsonStringEncoder.getInstance().quoteAsString(names[i], json);
                json.append('"');
            }
            json.append(']');
        }
        if (threshold != null) {
            json.append(",\"threshold\":").append(number(threshold, fastDoubles));
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** How many points this answers. */
    public int points() {
        if (predictions != null) {
            return predictions.length;
        }
        return probabilities instanceof double[][] rows ? rows.length : ((double[]) probabilities).length;
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
        if (prediction.perPoint() > 1) {
            double[] values = prediction.values();
            int k = prediction.perPoint();
            double[][] rows = new double[prediction.points()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = java.util.Arrays.copyOfRange(values, i * k, (i + 1) * k);
            }
            return new PredictionResponse(prediction.modelId(), null, rows, labels(prediction), null);
        }
        return new PredictionResponse(
                prediction.modelId(), null, prediction.values(), labels(prediction), prediction.threshold());
    }

    /**
     * The labels as a primitive array where the classes are numbers (ints for whole numbers, as 0 and 1 always
     * were, which long answers write in chunks), or as strings.
     */
    private static Object labels(Prediction prediction) {
        Classes classes = prediction.classes();
        int n = prediction.points();
        if (classes.named()) {
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = classes.names().get(prediction.label(i));
            }
            return names;
        }
        double[] numbers = classes.numbers();
        if (classes.wholeNumbers()) {
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (int) numbers[prediction.label(i)];
            }
            return labels;
        }
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = numbers[prediction.label(i)];
        }
        return labels;
    }
}
