package dev.gradfit.service.hyperparameters;

/**
 * A learning-rate schedule by name, with its settings; a setting left {@code null} takes the schedule's default,
 * and one the schedule does not take is refused.
 *
 * @param type the schedule; {@code null} for the default, {@link Type#CONSTANT}
 * @param power {@link Type#INVERSE_SCALING}: the exponent of the epoch
 * @param factor {@link Type#STEP}, {@link Type#EXPONENTIAL} and {@link Type#PLATEAU}: the multiplier
 * @param every {@link Type#STEP}: epochs between reductions
 * @param patience {@link Type#PLATEAU}: epochs without improvement before a reduction
 * @param threshold {@link Type#PLATEAU}: the relative improvement that counts
 * @param minLearningRate {@link Type#PLATEAU}: the rate is never reduced below this
 */
public record ScheduleSpec(
        Type type,
        Double power,
        Double factor,
        Integer every,
        Integer patience,
        Double threshold,
        Double minLearningRate) {

    /** The schedules. */
    public enum Type {
        CONSTANT,
        INVERSE_SCALING,
        STEP,
        EXPONENTIAL,
        PLATEAU
    }
}
