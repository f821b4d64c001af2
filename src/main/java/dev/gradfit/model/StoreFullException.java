package dev.gradfit.model;

import java.time.Duration;

/**
 * The shared store refused a write for lack of memory (Redis at its {@code maxmemory} with a policy that
 * does not evict): nothing was written. Reads, deletions and the ends of running jobs go on; new models and
 * jobs wait until the operator frees or adds memory, or deletes models.
 */
public final class StoreFullException extends StoreUnavailableException {

    public StoreFullException(String message, Duration retryAfter, Throwable cause) {
        super(message, retryAfter, cause);
    }
}
