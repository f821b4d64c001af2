package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradfit.service.hyperparameters.OptimizerSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

/** {@code optimizer}: the update rule and its hyperparameters. */
@Schema(
        description = "The update rule. Each type takes only its own settings; the others are refused.",
        example = "{\"type\": \"adam\", \"beta1\": 0.9, \"beta2\": 0.999}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerBody(
        @Schema(
                description = "gd (plain gradient descent, the tutorial's), momentum, nesterov, adagrad, rmsprop,"
                        + " adam, or lbfgs (limited-memory BFGS: a quasi-Newton method with a line search, one"
                        + " iteration per epoch, which reaches the exact optimum in tens of epochs where descent"
                        + " needs thousands). lbfgs ignores learningRate (the step length is its line search's, and"
                        + " learningRateHistory records it), and takes no schedule, clipNorm, l1, mini-batches or"
                        + " absolute loss. It stops as CONVERGED when no step lowers the cost any more.",
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
        Double epsilon,

        @Min(1)
        @Max(100)
        @Schema(
                description = "lbfgs: the number of past steps and gradient changes its Hessian approximation is"
                        + " built from; 1 ≤ memory ≤ 100.",
                defaultValue = "10")
        Integer memory) {

    /** An optimizer without a memory: every type but lbfgs. */
    public OptimizerBody(Type type, Double momentum, Double rho, Double beta1, Double beta2, Double epsilon) {
        this(type, momentum, rho, beta1, beta2, epsilon, null);
    }

    /** The optimizer types, named as in JSON. */
    enum Type {
        GD,
        MOMENTUM,
        NESTEROV,
        ADAGRAD,
        RMSPROP,
        ADAM,
        LBFGS;

        /** The name in JSON, which Jackson reads and writes and the OpenAPI description lists. */
        @JsonValue
        @Override
        public String toString() {
            return Settings.jsonName(this);
        }
    }

    /** The update rule by name and number; the service fills in the defaults and refuses what does not apply. */
    OptimizerSpec toSpec() {
        return new OptimizerSpec(
                Settings.same(OptimizerSpec.Type.class, type), momentum, rho, beta1, beta2, epsilon, memory);
    }

    /** The effective settings of an optimizer (without clipping), for the response. */
    public static OptimizerBody of(OptimizerSpec o) {
        return new OptimizerBody(
                Settings.same(Type.class, o.type()),
                o.momentum(),
                o.rho(),
                o.beta1(),
                o.beta2(),
                o.epsilon(),
                o.memory());
    }
}
