package dev.gradfit.fitting;

import dev.gradfit.fitting.train.EpochObserver;
import java.time.Duration;

/**
 * How a fit runs, beyond its hyperparameters.
 *
 * @param standardize whether descent runs on z-scored features (weights are reported in the original units)
 * @param timeLimit the longest the fit may take; a shorter budget in the hyperparameters wins
 * @param observer told about every epoch, and able to cancel the fit; {@link EpochObserver#NONE} for none.
 *     It changes no number of the result.
 */
public record FitOptions(boolean standardize, Duration timeLimit, EpochObserver observer) {

    public FitOptions {
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        }
        observer = observer == null ? EpochObserver.NONE : observer;
    }

    /** Options without an observer. */
    public FitOptions(boolean standardize, Duration timeLimit) {
        this(standardize, timeLimit, EpochObserver.NONE);
    }
}
