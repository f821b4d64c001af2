package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradfit.service.hyperparameters.LossSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;

/** {@code loss}: which pointwise loss the fit minimises, as {@code {"type": ...}} or just the type's name. */
@Schema(
        description = "The loss whose mean is minimised, with its settings: {\"type\": \"squared\" | \"huber\" |"
                + " \"absolute\" | \"logistic\"}, with delta for huber.",
        example = "{\"type\": \"huber\", \"delta\": 1.0}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LossBody(
        @Schema(
                description = "squared (the tutorial's mean squared error), huber, absolute, or logistic"
                        + " (binary cross-entropy; y must be 0 or 1).",
                defaultValue = "squared")
        Type type,

        @Positive
        @Schema(
                description = "huber only: the residual where the loss turns from quadratic to linear; > 0.",
                defaultValue = "1.0")
        Double delta) {

    /** The loss types, named as in JSON. */
    @Schema(
            name = "LossType",
            enumAsRef = true,
            description = "squared (the tutorial's mean squared error), huber, absolute, or logistic (binary"
                    + " cross-entropy; y must be 0 or 1).")
    public enum Type {
        SQUARED,
        HUBER,
        ABSOLUTE,
        LOGISTIC;

        /** The name in JSON, which Jackson reads and writes and the OpenAPI description lists. */
        @JsonValue
        @Override
        public String toString() {
            return Settings.jsonName(this);
        }
    }

    /** A loss of this type with its default settings. */
    public static LossBody of(Type type) {
        return new LossBody(type, null);
    }

    /** The loss by name and number; the service fills in the defaults and refuses what does not apply. */
    LossSpec toSpec() {
        return new LossSpec(Settings.same(LossSpec.Type.class, type), delta);
    }

    /** The effective settings of a loss, for the response. */
    public static LossBody of(LossSpec loss) {
        return new LossBody(Settings.same(Type.class, loss.type()), loss.delta());
    }
}
