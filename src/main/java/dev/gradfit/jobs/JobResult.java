package dev.gradfit.jobs;

import java.util.Objects;
import java.util.UUID;

/**
 * How a job ended: what {@link JobStore#complete} writes down.
 *
 * @param status {@code SUCCEEDED}, {@code FAILED} or {@code CANCELED}
 * @param modelId the stored model, for {@code SUCCEEDED}; otherwise {@code null}
 * @param failure why, for {@code FAILED}; otherwise {@code null}
 * @param epoch the epochs the fit ran, when known at the end; {@code null} keeps the last progress
 * @param cost the final cost, when known at the end; {@code null} keeps the last progress
 */
public record JobResult(JobStatus status, UUID modelId, JobFailure failure, Integer epoch, Double cost) {

    public JobResult {
        if (!status.isFinished()) {
            throw new IllegalArgumentException("a result ends a job, " + status + " does not");
        }
        if ((status == JobStatus.SUCCEEDED) != (modelId != null)) {
            throw new IllegalArgumentException("a model id goes with SUCCEEDED and only with it");
        }
        if ((status == JobStatus.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure goes with FAILED and only with it");
        }
    }

    public static JobResult succeeded(UUID modelId, int epochs, double cost) {
        return new JobResult(JobStatus.SUCCEEDED, Objects.requireNonNull(modelId), null, epochs, cost);
    }

    public static JobResult failed(JobFailure failure) {
        return new JobResult(JobStatus.FAILED, null, Objects.requireNonNull(failure), null, null);
    }

    public static JobResult canceled() {
        return new JobResult(JobStatus.CANCELED, null, null, null, null);
    }
}
