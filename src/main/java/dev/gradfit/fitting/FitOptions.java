package dev.gradfit.fitting;

import java.time.Duration;

/**
 * How a fit runs, beyond its hyperparameters.
 *
 * @param standardize whether descent runs on z-scored features (weights are reported in the original units)
 * @param timeLimit the longest the fit may take; a shorter budget in the hyperparameters wins
 */
public record FitOptions(boolean standardize, Duration timeLimit) {

    public FitOptions {
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        }
    }
}
