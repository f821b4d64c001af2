package dev.gradfit.fitting.schedule;

import dev.gradfit.fitting.core.Checks;

/**
 * Multiplies the learning rate by {@code factor} after every epoch: {@code η_t = η0 · factor^(t − 1)}.
 * PyTorch's {@code ExponentialLR}.
 */
public final class ExponentialSchedule implements Schedule {

    /** A gentle decay: the rate halves in about 69 epochs. */
    public static final double DEFAULT_FACTOR = 0.99;

    private final double factor;

    /** Factor {@value #DEFAULT_FACTOR}. */
    public ExponentialSchedule() {
        this(DEFAULT_FACTOR);
    }

    /** @param factor the multiplier per epoch, in {@code (0, 1)} */
    public ExponentialSchedule(double factor) {
        this.factor = Checks.shrinkingFactor("factor", factor);
    }

    public double factor() {
        return factor;
    }

    @Override
    public State start(double initialRate) {
        return epoch -> initialRate * Math.pow(factor, epoch - 1);
    }

    @Override
    public String toString() {
        return "ExponentialSchedule[factor=" + factor + "]";
    }
}
