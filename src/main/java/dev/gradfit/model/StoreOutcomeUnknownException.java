package dev.gradfit.model;

import java.time.Duration;

/**
 * The connection to the shared store broke while a write was in flight: Redis may have done it (and its
 * answer was lost) or not. Unlike a timeout, which the write's deadline makes a "not done", this cannot be
 * told apart; the client is told so, and may look before it retries.
 */
public final class StoreOutcomeUnknownException extends StoreUnavailableException {

    public StoreOutcomeUnknownException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}
