package dev.gradfit.fitting;

import java.time.Duration;

/**
 * When a fit must stop: the {@link Trainer} asks before each epoch after the first, and a fit whose
 * deadline has passed returns the weights it has, with the number of epochs it ran. An epoch in progress
 * is never interrupted, so a fit can overrun its deadline by at most one epoch.
 */
@FunctionalInterface
public interface Deadline {

    /** A deadline that never passes. */
    Deadline NONE = () -> false;

    /** Whether the time is up. */
    boolean passed();

    /**
     * A deadline {@code budget} from now on the monotonic clock ({@link System#nanoTime()}); budgets
     * beyond what nanoseconds can count (about 292 years) never pass.
     */
    static Deadline after(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a time budget must not be negative, was " + budget);
        }
        long nanos;
        try {
            nanos = budget.toNanos();
        } catch (ArithmeticException tooLong) {
            return NONE;
        }
        long start = System.nanoTime();
        return () -> System.nanoTime() - start >= nanos;
    }
}
