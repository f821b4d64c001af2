package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.service.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;
import java.util.List;

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

    Loss toLoss(List<FieldError> errors) {
        Type effective = type == null ? Type.SQUARED : type;
        if (delta != null && effective != Type.HUBER) {
            errors.add(new FieldError("loss.delta", "applies only to the huber loss"));
        }
        return switch (effective) {
            case SQUARED -> SquaredLoss.INSTANCE;
            case HUBER -> new HuberLoss(Settings.or(delta, HuberLoss.DEFAULT_DELTA));
            case ABSOLUTE -> AbsoluteLoss.INSTANCE;
            case LOGISTIC -> LogisticLoss.INSTANCE;
        };
    }

    /** The effective settings of {@code loss}, for the response. */
    public static LossBody of(Loss loss) {
        if (loss instanceof HuberLoss huber) {
            return new LossBody(Type.HUBER, huber.delta());
        }
        if (loss instanceof AbsoluteLoss) {
            return of(Type.ABSOLUTE);
        }
        if (loss instanceof LogisticLoss) {
            return of(Type.LOGISTIC);
        }
        return of(Type.SQUARED);
    }
}
