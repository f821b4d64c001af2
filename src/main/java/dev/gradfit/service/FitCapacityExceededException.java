package dev.gradfit.service;

import java.time.Duration;

/** Every fit thread is busy and the queue is full: the client should come back later. */
public final class FitCapacityExceededException extends RuntimeException {

    private final Duration retryAfter;

    public FitCapacityExceededException(Duration retryAfter) {
        super("every fit thread is busy and the fit queue is full");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
