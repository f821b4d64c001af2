package dev.gradfit.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The state of one job, immutable: each change is a new value, made by the methods below, which the job
 * stores apply atomically.
 *
 * @param id a random UUID
 * @param status where the job is
 * @param epoch the epochs run so far (the latest progress, or the end); 0 before the fit starts
 * @param epochs the epochs the fit asked for
 * @param cost the cost after {@code epoch} epochs; NaN before the first progress
 * @param createdAt when it was submitted
 * @param startedAt when a worker started it, or {@code null}
 * @param finishedAt when it ended, or {@code null}
 * @param parentId the model the fit continues, or {@code null}
 * @param modelId the stored model, once {@code SUCCEEDED}
 * @param failure why it failed, once {@code FAILED}
 * @param cancelRequested whether someone asked it to stop; the worker stops the fit at its next check
 */
public record Job(
        UUID id,
        JobStatus status,
        int epoch,
        int epochs,
        double cost,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        UUID parentId,
        UUID modelId,
        JobFailure failure,
        boolean cancelRequested) {

    /**
     * The id of the model a job stores, derived from the job's id (a name-based UUID): every run of the job
     * (a rerun after its worker was thought dead, or after its end could not be written) keeps its model
     * under this one id, so that a job leaves one model however often it runs.
     */
    public static UUID modelId(UUID jobId) {
        return UUID.nameUUIDFromBytes(("gradfit job model " + jobId).getBytes(StandardCharsets.UTF_8));
    }

    /** A job just submitted. */
    public static Job queued(UUID id, int epochs, UUID parentId, Instant at) {
        return new Job(id, JobStatus.QUEUED, 0, epochs, Double.NaN, at, null, null, parentId, null, null, false);
    }

    /** Running since {@code at}; a rerun (after its worker died) keeps its progress and first start. */
    public Job started(Instant at) {
        return new Job(
                id,
                JobStatus.RUNNING,
                epoch,
                epochs,
                cost,
                createdAt,
                startedAt == null ? at : startedAt,
                null,
                parentId,
                null,
                null,
                cancelRequested);
    }

    /** The latest progress. */
    public Job progressed(int epoch, double cost) {
        return new Job(
                id,
                status,
                epoch,
                epochs,
                cost,
                createdAt,
                startedAt,
                finishedAt,
                parentId,
                modelId,
                failure,
                cancelRequested);
    }

    /** Asked to stop. */
    public Job withCancelRequest() {
        return new Job(
                id, status, epoch, epochs, cost, createdAt, startedAt, finishedAt, parentId, modelId, failure, true);
    }

    /** Ended at {@code at} as {@code result} says. */
    public Job finished(JobResult result, Instant at) {
        return new Job(
                id,
                result.status(),
                result.epoch() == null ? epoch : result.epoch(),
                epochs,
                result.cost() == null ? cost : result.cost(),
                createdAt,
                startedAt,
                at,
                parentId,
                result.modelId(),
                result.failure(),
                cancelRequested);
    }
}
