package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradfit.fitting.optimizer.AdaGrad;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Momentum;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.optimizer.RmsProp;
import dev.gradfit.service.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.util.List;

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

    Optimizer toOptimizer(List<FieldError> errors) {
        Type effective = type == null ? Type.GD : type;
        boolean usesMomentum = effective == Type.MOMENTUM || effective == Type.NESTEROV;
        boolean usesEpsilon = effective == Type.ADAGRAD || effective == Type.RMSPROP || effective == Type.ADAM;
        Settings.refuse(
                "optimizer",
                momentum,
                "momentum",
                !usesMomentum,
                "applies only to the momentum and nesterov optimizers",
                errors);
        Settings.refuse(
                "optimizer", rho, "rho", effective != Type.RMSPROP, "applies only to the rmsprop optimizer", errors);
        Settings.refuse(
                "optimizer", beta1, "beta1", effective != Type.ADAM, "applies only to the adam optimizer", errors);
        Settings.refuse(
                "optimizer", beta2, "beta2", effective != Type.ADAM, "applies only to the adam optimizer", errors);
        Settings.refuse(
                "optimizer",
                epsilon,
                "epsilon",
                !usesEpsilon,
                "applies only to the adagrad, rmsprop and adam optimizers",
                errors);
        return switch (effective) {
            case GD -> new GradientDescent();
            case MOMENTUM -> new Momentum(Settings.or(momentum, Momentum.DEFAULT_MOMENTUM));
            case NESTEROV -> new Nesterov(Settings.or(momentum, Nesterov.DEFAULT_MOMENTUM));
            case ADAGRAD -> new AdaGrad(Settings.or(epsilon, AdaGrad.DEFAULT_EPSILON));
            case RMSPROP ->
                new RmsProp(Settings.or(rho, RmsProp.DEFAULT_RHO), Settings.or(epsilon, RmsProp.DEFAULT_EPSILON));
            case ADAM ->
                new Adam(
                        Settings.or(beta1, Adam.DEFAULT_BETA1),
                        Settings.or(beta2, Adam.DEFAULT_BETA2),
                        Settings.or(epsilon, Adam.DEFAULT_EPSILON));
        };
    }

    /** The effective settings of {@code optimizer} (without clipping), for the response. */
    public static OptimizerBody of(Optimizer optimizer) {
        if (optimizer instanceof Momentum m) {
            return new OptimizerBody(Type.MOMENTUM, m.momentum(), null, null, null, null);
        }
        if (optimizer instanceof Nesterov n) {
            return new OptimizerBody(Type.NESTEROV, n.momentum(), null, null, null, null);
        }
        if (optimizer instanceof AdaGrad a) {
            return new OptimizerBody(Type.ADAGRAD, null, null, null, null, a.epsilon());
        }
        if (optimizer instanceof RmsProp r) {
            return new OptimizerBody(Type.RMSPROP, null, r.rho(), null, null, r.epsilon());
        }
        if (optimizer instanceof Adam a) {
            return new OptimizerBody(Type.ADAM, null, null, a.beta1(), a.beta2(), a.epsilon());
        }
        return new OptimizerBody(Type.GD, null, null, null, null, null);
    }
}
