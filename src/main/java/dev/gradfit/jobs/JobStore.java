package dev.gradfit.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the state of jobs lives, shared by every process that serves or runs them. The in-memory store is
 * the default; a shared one (Redis) implements the same contract so that any replica answers for any job.
 *
 * <p>Every method that changes a job is atomic with respect to every other: two processes racing to start,
 * cancel or complete a job see one order. A finished job never changes again; it is kept for at least a
 * moment and at most {@code gradfit.jobs.retention} after it finished (sooner when a bound on finished
 * jobs forces it out), then forgotten: it reads as absent. A job that has not finished is never forgotten.
 */
public interface JobStore {

    /** Keeps a new job (status {@code QUEUED}); its id is fresh. */
    void create(Job job);

    /** Forgets a job at once: one that was refused a place in the queue and never ran. */
    void delete(UUID id);

    /** The job, if it is kept. */
    Optional<Job> find(UUID id);

    /** A page of the kept jobs, newest first (the latest submitted first). */
    List<Job> list(long offset, int limit);

    /** The number of jobs kept now. */
    long count();

    /**
     * Marks the job {@code RUNNING} since {@code at} unless it has finished: the worker that took it from
     * the queue calls this before fitting. A job found {@code RUNNING} (its earlier worker died and the queue
     * handed it out again) is started again.
     *
     * @return the job now running, or empty if it is unknown or finished (canceled while it waited): the
     *     worker must then not run it
     */
    Optional<Job> start(UUID id, Instant at);

    /** Records the latest epoch and cost of a job that has not finished; otherwise does nothing. */
    void progress(UUID id, int epoch, double cost);

    /**
     * Asks a job to stop: a {@code QUEUED} job ends {@code CANCELED} at {@code at} in this call; a
     * {@code RUNNING} job gets {@link Job#cancelRequested()} set, which its worker polls; a finished job is
     * left as it is.
     *
     * @return the job after the call and whether this call ended it; empty if the job is unknown
     */
    Optional<Cancellation> cancel(UUID id, Instant at);

    /**
     * Ends a job as {@code result} says, unless it has finished already: the first completion wins and any
     * later one is ignored (a job run twice, after its first worker was thought dead, ends once).
     *
     * @return the finished job if this call finished it; empty if it had finished before or is unknown
     */
    Optional<Job> complete(UUID id, JobResult result, Instant at);

    /**
     * What {@link #cancel} did.
     *
     * @param job the job after the call
     * @param endedNow whether this call ended it (it was waiting); {@code false} with a finished job means it
     *     had finished before
     */
    record Cancellation(Job job, boolean endedNow) {}
}
