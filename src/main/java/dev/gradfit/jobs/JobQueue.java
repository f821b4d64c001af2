package dev.gradfit.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The jobs waiting for a worker, first in, first out, bounded. The in-memory queue is the default; a shared
 * one (a Redis Stream with one consumer group) implements the same contract so that the workers of every
 * replica take from one queue.
 *
 * <p>A worker takes a job as a {@link JobLease}, runs it, and then acknowledges the lease, or releases it if
 * it leaves the job unfinished. Until then the job is the lease's: a shared queue may hand a job whose
 * worker died (neither acknowledged nor renewed for long) or was released to another worker, which runs it
 * again from the same command; fits are deterministic, and the job store keeps the first completion.
 */
public interface JobQueue {

    /**
     * Adds a job at the tail, unless the queue is full: it holds {@code gradfit.jobs.max-queued} waiting
     * jobs, or their data together with this job's would pass {@code gradfit.jobs.max-queued-bytes} (an
     * empty queue takes any job).
     *
     * @return whether the job was queued
     */
    boolean offer(QueuedJob job);

    /**
     * Takes the job at the head for the caller, waiting up to {@code timeout} for one to arrive.
     *
     * @return the lease on the job, or empty if none arrived in time
     * @throws InterruptedException if the worker is interrupted while it waits (the application stops)
     */
    Optional<JobLease> take(Duration timeout) throws InterruptedException;

    /** The taken job is done with, whatever its outcome: it will not be handed out again. */
    void acknowledge(JobLease lease);

    /**
     * The worker leaves the taken job unfinished (its end could not be written, or the application stops):
     * this process stops keeping it, so that a shared queue hands it to another worker once
     * {@code gradfit.jobs.claim-after} has passed. A queue in memory loses it with the process.
     */
    void release(JobLease lease);

    /**
     * Removes a job that no worker has taken yet (it was canceled while it waited).
     *
     * @return whether it was still waiting
     */
    boolean withdraw(UUID id);

    /** The jobs waiting now, not counting those taken. */
    int waiting();

    /**
     * The jobs waiting as last counted, for meters scraped at any time: a shared queue answers the count its
     * upkeep read last (every {@code gradfit.jobs.claim-after / 3}), without a call to the shared store,
     * so that a scrape never waits for it; a queue in memory answers {@link #waiting()}.
     */
    default int waitingLastCounted() {
        return waiting();
    }
}
