package dev.gradfit.model;

import java.time.Duration;

/**
 * The shared store (Redis: models, jobs and their events) could not be reached in time, being down,
 * unreachable, or refusing writes: nothing can be said about the model or job asked for, and the client
 * should come back later. Its message names what Redis did not do ("the job queue's offer").
 */
public class StoreUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public StoreUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** When the client should try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
