package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradfit.service.hyperparameters.LossSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;

/** {@code loss}: which pointwise loss the fit minimises, as {@code {"type": ...}} or just the type's name. */
@Schema(
        description = "The loss whose mean is minimised, with its settings: {\"type\": \"squared\" | \"huber\" |"
                + " \"absolute\" | \"logistic\" | \"softmax\" | \"poisson\" | \"gamma\" | \"tweedie\"}, with delta for huber"
                + " and power for tweedie.",
        example = "{\"type\": \"huber\", \"delta\": 1.0}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LossBody(
        @Schema(
                description = "squared (the tutorial's mean squared error), huber, absolute, logistic (binary"
                        + " cross-entropy over two classes), softmax (multinomial cross-entropy over 2 or more"
                        + " classes), or a log-link GLM: poisson (y ≥ 0, not all 0), gamma (y > 0) or tweedie"
                        + " (y ≥ 0).",
                defaultValue = "squared")
        Type type,

        @Positive
        @Schema(
                description = "huber only: the residual where the loss turns from quadratic to linear; > 0.",
                defaultValue = "1.0")
        Double delta,

        @Schema(
                description = "tweedie only: the variance power p of V(μ) = μ^p, strictly between 1 and 2 (compound"
                        + " Poisson–Gamma, log link), or 0, 1 or 2, which are the squared, poisson and gamma"
                        + " losses (the fit then reports that loss). Powers below 0, in (0, 1) or above 2 are"
                        + " refused. 1.5 when absent.")
        // No defaultValue: a client that sends every declared default would have it refused for other losses.
        Double power) {

    /** A loss without a power. */
    public LossBody(Type type, Double delta) {
        this(type, delta, null);
    }

    /** The loss types, named as in JSON. */
    @Schema(
            name = "LossType",
            enumAsRef = true,
            description = "squared (the tutorial's mean squared error), huber, absolute, logistic (binary"
                    + " cross-entropy over two classes), softmax (multinomial cross-entropy over the classes y"
                    + " holds, one row of weights per class), or the log-link GLMs poisson, gamma and tweedie, whose"
                    + " predictions are means exp(score + offset).")
    public enum Type {
        SQUARED,
        HUBER,
        ABSOLUTE,
        LOGISTIC,
        SOFTMAX,
        POISSON,
        GAMMA,
        TWEEDIE;

        /** The name in JSON, which Jackson reads and writes and the OpenAPI description lists. */
        @JsonValue
        @Override
        public String toString() {
            return Settings.jsonName(this);
        }
    }

    /** A loss of this type with its default settings. */
    public static LossBody of(Type type) {
        return new LossBody(type, null, null);
    }

    /** The loss by name and number; the service fills in the defaults and refuses what does not apply. */
    LossSpec toSpec() {
        return new LossSpec(Settings.same(LossSpec.Type.class, type), delta, power);
    }

    /** The effective settings of a loss, for the response. */
    public static LossBody of(LossSpec loss) {
        return new LossBody(Settings.same(Type.class, loss.type()), loss.delta(), loss.power());
    }
}
