package dev.gradfit.api.response;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gradfit.api.problem.JobProblems;
import dev.gradfit.api.problem.ProblemBody;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ProblemDetail;

/** A job as it stands: also the data of its end event. */
@Schema(description = "An asynchronous fit: where it is, how far it got, and what came of it.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResponse(
        UUID id,

        @Schema(description = "QUEUED, RUNNING, then SUCCEEDED, FAILED or CANCELED.")
        JobStatus status,

        @Schema(description = "Epochs run so far (at the latest progress, or at the end); 0 before the fit starts.")
        int epoch,

        @Schema(description = "Epochs the fit asked for.") int epochs,

        @Schema(description = "The cost after `epoch` epochs; absent before the first progress.")
        Double cost,

        Instant createdAt,

        @Schema(description = "When a worker started the fit; absent while QUEUED.")
        Instant startedAt,

        @Schema(description = "When the job ended; absent until then.")
        Instant finishedAt,

        @Schema(description = "The model the fit continues; absent for a fresh fit.")
        UUID parentId,

        @Schema(description = "The stored model, once SUCCEEDED.")
        UUID modelId,

        @Schema(
                description = "True once a cancel was asked for; absent otherwise. A fit that ended before it"
                        + " could stop keeps its own status.")
        Boolean cancelRequested,

        @Schema(
                implementation = ProblemBody.class,
                description = "Why the job FAILED: the RFC 9457 problem the synchronous fit of the same body would"
                        + " have answered (fit-diverged with its epoch, hint and so on, invalid-request with its"
                        + " errors), its instance being the job.")
        ProblemDetail problem,

        JobLinks links) {

    public static JobResponse of(Job job) {
        return new JobResponse(
                job.id(),
                job.status(),
                job.epoch(),
                job.epochs(),
                Numbers.finiteOrNull(job.cost()),
                job.createdAt(),
                job.startedAt(),
                job.finishedAt(),
                job.parentId(),
                job.modelId(),
                job.cancelRequested() ? Boolean.TRUE : null,
                job.failure() == null ? null : JobProblems.of(job.failure(), JobLinks.self(job.id())),
                JobLinks.of(job));
    }
}
