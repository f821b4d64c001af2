package dev.gradfit.fitting.schedule;

/**
 * How the learning rate changes from epoch to epoch.
 *
 * <p>A schedule is an immutable, thread-safe description (hyperparameters validated in the constructor,
 * printed by {@code toString()}). Order of calls: for each fit a {@link dev.gradfit.fitting.train.Trainer} calls {@link #start}
 * once with the fit's initial learning rate {@code η0}; then, for {@code e = 0, 1, 2, ...}, it reports
 * the cost after {@code e} epochs to {@link State#observe} and asks {@link State#learningRate} for the rate
 * of epoch {@code e + 1}. All mini-batch steps of one epoch use that epoch's rate.
 */
public interface Schedule {

    /** A fresh state for a fit starting at learning rate {@code initialRate}. */
    State start(double initialRate);

    /** The per-fit state of a schedule; serves one fit on one thread. */
    interface State {

        /** The learning rate for epoch {@code epoch}, counted from 1. */
        double learningRate(int epoch);

        /** The cost after {@code epoch} epochs (0 = at the initial weights); ignored unless the rate reacts to it. */
        default void observe(int epoch, double cost) {}
    }
}
