package dev.gradfit.jobs;

import java.time.Duration;

/** The queue of waiting jobs is full, by count or by the bytes of their data: come back later. */
public final class JobQueueFullException extends RuntimeException {

    private final int maxQueued;
    private final Duration retryAfter;

    public JobQueueFullException(int maxQueued, Duration retryAfter) {
        super("the job queue is full");
        this.maxQueued = maxQueued;
        this.retryAfter = retryAfter;
    }

    public int maxQueued() {
        return maxQueued;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
