package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradfit.service.hyperparameters.OptimizerSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

/** {@code optimizer}: the update rule and its hyperparameters. */
@Schema(
        description = "The update rule. Each type takes only its own settings; the others are refused.",
        example = "{\"type\": \"adam\", \"beta1\": 0.9, \"beta2\": 0.999}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerBody(
        @Schema(
                description = "gd (plain gradient descent, the tutorial's), momentum, nesterov, adagrad, rmsprop"
                        + " or adam.",
                defaultValue = "gd")
        Type type,

        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        @Schema(
                description = "momentum and nesterov: the fraction of the previous step kept; 0 ≤ momentum < 1.",
                defaultValue = "0.9")
        Double momentum,

        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        @Schema(
                description = "rmsprop: decay of the running mean of squared gradients; 0 ≤ rho < 1.",
                defaultValue = "0.9")
        Double rho,

        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        @Schema(description = "adam: decay of the first moment; 0 ≤ beta1 < 1.", defaultValue = "0.9")
        Double beta1,

        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        @Schema(description = "adam: decay of the second moment; 0 ≤ beta2 < 1.", defaultValue = "0.999")
        Double beta2,

        @Positive
        @Schema(
                description = "adagrad, rmsprop and adam: added to the denominator so it is never zero; > 0.",
                defaultValue = "1e-8")
        Double epsilon) {

    /** The optimizer types, named as in JSON. */
    enum Type {
        GD,
        MOMENTUM,
        NESTEROV,
        ADAGRAD,
        RMSPROP,
        ADAM;

        /** The name in JSON, which Jackson reads and writes and the OpenAPI description lists. */
        @JsonValue
        @Override
        public String toString() {
            return Settings.jsonName(this);
        }
    }

    /** The update rule by name and number; the service fills in the defaults and refuses what does not apply. */
    OptimizerSpec toSpec() {
        return new OptimizerSpec(Settings.same(OptimizerSpec.Type.class, type), momentum, rho, beta1, beta2, epsilon);
    }

    /** The effective settings of an optimizer (without clipping), for the response. */
    public static OptimizerBody of(OptimizerSpec o) {
        return new OptimizerBody(
                Settings.same(Type.class, o.type()), o.momentum(), o.rho(), o.beta1(), o.beta2(), o.epsilon());
    }
}
