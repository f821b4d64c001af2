package dev.gradfit.jobs;

/** Where a job is in its life: waiting, running, or finished one of three ways. */
public enum JobStatus {
    /** Waiting for a worker. */
    QUEUED,
    /** A worker is fitting it. */
    RUNNING,
    /** Fitted; its model is stored. */
    SUCCEEDED,
    /** The fit failed (diverged, or its input turned out unusable); nothing is stored. */
    FAILED,
    /** Canceled before it finished; nothing is stored. */
    CANCELED;

    /** Whether the job has ended; a finished job never changes again. */
    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
