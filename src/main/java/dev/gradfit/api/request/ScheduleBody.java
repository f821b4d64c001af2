package dev.gradfit.api.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gradfit.fitting.schedule.ConstantSchedule;
import dev.gradfit.fitting.schedule.ExponentialSchedule;
import dev.gradfit.fitting.schedule.InverseScalingSchedule;
import dev.gradfit.fitting.schedule.PlateauSchedule;
import dev.gradfit.fitting.schedule.Schedule;
import dev.gradfit.fitting.schedule.StepSchedule;
import dev.gradfit.service.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

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

    Schedule toSchedule(List<FieldError> errors) {
        Type effective = type == null ? Type.CONSTANT : type;
        boolean usesFactor = effective == Type.STEP || effective == Type.EXPONENTIAL || effective == Type.PLATEAU;
        Settings.refuse(
                "schedule",
                power,
                "power",
                effective != Type.INVERSE_SCALING,
                "applies only to the inverseScaling schedule",
                errors);
        Settings.refuse(
                "schedule",
                factor,
                "factor",
                !usesFactor,
                "applies only to the step, exponential and plateau schedules",
                errors);
        Settings.refuse(
                "schedule", every, "every", effective != Type.STEP, "applies only to the step schedule", errors);
        boolean plateau = effective == Type.PLATEAU;
        Settings.refuse("schedule", patience, "patience", !plateau, "applies only to the plateau schedule", errors);
        Settings.refuse("schedule", threshold, "threshold", !plateau, "applies only to the plateau schedule", errors);
        Settings.refuse(
                "schedule",
                minLearningRate,
                "minLearningRate",
                !plateau,
                "applies only to the plateau schedule",
                errors);
        return switch (effective) {
            case CONSTANT -> ConstantSchedule.INSTANCE;
            case INVERSE_SCALING ->
                new InverseScalingSchedule(Settings.or(power, InverseScalingSchedule.DEFAULT_POWER));
            case STEP ->
                new StepSchedule(
                        Settings.or(factor, StepSchedule.DEFAULT_FACTOR),
                        Settings.or(every, StepSchedule.DEFAULT_EVERY));
            case EXPONENTIAL -> new ExponentialSchedule(Settings.or(factor, ExponentialSchedule.DEFAULT_FACTOR));
            case PLATEAU ->
                new PlateauSchedule(
                        Settings.or(factor, PlateauSchedule.DEFAULT_FACTOR),
                        Settings.or(patience, PlateauSchedule.DEFAULT_PATIENCE),
                        Settings.or(threshold, PlateauSchedule.DEFAULT_THRESHOLD),
                        Settings.or(minLearningRate, 0.0));
        };
    }

    /** The effective settings of {@code schedule}, for the response. */
    public static ScheduleBody of(Schedule schedule) {
        if (schedule instanceof InverseScalingSchedule s) {
            return new ScheduleBody(Type.INVERSE_SCALING, s.power(), null, null, null, null, null);
        }
        if (schedule instanceof StepSchedule s) {
            return new ScheduleBody(Type.STEP, null, s.factor(), s.every(), null, null, null);
        }
        if (schedule instanceof ExponentialSchedule s) {
            return new ScheduleBody(Type.EXPONENTIAL, null, s.factor(), null, null, null, null);
        }
        if (schedule instanceof PlateauSchedule s) {
            return new ScheduleBody(
                    Type.PLATEAU, null, s.factor(), null, s.patience(), s.threshold(), s.minLearningRate());
        }
        return new ScheduleBody(Type.CONSTANT, null, null, null, null, null, null);
    }
}
