package dev.gradfit.api;

import java.time.Duration;

/** A fit did not finish within the configured wait (queueing included) and was stopped. */
final class FitTimedOutException extends RuntimeException {

    private final Duration maxWait;
    private final Duration retryAfter;

    FitTimedOutException(Duration maxWait, Duration retryAfter) {
        super("the fit did not finish within " + maxWait);
        this.maxWait = maxWait;
        this.retryAfter = retryAfter;
    }

    Duration maxWait() {
        return maxWait;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
