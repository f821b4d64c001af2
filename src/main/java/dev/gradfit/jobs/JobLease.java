package dev.gradfit.jobs;

import java.util.Objects;
import java.util.UUID;

/**
 * A worker's hold on a job it took from the {@link JobQueue}: the job, and where the queue keeps it until
 * the worker {@link JobQueue#acknowledge acknowledges} or {@link JobQueue#release releases} it. Ownership
 * goes with this object, not with the thread that took it.
 *
 * @param job what to run
 * @param entry the queue's own name for the job's place (a Redis Stream entry id); {@code null} in memory
 * @param consumer who holds it (a replica's consumer name in the workers' group); {@code null} in memory
 */
public record JobLease(QueuedJob job, String entry, String consumer) {

    public JobLease {
        Objects.requireNonNull(job, "job");
    }

    /** The lease of a queue that keeps nothing once a job is taken. */
    public static JobLease of(QueuedJob job) {
        return new JobLease(job, null, null);
    }

    public UUID id() {
        return job.id();
    }
}
