package dev.gradfit.api.request;

import dev.gradfit.formats.json.InvalidValueException;
import dev.gradfit.service.ClassTargets;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * {@code classWeights}: {@code "balanced"}, or an object of weights keyed by class label.
 *
 * @param balanced whether the weights are scikit-learn's balanced ones
 * @param weights the weight per class label, in the order given, or {@code null} when balanced
 */
public record ClassWeightsBody(boolean balanced, Map<String, Double> weights) {

    /** The two forms. Documentation only. */
    @Schema(
            name = "ClassWeights",
            description = "Classifiers only: a weight per class that multiplies the sample weights. \"balanced\" weighs"
                    + " each class n / (K · its count), K the classes y holds, as scikit-learn's class_weight=\"balanced\";"
                    + " an object {label: weight} weighs the classes it names (numbers as their text, \"1\" or \"2.5\")"
                    + " and leaves the others at 1. Each weight ≥ 0; each key must be a class y holds.",
            oneOf = {Balanced.class, PerClass.class},
            example = "{\"setosa\": 2.0}")
    interface Choice {}

    /** The one word: {@code "balanced"}. Documentation only. */
    @Schema(name = "BalancedClassWeights", type = "string", allowableValues = "balanced")
    interface Balanced {}

    /** A weight by class label. Documentation only. */
    @Schema(name = "ClassWeightsByLabel", type = "object", additionalPropertiesSchema = Double.class)
    interface PerClass {}

    ClassTargets.ClassWeights toSpec() {
        return new ClassTargets.ClassWeights(balanced, weights);
    }

    /** Reads the two forms, naming {@code classWeights} or the key whose value is not a number. */
    @JacksonComponent
    static class Reader extends ValueDeserializer<ClassWeightsBody> {

        @Override
        public ClassWeightsBody deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING && "balanced".equals(parser.getString())) {
                return new ClassWeightsBody(true, null);
            }
            if (token != JsonToken.START_OBJECT) {
                throw new InvalidValueException(parser, "must be \"balanced\" or an object of weights by label");
            }
            Map<String, Double> weights = new LinkedHashMap<>();
            for (String key = parser.nextName(); key != null; key = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new InvalidValueException(parser, "the weight of each class must be a number");
                }
                if (weights.put(key, parser.getDoubleValue()) != null) {
                    throw new InvalidValueException(parser, "names a class twice");
                }
            }
            return new ClassWeightsBody(false, weights);
        }

        @Override
        public Class<?> handledType() {
            return ClassWeightsBody.class;
        }
    }
}
