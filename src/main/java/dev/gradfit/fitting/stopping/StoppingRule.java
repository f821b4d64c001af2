package dev.gradfit.fitting.stopping;

/**
 * A reason to end a fit before its last epoch.
 *
 * <p>A rule is an immutable, thread-safe description. Order of calls: for each fit a {@link dev.gradfit.fitting.train.Trainer}
 * calls {@link #start} once, then after each epoch {@code e = 0, 1, 2, ...} (0 being the initial weights)
 * passes the cost after {@code e} epochs to {@link Monitor#check}. The first rule to answer with a reason
 * ends the fit with the weights it has.
 */
public interface StoppingRule {

    /** A fresh monitor for one fit. */
    Monitor start();

    /** The per-fit state of a rule; serves one fit on one thread. */
    @FunctionalInterface
    interface Monitor {

        /**
         * @param epoch the number of epochs run so far
         * @param cost the training cost after them
         * @param validationCost the cost on the held-out rows, or NaN when nothing is held out
         * @return why to stop now, or {@code null} to go on
         */
        StopReason check(int epoch, double cost, double validationCost);
    }
}
