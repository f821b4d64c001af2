package dev.gradfit.fitting.schedule;

import dev.gradfit.fitting.core.Checks;

/**
 * {@code η_t = η0 / t^power} for epoch {@code t = 1, 2, ...}: scikit-learn's {@code "invscaling"}
 * schedule, counted in epochs rather than samples. With power 1/2 to 1 it satisfies the Robbins–Monro
 * conditions that make stochastic gradient descent converge (Robbins and Monro 1951).
 *
 * @param power the exponent of {@code t}, finite and positive
 */
public record InverseScalingSchedule(double power) implements Schedule {

    /** scikit-learn's default exponent ({@code power_t}). */
    public static final double DEFAULT_POWER = 0.25;

    public InverseScalingSchedule {
        Checks.positive("power", power);
    }

    /** Power {@value #DEFAULT_POWER}. */
    public InverseScalingSchedule() {
        this(DEFAULT_POWER);
    }

    @Override
    public State start(double initialRate) {
        return epoch -> initialRate / Math.pow(epoch, power);
    }
}
