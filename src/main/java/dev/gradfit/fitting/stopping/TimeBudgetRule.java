package dev.gradfit.fitting.stopping;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Stops with {@link StopReason#TIME_BUDGET} at the first epoch boundary after {@code budget} has passed
 * since the fit started. The budget is checked between epochs, so a fit overruns it by at most one
 * epoch's work.
 */
public final class TimeBudgetRule implements StoppingRule {

    private final Duration budget;
    private final LongSupplier nanoTime;

    /** A budget measured with {@link System#nanoTime()}. */
    public TimeBudgetRule(Duration budget) {
        this(budget, System::nanoTime);
    }

    /**
     * @param budget the longest a fit may run, positive
     * @param nanoTime a monotonic clock in nanoseconds; tests pass a fake one
     */
    public TimeBudgetRule(Duration budget, LongSupplier nanoTime) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive, was " + budget);
        }
        this.budget = budget;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public Duration budget() {
        return budget;
    }

    @Override
    public Monitor start() {
        long start = nanoTime.getAsLong();
        long limit = budget.toNanos();
        return (epoch, cost, validationCost) -> nanoTime.getAsLong() - start >= limit ? StopReason.TIME_BUDGET : null;
    }

    @Override
    public String toString() {
        return "TimeBudgetRule[budget=" + budget + "]";
    }
}
