package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** Where to read a job, follow its events, cancel it, and find its model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobLinks(
        String self,

        @Schema(description = "Server-Sent Events of the job: progress, then its end.")
        String events,

        @Schema(description = "POST here to cancel the job; present while it has not finished.")
        String cancel,

        @Schema(description = "The model the job stored; present once it has SUCCEEDED.")
        String model) {

    /** The path of the job collection; a job is {@code JOBS/{id}}. */
    public static final String JOBS = "/api/v1/jobs";

    /** The path of a job. */
    public static String self(UUID id) {
        return JOBS + "/" + id;
    }

    static JobLinks of(Job job) {
        String self = self(job.id());
        return new JobLinks(
                self,
                self + "/events",
                job.status().isFinished() ? null : self + "/cancel",
                job.status() == JobStatus.SUCCEEDED ? ModelLinks.MODELS + "/" + job.modelId() : null);
    }
}
