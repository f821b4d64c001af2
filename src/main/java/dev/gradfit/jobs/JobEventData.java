package dev.gradfit.jobs;

import dev.gradfit.fitting.core.Weights;

/** What an event says: how far the fit has got, or how the job ended. */
public sealed interface JobEventData {

    /**
     * The fit after {@code epoch} epochs.
     *
     * @param epoch the epochs run so far, 0 for the initial weights
     * @param cost the cost at the current weights
     * @param learningRate the rate of the epoch that led here (the initial rate at 0)
     * @param weights the current weights, or {@code null} for a model of more than {@link #MAX_WEIGHTS}
     *     weights
     */
    record JobProgress(int epoch, double cost, double learningRate, Weights weights) implements JobEventData {

        /**
         * Progress events carry the weights of models of up to this many weights, all rows counted: 100
         * features and an intercept, or fewer features over a softmax model's classes. A finished job keeps
         * its events, so their size is bounded with the count of finished jobs.
         */
        public static final int MAX_WEIGHTS = 101;
    }

    /** The job as it ended: the last event of every job. */
    record JobEnded(Job job) implements JobEventData {}
}
