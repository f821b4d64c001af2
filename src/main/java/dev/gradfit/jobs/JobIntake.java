package dev.gradfit.jobs;

/**
 * Takes new jobs in: keeps the job in the {@link JobStore} and adds it to the {@link JobQueue} as one step,
 * both or neither. So no job is kept that no worker will ever take, whatever fails between the two (a
 * shared store that pauses runs the whole step late, or not at all). The bounds are the queue's
 * ({@link JobQueue#offer}).
 */
public interface JobIntake {

    /**
     * Keeps {@code job} (status {@code QUEUED}, a fresh id) and queues {@code queued}, its entry, unless the
     * queue is full.
     *
     * @return whether the job was taken in; if not, the queue was full and nothing was kept
     */
    boolean submit(Job job, QueuedJob queued);
}
