package dev.gradfit.api;

import dev.gradfit.api.problem.ProblemBody;
import dev.gradfit.api.request.CsvFitForm;
import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.response.JobLinks;
import dev.gradfit.api.response.JobPage;
import dev.gradfit.api.response.JobResponse;
import dev.gradfit.formats.arrow.ArrowTableReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The job endpoints as the OpenAPI document describes them: paths, bodies, answers and examples. */
@RequestMapping(path = JobLinks.JOBS, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "jobs",
        description = "Fit asynchronously: queue a fit too long for one request, follow its progress, cancel it,"
                + " and find its model.")
interface JobsApi {

    @Operation(
            summary = "Submit a fit as a job",
            description = "Takes the body of POST /api/v1/models, plus an optional parentId to continue a kept"
                    + " model as POST /api/v1/models/{id}/fits does, checks it at once (the same 400 answers as"
                    + " a fit, the work limit included) and queues it. A worker then runs the same fit, with"
                    + " the same weights bit for bit, under gradfit.jobs.max-duration instead of the"
                    + " synchronous limits, and stores the model when it succeeds. Poll the job, or follow its"
                    + " events. " + ApiDocs.CSV_FIT_DESCRIPTION + " The options may hold a parentId.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = FitRequest.class),
                                        examples = {
                                            @ExampleObject(name = "a long fit", value = ApiDocs.JOB_EXAMPLE),
                                            @ExampleObject(
                                                    name = "continue a model",
                                                    value = ApiDocs.CONTINUE_JOB_EXAMPLE)
                                        }),
                                @Content(
                                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                        schema = @Schema(implementation = CsvFitForm.class),
                                        encoding =
                                                @Encoding(
                                                        name = "options",
                                                        contentType = MediaType.APPLICATION_JSON_VALUE))
                            }))
    @ApiResponse(
            responseCode = "202",
            description = "Queued; Location names the job, and the body is the job (status QUEUED).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = JobResponse.class)))
    @ApiDocs.BadInput
    @ApiResponse(
            responseCode = "404",
            description = "parentId names no kept model (problem type model-not-found).",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(
            responseCode = "503",
            description = "Nothing was queued; Retry-After says when to try again. The queue holds"
                    + " gradfit.jobs.max-queued jobs, or as much data as gradfit.jobs.max-queued-bytes allows"
                    + " (job-queue-full); the request bodies being read hold the heap this one needs"
                    + " (server-busy); or the job store (Redis) did not answer (store-unavailable).",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @ApiDocs.BodyRead
    @ApiDocs.StoreFull
    @ApiDocs.StoreOutcomeUnknown
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<JobResponse> submit(@Valid @RequestBody FitRequest request);

    /** The same operation with a CSV upload; documented with {@link #submit}. */
    @Operation(hidden = true)
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<JobResponse> submitCsv(@Parameter(hidden = true) HttpServletRequest request) throws IOException;

    /** The same operation with an Arrow stream; documented with the JSON method by {@link ApiDocs#fitBodies}. */
    @Operation(hidden = true)
    @PostMapping(consumes = ArrowTableReader.MEDIA_TYPE)
    ResponseEntity<JobResponse> submitArrow(
            @Parameter(hidden = true) @RequestParam(required = false) String target,
            @Parameter(hidden = true) @RequestParam(required = false) String options,
            @Parameter(hidden = true) HttpServletRequest request)
            throws IOException;

    @Operation(
            operationId = "listJobs",
            summary = "List the jobs",
            description = "The kept jobs, newest first, a page at a time: waiting and running ones, and finished"
                    + " ones for gradfit.jobs.retention after they finished.")
    @ApiResponse(responseCode = "200", description = "One page of jobs.")
    @ApiDocs.BadInput
    @GetMapping
    JobPage list(
            @Parameter(description = "Page number, from 0.") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Jobs per page, 1 to 1000.") @RequestParam(defaultValue = "20") @Min(1) @Max(1000)
                    int size);

    @Operation(
            operationId = "getJob",
            summary = "Get a job",
            description = "Its status, the latest epoch and cost, its times; once SUCCEEDED the model's id and"
                    + " link, once FAILED the problem the synchronous fit would have answered.")
    @ApiResponse(responseCode = "200", description = "The job.")
    @ApiDocs.JobNotFound
    @GetMapping("/{id}")
    JobResponse get(@Parameter(description = "The job's id.") @PathVariable UUID id);

    @Operation(
            summary = "Follow a job's events",
            description = "Server-Sent Events: `progress` events (data: epoch, cost, learningRate and, for models"
                    + " of at most 101 weights, the weights: 100 features and an intercept, or fewer features over the classes) at most every gradfit.jobs.progress-interval and at"
                    + " least one once the fit starts, then exactly one end event, `succeeded`, `failed` or"
                    + " `canceled`, whose data is the job; then the stream ends. Every event has an id, rising by"
                    + " one per job: reconnect with Last-Event-ID to get only what came after it (a job keeps"
                    + " its last gradfit.jobs.max-events events; once it has ended, its last progress and its"
                    + " end). A client that comes after the end gets the end at once. A stream stays open at"
                    + " most gradfit.jobs.events-timeout; EventSource then reconnects by itself. The status line"
                    + " and headers come at once, also while the job waits for a worker: a stream that has no"
                    + " event to send yet opens with a comment line (`:heartbeat`), and one follows every"
                    + " gradfit.jobs.events-heartbeat (default 15 s) until the stream ends, so that proxies keep"
                    + " an idle stream; EventSource ignores comments. HEAD answers the same status and headers"
                    + " at once, with no stream.")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream (text/event-stream): each event has an id, a name and one line of"
                    + " JSON data, a JobProgressBody for `progress`, a JobResponse for `succeeded`, `failed` and"
                    + " `canceled`.",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema =
                                    @Schema(
                                            type = "string",
                                            description = "Server-Sent Events, as the HTML standard defines them."
                                                    + " x-event-data names the schema of each event's data.",
                                            example = ApiDocs.EVENTS_EXAMPLE,
                                            extensions =
                                                    @Extension(
                                                            name = "x-event-data",
                                                            properties = {
                                                                @ExtensionProperty(
                                                                        name = "progress",
                                                                        value = ApiDocs.PROGRESS_REF,
                                                                        parseValue = true),
                                                                @ExtensionProperty(
                                                                        name = "succeeded",
                                                                        value = ApiDocs.JOB_REF,
                                                                        parseValue = true),
                                                                @ExtensionProperty(
                                                                        name = "failed",
                                                                        value = ApiDocs.JOB_REF,
                                                                        parseValue = true),
                                                                @ExtensionProperty(
                                                                        name = "canceled",
                                                                        value = ApiDocs.JOB_REF,
                                                                        parseValue = true)
                                                            }))))
    @ApiResponse(
            responseCode = "204",
            description = "The job has ended and Last-Event-ID is its end: nothing more will come (EventSource"
                    + " stops reconnecting).")
    @ApiResponse(
            responseCode = "400",
            description = "Last-Event-ID is not an event id (a whole number from 0 to 9223372036854775807), or a"
                    + " query parameter is malformed or given twice; the errors array names it.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @ApiDocs.JobNotFound
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(
            @Parameter(description = "The job's id.") @PathVariable UUID id,
            @Parameter(
                            description = "The id of the last event received; only later events are sent. Absent"
                                    + " or empty: every event the job keeps. Anything but a whole number from 0"
                                    + " to 9223372036854775807 is a 400.")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventId,
            @Parameter(hidden = true) HttpMethod method);

    @Operation(
            summary = "Cancel a job",
            description = "A waiting job ends CANCELED at once. A running fit stops at its next epoch and the job"
                    + " then ends CANCELED, with no model stored, unless the fit ended first. Follow the job to"
                    + " see its end.")
    @ApiResponse(
            responseCode = "202",
            description = "Canceled, or asked to stop; the body is the job as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = JobResponse.class)))
    @ApiDocs.JobNotFound
    @ApiResponse(
            responseCode = "409",
            description = "The job has finished already (problem type job-finished): nothing to cancel.",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @PostMapping("/{id}/cancel")
    ResponseEntity<JobResponse> cancel(@Parameter(description = "The job's id.") @PathVariable UUID id);
}
