package dev.gradfit.model;

import java.time.Duration;

/**
 * The model store could not be reached in time (Redis down, unreachable, or refusing writes): nothing can
 * be said about the model asked for, and the client should come back later.
 */
public final class StoreUnavailableException extends RuntimeException {

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
