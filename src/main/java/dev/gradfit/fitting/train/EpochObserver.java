package dev.gradfit.fitting.train;

import dev.gradfit.fitting.core.Weights;

/**
 * Watches a fit epoch by epoch, and may cancel it: how a long fit reports its progress and learns that
 * nobody wants its result any more.
 *
 * <p>Order of calls: for each {@code e = 0, 1, 2, ...} (0 being the initial weights) the trainer computes
 * the cost at the weights after {@code e} epochs, checks that it is finite, and then calls
 * {@link #afterEpoch} once, before the stopping rules decide; so the first call sees the start and the
 * last call sees the epoch the fit ends at. A fit that diverges ends without a call for the epoch that
 * gave it away. Every call happens on the fitting thread, between two epochs: an observer that is slow
 * makes the fit slow, so it should do little on most calls (compare a clock, read a flag).
 *
 * <p>Observing changes no number: the observer gets a read-only view, and a fit with an observer returns
 * the same result, bit for bit, as the same fit without one.
 */
@FunctionalInterface
public interface EpochObserver {

    /** Watches nothing and never cancels; what a fit without an observer runs with. */
    EpochObserver NONE = epoch -> true;

    /**
     * @param epoch the state after {@code epoch.number()} epochs; valid only during this call
     * @return whether the fit goes on; {@code false} cancels it, and the fit then ends with
     *     {@link FitCanceledException} instead of a result
     */
    boolean afterEpoch(Epoch epoch);

    /** One epoch as an observer sees it. */
    interface Epoch {

        /** The number of epochs run so far, 0 for the initial weights. */
        int number();

        /** The cost at the current weights: the mean loss plus any penalty, as in the cost history. */
        double cost();

        /**
         * The learning rate of the epoch that led to these weights; the initial rate at epoch 0. For a line-search
         * optimizer (L-BFGS), the step length its line search accepted, and 1 at epoch 0.
         */
        double learningRate();

        /**
         * A copy of the current weights, in the units of the original features (also when the fit descends
         * on standardized ones). It costs an array copy per call: ask only when the weights are wanted.
         */
        Weights weights();
    }
}
