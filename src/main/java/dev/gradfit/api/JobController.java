package dev.gradfit.api;

import dev.gradfit.api.request.FitCommandMapper;
import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.response.JobLinks;
import dev.gradfit.api.response.JobPage;
import dev.gradfit.api.response.JobResponse;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.jobs.Job;
import dev.gradfit.service.jobs.JobService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
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
        return submit(uploads.read(request));
    }

    @Override
    public ResponseEntity<JobResponse> submitArrow(String target, String options, HttpServletRequest request)
            throws IOException {
        return submit(arrows.read(request));
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

    /** An id this server gave, or 0 (everything) for none or anything else. */
    private static long parseEventId(String lastEventId) {
        if (lastEventId == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
