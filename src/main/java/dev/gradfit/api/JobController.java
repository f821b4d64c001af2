package dev.gradfit.api;

import dev.gradfit.api.request.FitCommandMapper;
import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.response.JobLinks;
import dev.gradfit.api.response.JobPage;
import dev.gradfit.api.response.JobResponse;
import dev.gradfit.jobs.Job;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.jobs.JobService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Submit, list, read, follow and cancel jobs; {@link JobsApi} holds the mappings and their documentation. */
@RestController
class JobController implements JobsApi {

    private final FitCommandMapper commands;
    private final JobService jobs;
    private final ModelService models;
    private final JobEventStreams streams;
    private final MultipartFitReader uploads;
    private final ArrowFitReader arrows;

    JobController(
            FitCommandMapper commands,
            JobService jobs,
            ModelService models,
            JobEventStreams streams,
            MultipartFitReader uploads,
            ArrowFitReader arrows) {
        this.arrows = arrows;
        this.commands = commands;
        this.uploads = uploads;
        this.jobs = jobs;
        this.models = models;
        this.streams = streams;
    }

    @Override
    public ResponseEntity<JobResponse> submit(FitRequest request) {
        FittedModel parent = request.parentId() == null ? null : models.find(request.parentId());
        Job job = jobs.submit(commands.toJobCommand(request, parent));
        return ResponseEntity.accepted()
                .location(URI.create(JobLinks.self(job.id())))
                .body(JobResponse.of(job));
    }

    @Override
    public ResponseEntity<JobResponse> submitCsv(HttpServletRequest request) throws IOException {
        return uploads.read(request).run(this::submit);
    }

    @Override
    public ResponseEntity<JobResponse> submitArrow(String target, String options, HttpServletRequest request)
            throws IOException {
        return arrows.read(request).run(this::submit);
    }

    @Override
    public JobPage list(int page, int size) {
        return JobPage.of(jobs.list(page, size), page, size);
    }

    @Override
    public JobResponse get(UUID id) {
        return JobResponse.of(jobs.find(id));
    }

    @Override
    public ResponseEntity<SseEmitter> events(UUID id, String lastEventId, HttpMethod method) {
        long lastId = parseEventId(lastEventId);
        if (HttpMethod.HEAD.equals(method)) {
            // The head a GET would answer, and no stream: the connection is free for the next request at once.
            return streams.wouldStream(jobs, id, lastId)
                    ? ResponseEntity.ok()
                            .contentType(MediaType.TEXT_EVENT_STREAM)
                            .build()
                    : ResponseEntity.noContent().build();
        }
        SseEmitter emitter = streams.open(jobs, id, lastId);
        return emitter == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(emitter);
    }

    @Override
    public ResponseEntity<JobResponse> cancel(UUID id) {
        return ResponseEntity.accepted().body(JobResponse.of(jobs.cancel(id)));
    }

    /**
     * The id of the last event the client saw; 0 (every kept event) when it sent none. Anything but an id this
     * server could have given is refused rather than read as 0: a garbled or overflowing id would otherwise
     * replay the whole stream, while a large one answers 204.
     */
    private static long parseEventId(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0; // an EventSource whose last event had an empty id sends none; an empty one means the same
        }
        String id = lastEventId.strip();
        // Digits only: parseLong would also take a sign.
        if (id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(id);
            } catch (NumberFormatException overflow) {
                // past Long.MAX_VALUE: no event ever has such an id
            }
        }
        throw new InvalidRequestException(List.of(new FieldError(
                "Last-Event-ID",
                "must be the id of an event of this stream: a whole number from 0 to " + Long.MAX_VALUE)));
    }
}
