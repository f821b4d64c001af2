package dev.gradfit.service.hyperparameters;

import dev.gradfit.fitting.schedule.ConstantSchedule;
import dev.gradfit.fitting.schedule.ExponentialSchedule;
import dev.gradfit.fitting.schedule.InverseScalingSchedule;
import dev.gradfit.fitting.schedule.PlateauSchedule;
import dev.gradfit.fitting.schedule.Schedule;
import dev.gradfit.fitting.schedule.StepSchedule;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.hyperparameters.ScheduleSpec.Type;
import java.util.List;

/** The learning-rate schedules by name: {@link ScheduleSpec} ↔ {@link Schedule}. */
final class Schedules {

    private Schedules() {}

    static Schedule of(ScheduleSpec spec, List<FieldError> errors) {
        if (spec == null) {
            return ConstantSchedule.INSTANCE;
        }
        Type effective = spec.type() == null ? Type.CONSTANT : spec.type();
        boolean usesFactor = effective == Type.STEP || effective == Type.EXPONENTIAL || effective == Type.PLATEAU;
        Given.refuse(
                "schedule",
                spec.power(),
                "power",
                effective != Type.INVERSE_SCALING,
                "applies only to the inverseScaling schedule",
                errors);
        Given.refuse(
                "schedule",
                spec.factor(),
                "factor",
                !usesFactor,
                "applies only to the step, exponential and plateau schedules",
                errors);
        Given.refuse(
                "schedule", spec.every(), "every", effective != Type.STEP, "applies only to the step schedule", errors);
        boolean plateau = effective == Type.PLATEAU;
        Given.refuse("schedule", spec.patience(), "patience", !plateau, "applies only to the plateau schedule", errors);
        Given.refuse(
                "schedule", spec.threshold(), "threshold", !plateau, "applies only to the plateau schedule", errors);
        Given.refuse(
                "schedule",
                spec.minLearningRate(),
                "minLearningRate",
                !plateau,
                "applies only to the plateau schedule",
                errors);
        return switch (effective) {
            case CONSTANT -> ConstantSchedule.INSTANCE;
            case INVERSE_SCALING ->
                new InverseScalingSchedule(Given.or(spec.power(), InverseScalingSchedule.DEFAULT_POWER));
            case STEP ->
                new StepSchedule(
                        Given.or(spec.factor(), StepSchedule.DEFAULT_FACTOR),
                        Given.or(spec.every(), StepSchedule.DEFAULT_EVERY));
            case EXPONENTIAL -> new ExponentialSchedule(Given.or(spec.factor(), ExponentialSchedule.DEFAULT_FACTOR));
            case PLATEAU ->
                new PlateauSchedule(
                        Given.or(spec.factor(), PlateauSchedule.DEFAULT_FACTOR),
                        Given.or(spec.patience(), PlateauSchedule.DEFAULT_PATIENCE),
                        Given.or(spec.threshold(), PlateauSchedule.DEFAULT_THRESHOLD),
                        Given.or(spec.minLearningRate(), 0.0));
        };
    }

    /** The name and settings of {@code schedule}. */
    static ScheduleSpec spec(Schedule schedule) {
        if (schedule instanceof InverseScalingSchedule s) {
            return new ScheduleSpec(Type.INVERSE_SCALING, s.power(), null, null, null, null, null);
        }
        if (schedule instanceof StepSchedule s) {
            return new ScheduleSpec(Type.STEP, null, s.factor(), s.every(), null, null, null);
        }
        if (schedule instanceof ExponentialSchedule s) {
            return new ScheduleSpec(Type.EXPONENTIAL, null, s.factor(), null, null, null, null);
        }
        if (schedule instanceof PlateauSchedule s) {
            return new ScheduleSpec(
                    Type.PLATEAU, null, s.factor(), null, s.patience(), s.threshold(), s.minLearningRate());
        }
        return new ScheduleSpec(Type.CONSTANT, null, null, null, null, null, null);
    }
}
