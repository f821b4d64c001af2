package dev.gradfit.api.problem;

import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.jobs.JobStatus;
import dev.gradfit.service.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The JSON of every problem gradfit answers, as the OpenAPI document describes it: RFC 9457's members and
 * gradfit's extension members, each present only for the problem types that name it. Documentation only:
 * the bodies themselves are Spring's {@link org.springframework.http.ProblemDetail}.
 */
@Schema(
        name = "Problem",
        description = "An RFC 9457 problem detail (application/problem+json). type is one of the stable URIs under"
                + " https://gradfit.dev/problems/ (invalid-request, malformed-json, model-not-found, job-not-found,"
                + " job-finished, fit-diverged, fit-capacity-exceeded, fit-timed-out, fit-out-of-memory, job-queue-full,"
                + " store-unavailable, store-full, store-outcome-unknown, server-busy, body-too-large, body-read-timeout, unauthorized, not-found,"
                + " method-not-allowed, not-acceptable, unsupported-media-type, internal-error); the members after"
                + " instance appear only with the types that name them.",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record ProblemBody(
        @Schema(
                description = "What kind of problem: a stable absolute URI.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "https://gradfit.dev/problems/invalid-request")
        URI type,

        @Schema(description = "A short summary of the type.", requiredMode = Schema.RequiredMode.REQUIRED)
        String title,

        @Schema(description = "The HTTP status code.", requiredMode = Schema.RequiredMode.REQUIRED, example = "400")
        int status,

        @Schema(description = "What went wrong this time, in words.", requiredMode = Schema.RequiredMode.REQUIRED)
        String detail,

        @Schema(
                description = "The request's path (a relative reference), or the job's for a failed job.",
                format = "uri-reference",
                example = "/api/v1/models")
        String instance,

        @Schema(
                description = "invalid-request: each field that is wrong, and why; the first 20 of them, detail"
                        + " saying how many more there are.")
        List<FieldError> errors,

        @Schema(description = "model-not-found: the id asked for.")
        UUID modelId,

        @Schema(description = "job-not-found and job-finished: the id asked for.")
        UUID jobId,

        @Schema(description = "job-finished: how the job ended.")
        JobStatus jobStatus,

        @Schema(description = "The 503s: the Retry-After header's seconds.")
        Long retryAfterSeconds,

        @Schema(description = "body-too-large: gradfit.http.max-body-size in bytes.")
        Long maxBytes,

        @Schema(description = "body-too-large: gradfit.http.max-in-flight-bytes, when the body needs more heap.")
        Long maxInFlightBytes,

        @Schema(description = "fit-timed-out: gradfit.executor.max-wait in milliseconds.")
        Long maxWaitMs,

        @Schema(description = "fit-diverged: epochs run when the divergence was seen.")
        Integer epoch,

        @Schema(
                description = "fit-diverged: NOT_FINITE (a cost or gradient stopped being finite), GREW (the cost"
                        + " grew past 1000 times both its initial value and the cost of predicting a constant),"
                        + " ROSE (the fit stopped with its cost above its initial value) or RISING (the fit"
                        + " stopped with its cost rising at a learning rate above the optimizer's stable rate).")
        FitDivergedException.Cause divergence,

        @Schema(description = "fit-diverged: the learning rate of the epoch that diverged.")
        Double learningRate,

        @Schema(description = "fit-diverged: the last finite cost; null when even the first was not.", nullable = true)
        Double lastFiniteCost,

        @Schema(
                description = "fit-diverged, full batches with the squared, huber, logistic or softmax loss:"
                        + " the learning rate below which the fit's optimizer is stable on this data, from λmax,"
                        + " the largest eigenvalue the cost's Hessian can reach: 2/λmax for gd, 2(1+μ)/λmax for"
                        + " momentum, 2(1+μ)/((1+2μ)λmax) for nesterov. For the squared loss it converges only"
                        + " below it; for the others the bound is where stability is guaranteed (the loss's"
                        + " curvature at its largest: 1 for huber, 1/4 for logistic, 1/2 for softmax), and"
                        + " larger rates may still converge. adagrad, rmsprop and adam have no such bound: for"
                        + " them it is plain gd's 2/λmax, a scale for the learning rate.")
        Double maxStableLearningRate,

        @Schema(description = "fit-diverged: what to try.") String hint,

        @Schema(description = "plot-not-applicable: the plot asked for (fit, cost or residuals).")
        String plot) {}
