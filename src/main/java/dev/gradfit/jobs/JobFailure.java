package dev.gradfit.jobs;

import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.service.FieldError;
import java.util.List;

/**
 * Why a job failed, as plain values (so that a shared job store can write it down): the same facts the
 * synchronous fit's error answer is made of.
 */
public sealed interface JobFailure {

    /** The input turned out unusable only once the fit started (an early-stopping split with no usable rows). */
    record InvalidRequest(List<FieldError> errors) implements JobFailure {
        public InvalidRequest {
            errors = List.copyOf(errors);
        }
    }

    /** The fit diverged; the fields of {@link FitDivergedException}. */
    record Diverged(
            int epoch,
            FitDivergedException.Cause divergence,
            double lastFiniteCost,
            double learningRate,
            double maxStableLearningRate)
            implements JobFailure {

        public static Diverged of(FitDivergedException e) {
            return new Diverged(
                    e.epoch(), e.divergence(), e.lastFiniteCost(), e.learningRate(), e.maxStableLearningRate());
        }

        /** The exception the synchronous fit would have thrown, for the answer and hint it makes. */
        public FitDivergedException toException() {
            return new FitDivergedException(epoch, divergence, lastFiniteCost, learningRate, maxStableLearningRate);
        }
    }

    /** The fit ran out of heap; the synchronous fit answers the same (503 {@code fit-out-of-memory}). */
    record OutOfMemory() implements JobFailure {}

    /** A defect in gradfit; the log has the details, the job says no more. */
    record Unexpected() implements JobFailure {}
}
