package dev.gradfit.fitting.schedule;

import dev.gradfit.fitting.core.Checks;

/**
 * Multiplies the learning rate by {@code factor} every {@code every} epochs:
 * {@code η_t = η0 · factor^⌊(t − 1)/every⌋}, so epochs 1 to {@code every} run at {@code η0}. PyTorch's
 * {@code StepLR}.
 *
 * @param factor the multiplier, in {@code (0, 1)}
 * @param every the number of epochs between reductions, at least 1
 */
public record StepSchedule(double factor, int every) implements Schedule {

    /** PyTorch's default factor ({@code gamma}). */
    public static final double DEFAULT_FACTOR = 0.1;
    /** Epochs between reductions when none is given. */
    public static final int DEFAULT_EVERY = 100;

    public StepSchedule {
        Checks.shrinkingFactor("factor", factor);
        Checks.atLeast("every", every, 1);
    }

    /** Factor {@value #DEFAULT_FACTOR} every {@value #DEFAULT_EVERY} epochs. */
    public StepSchedule() {
        this(DEFAULT_FACTOR, DEFAULT_EVERY);
    }

    @Override
    public State start(double initialRate) {
        return epoch -> initialRate * Math.pow(factor, (epoch - 1) / every);
    }
}
