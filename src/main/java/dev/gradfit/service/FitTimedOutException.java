package dev.gradfit.service;

import java.time.Duration;

/** A fit did not finish within the configured wait (queueing included) and was stopped. */
public final class FitTimedOutException extends RuntimeException {

    private final Duration maxWait;
    private final Duration retryAfter;

    public FitTimedOutException(Duration maxWait, Duration retryAfter) {
        super("the fit did not finish within " + maxWait);
        this.maxWait = maxWait;
        this.retryAfter = retryAfter;
    }

    public Duration maxWait() {
        return maxWait;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
