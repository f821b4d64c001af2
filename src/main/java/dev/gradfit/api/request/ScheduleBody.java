package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradfit.service.hyperparameters.ScheduleSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** {@code schedule}: how the learning rate changes from epoch to epoch. */
@Schema(
        description = "How the learning rate changes per epoch t (from 1). Each type takes only its own"
                + " settings; the others are refused.",
        example = "{\"type\": \"step\", \"factor\": 0.5, \"every\": 100}")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleBody(
        @Schema(
                description = "constant (the tutorial's), inverseScaling (lr / t^power), step (× factor every"
                        + " `every` epochs), exponential (× factor per epoch) or plateau (× factor after"
                        + " `patience` epochs without improvement).",
                defaultValue = "constant")
        Type type,

        @Positive @Schema(description = "inverseScaling: the exponent of t; > 0.", defaultValue = "0.25")
        Double power,

        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax(value = "1", inclusive = false)
        @Schema(
                description = "step, exponential and plateau: the multiplier; 0 < factor < 1. Defaults: 0.1 for"
                        + " step and plateau, 0.99 for exponential.")
        Double factor,

        @Positive @Max(1_000_000) @Schema(description = "step: epochs between reductions; ≥ 1.", defaultValue = "100")
        Integer every,

        @Positive
        @Max(1_000_000)
        @Schema(description = "plateau: epochs without improvement before a reduction; ≥ 1.", defaultValue = "10")
        Integer patience,

        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        @Schema(
                description = "plateau: the relative improvement that counts; 0 ≤ threshold < 1.",
                defaultValue = "1e-4")
        Double threshold,

        @PositiveOrZero @Schema(description = "plateau: the rate is never reduced below this; ≥ 0.", defaultValue = "0")
        Double minLearningRate) {

    /** The schedule types, named as in JSON. */
    enum Type {
        CONSTANT,
        INVERSE_SCALING,
        STEP,
        EXPONENTIAL,
        PLATEAU;

        /** The name in JSON, which Jackson reads and writes and the OpenAPI description lists. */
        @JsonValue
        @Override
        public String toString() {
            return Settings.jsonName(this);
        }
    }

    /** The schedule by name and number; the service fills in the defaults and refuses what does not apply. */
    ScheduleSpec toSpec() {
        return new ScheduleSpec(
                Settings.same(ScheduleSpec.Type.class, type),
                power,
                factor,
                every,
                patience,
                threshold,
                minLearningRate);
    }

    /** The effective settings of a schedule, for the response. */
    public static ScheduleBody of(ScheduleSpec s) {
        return new ScheduleBody(
                Settings.same(Type.class, s.type()),
                s.power(),
                s.factor(),
                s.every(),
                s.patience(),
                s.threshold(),
                s.minLearningRate());
    }
}
