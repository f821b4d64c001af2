package dev.gradfit.jobs;

import java.util.List;
import java.util.UUID;

/**
 * The events of each job, numbered, kept for clients that reconnect, and announced to those that listen.
 * The in-memory log is the default; a shared one (Redis) implements the same contract so that a client of
 * any replica follows a job that runs on another.
 *
 * <p>Per job, event ids start at 1 and each append takes the next; a job's log holds at most its last
 * {@code gradfit.jobs.max-events} events. Its end ({@link JobEventData.JobEnded}) is its last event: then
 * the log may drop every event but the last progress and the end. A log is forgotten with its job.
 */
public interface JobEventLog {

    /**
     * Appends to the job's log under the next id, and announces it to the job's subscribers. An event of a job
     * the store no longer keeps is dropped. A subscriber that fails does not fail the append.
     */
    void append(UUID jobId, JobEventData data);

    /** The kept events of the job with an id above {@code lastId}, oldest first; empty for an unknown job. */
    List<JobEvent> after(UUID jobId, long lastId);

    /**
     * Calls {@code onAppend} after events are appended to the job's log, until the subscription is closed.
     * It may be called on any thread, once per append or once for several, and must return at once (read the
     * new events with {@link #after} elsewhere).
     */
    Subscription subscribe(UUID jobId, Runnable onAppend);

    /** Stops the announcements of one {@link #subscribe}; closing twice does nothing. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
