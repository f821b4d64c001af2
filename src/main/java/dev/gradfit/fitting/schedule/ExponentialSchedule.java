package dev.gradfit.fitting.schedule;

import dev.gradfit.fitting.core.Checks;

/**
 * Multiplies the learning rate by {@code factor} after every epoch: {@code η_t = η0 · factor^(t − 1)}.
 * PyTorch's {@code ExponentialLR}.
 *
 * @param factor the multiplier per epoch, in {@code (0, 1)}
 */
public record ExponentialSchedule(double factor) implements Schedule {

    /** A gentle decay: the rate halves in about 69 epochs. */
    public static final double DEFAULT_FACTOR = 0.99;

    public ExponentialSchedule {
        Checks.shrinkingFactor("factor", factor);
    }

    /** Factor {@value #DEFAULT_FACTOR}. */
    public ExponentialSchedule() {
        this(DEFAULT_FACTOR);
    }

    @Override
    public State start(double initialRate) {
        return epoch -> initialRate * Math.pow(factor, epoch - 1);
    }
}
