package dev.gradfit.api;

import java.time.Duration;

/** Every fit thread is busy and the queue is full: the client should come back later. */
final class FitCapacityExceededException extends RuntimeException {

    private final Duration retryAfter;

    FitCapacityExceededException(Duration retryAfter) {
        super("every fit thread is busy and the fit queue is full");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
