package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEvent;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobFailure;
import dev.gradfit.jobs.JobFinishedException;
import dev.gradfit.jobs.JobNotFoundException;
import dev.gradfit.jobs.JobQueueFullException;
import dev.gradfit.jobs.JobResult;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.FitCommand;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.ModelNotFoundException;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.PredictionService;
import dev.gradfit.service.jobs.JobService;
import dev.gradfit.service.jobs.JobService.JobListing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/** The job controller alone: how bodies become commands and jobs become answers, with the services mocked. */
@ControllerSliceTest(JobController.class)
class JobControllerTest {

    private static final String JOBS = "/api/v1/jobs";
    private static final String PROBLEM = "application/problem+json";
    private static final String FIT = "{\"x\": [1, 2, 3], \"y\": [6, 8, 10], \"learningRate\": 0.05, \"epochs\": 7}";
    private static final Instant NOW = Instant.parse(ControllerSliceTest.NOW);

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private JobService jobs;

    @MockitoBean
    private ModelService models;

    /** For the slice's prediction facade, which these tests never call. */
    @MockitoBean
    private PredictionService predictions;

    private static Job queued(UUID id) {
        return Job.queued(id, 7, null, NOW);
    }

    private static Job ended(UUID id, JobResult result) {
        return queued(id).started(NOW).progressed(3, 1.5).finished(result, NOW.plusSeconds(5));
    }

    private ResultActions postJson(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void queuesTheFitAndAnswers202WithTheJobsLocation() throws Exception {
        UUID id = UUID.randomUUID();
        given(jobs.submit(any())).willReturn(queued(id));

        postJson(JOBS, FIT)
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", JOBS + "/" + id))
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(jsonPath("$.epoch").value(0))
                .andExpect(jsonPath("$.epochs").value(7))
                .andExpect(jsonPath("$.cost").doesNotExist())
                .andExpect(jsonPath("$.links.self").value(JOBS + "/" + id))
                .andExpect(jsonPath("$.links.events").value(JOBS + "/" + id + "/events"))
                .andExpect(jsonPath("$.links.cancel").value(JOBS + "/" + id + "/cancel"))
                .andExpect(jsonPath("$.links.model").doesNotExist());

        ArgumentCaptor<FitCommand> command = ArgumentCaptor.forClass(FitCommand.class);
        verify(jobs).submit(command.capture());
        assertThat(command.getValue().parentId()).isNull();
        assertThat(command.getValue().data().rows()).isEqualTo(3);
        assertThat(command.getValue().hyperparameters().learningRate()).isEqualTo(0.05);
        assertThat(command.getValue().hyperparameters().epochs()).isEqualTo(7);
    }

    @Test
    void refusesABadBodyWith400BeforeAnythingIsQueued() throws Exception {
        postJson(JOBS, "{\"x\": [1, 2, 3], \"y\": [6, 8]}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("y"));
        postJson(JOBS, "{\"x\": [1, 2, 3], \"y\": [6, 8, 10], \"epochs\": 0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("epochs"));

        verify(jobs, never()).submit(any());
    }

    @Test
    void answersTheWorkLimitOfTheServiceWith400() throws Exception {
        given(jobs.submit(any()))
                .willThrow(new InvalidRequestException(List.of(new FieldError("epochs", "make too much work"))));

        postJson(JOBS, FIT)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("epochs"));
    }

    @Test
    void queuesASoftmaxFitWithItsInitialRowsInTheOrderOfTheClasses() throws Exception {
        given(jobs.submit(any())).willReturn(Job.queued(UUID.randomUUID(), 5, null, NOW));

        postJson(
                        JOBS,
                        "{\"x\": [1, 2, 3], \"y\": [\"c\", \"a\", \"b\"], \"loss\": \"softmax\", \"epochs\": 5,"
                                + " \"initialWeights\": {\"byClass\": [{\"intercept\": 1, \"coefficients\": [0.5]},"
                                + " {\"intercept\": 2, \"coefficients\": [0]}, {\"intercept\": -3, \"coefficients\":"
                                + " [-0.5]}]}}")
                .andExpect(status().isAccepted());

        ArgumentCaptor<FitCommand> command = ArgumentCaptor.forClass(FitCommand.class);
        verify(jobs).submit(command.capture());
        // Rows as given (not centred), for classes a, b, c; the queue's codec writes K rows (JobCodecsTest).
        assertThat(command.getValue().hyperparameters().initialWeights())
                .isEqualTo(Weights.ofRows(new double[] {1, 2, -3}, new double[][] {{0.5}, {0}, {-0.5}}));
        assertThat(command.getValue().classes().names()).containsExactly("a", "b", "c");
    }

    @Test
    void continuesTheModelThatParentIdNames() throws Exception {
        UUID parentId = UUID.randomUUID();
        FittedModel parent = new FittedModel(
                parentId,
                NOW,
                new Hyperparameters(0.05, 1, null),
                new FitResult(new Weights(4.0, new double[] {2.0}), 0.5, new double[] {108.0, 0.5}, 1, 1));
        given(models.find(parentId)).willReturn(parent);
        given(jobs.submit(any())).willReturn(Job.queued(UUID.randomUUID(), 7, parentId, NOW));

        postJson(JOBS, "{\"parentId\": \"" + parentId + "\", \"x\": [1, 2], \"y\": [6, 8], \"epochs\": 7}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.parentId").value(parentId.toString()));

        ArgumentCaptor<FitCommand> command = ArgumentCaptor.forClass(FitCommand.class);
        verify(jobs).submit(command.capture());
        assertThat(command.getValue().parentId()).isEqualTo(parentId);
        assertThat(command.getValue().hyperparameters().initialWeights())
                .isEqualTo(parent.result().weights());
    }

    @Test
    void refusesInitialWeightsWhenContinuingAModelAsTheModelEndpointDoes() throws Exception {
        UUID parentId = UUID.randomUUID();
        given(models.find(parentId))
                .willReturn(new FittedModel(
                        parentId,
                        NOW,
                        new Hyperparameters(0.05, 1, null),
                        new FitResult(new Weights(4.0, new double[] {2.0}), 0.5, new double[] {108.0, 0.5}, 1, 1)));

        postJson(
                        JOBS,
                        "{\"parentId\": \"" + parentId + "\", \"x\": [1, 2], \"y\": [6, 8],"
                                + " \"initialWeights\": {\"intercept\": 0, \"coefficients\": [0]}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("initialWeights"));
        verify(jobs, never()).submit(any());
    }

    @Test
    void answersAnUnknownParentWith404() throws Exception {
        UUID parentId = UUID.randomUUID();
        given(models.find(parentId)).willThrow(new ModelNotFoundException(parentId));

        postJson(JOBS, "{\"parentId\": \"" + parentId + "\", \"x\": [1, 2], \"y\": [6, 8]}")
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/model-not-found"));
        verify(jobs, never()).submit(any());
    }

    @Test
    void answersAFullQueueWith503AndRetryAfter() throws Exception {
        given(jobs.submit(any())).willThrow(new JobQueueFullException(100, Duration.ofMillis(9500)));

        postJson(JOBS, FIT)
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/job-queue-full"))
                .andExpect(jsonPath("$.retryAfterSeconds").value(10));
    }

    @Test
    void answersAnUnknownJobWith404JobNotFound() throws Exception {
        UUID id = UUID.randomUUID();
        given(jobs.find(id)).willThrow(new JobNotFoundException(id));

        mvc.perform(get(JOBS + "/" + id))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/job-not-found"))
                .andExpect(jsonPath("$.jobId").value(id.toString()));
    }

    @Test
    void linksASucceededJobToItsModelAndNoLongerOffersToCancel() throws Exception {
        UUID id = UUID.randomUUID();
        UUID model = UUID.randomUUID();
        given(jobs.find(id)).willReturn(ended(id, JobResult.succeeded(model, 7, 0.25)));

        mvc.perform(get(JOBS + "/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUCCEEDED"))
                .andExpect(jsonPath("$.epoch").value(7))
                .andExpect(jsonPath("$.cost").value(0.25))
                .andExpect(jsonPath("$.modelId").value(model.toString()))
                .andExpect(jsonPath("$.startedAt").value(ControllerSliceTest.NOW))
                .andExpect(jsonPath("$.finishedAt").value("2026-01-01T00:00:05Z"))
                .andExpect(jsonPath("$.links.model").value("/api/v1/models/" + model))
                .andExpect(jsonPath("$.links.cancel").doesNotExist())
                .andExpect(jsonPath("$.problem").doesNotExist());
    }

    @Test
    void showsAFailedJobsProblemAsTheSynchronousFitWouldHaveAnsweredIt() throws Exception {
        UUID id = UUID.randomUUID();
        FitDivergedException diverged = new FitDivergedException(12, FitDivergedException.Cause.GREW, 3.5, 0.9, 0.4);
        given(jobs.find(id)).willReturn(ended(id, JobResult.failed(JobFailure.Diverged.of(diverged))));

        mvc.perform(get(JOBS + "/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.modelId").doesNotExist())
                .andExpect(jsonPath("$.problem.type").value("https://gradfit.dev/problems/fit-diverged"))
                .andExpect(jsonPath("$.problem.title").value("Fit diverged"))
                .andExpect(jsonPath("$.problem.status").value(422))
                .andExpect(jsonPath("$.problem.instance").value(JOBS + "/" + id))
                .andExpect(jsonPath("$.problem.epoch").value(12))
                .andExpect(jsonPath("$.problem.divergence").value("GREW"))
                .andExpect(jsonPath("$.problem.lastFiniteCost").value(3.5))
                .andExpect(jsonPath("$.problem.learningRate").value(0.9))
                .andExpect(jsonPath("$.problem.maxStableLearningRate").value(0.4))
                .andExpect(jsonPath("$.problem.hint").value(diverged.hint()))
                .andExpect(jsonPath("$.problem.properties").doesNotExist());
    }

    @Test
    void cancelsWith202AndTheJobAsItIsNow() throws Exception {
        UUID id = UUID.randomUUID();
        given(jobs.cancel(id)).willReturn(queued(id).started(NOW).withCancelRequest());

        mvc.perform(post(JOBS + "/" + id + "/cancel"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("RUNNING"))
                .andExpect(jsonPath("$.cancelRequested").value(true));
    }

    @Test
    void answersTheCancelOfAFinishedJobWith409() throws Exception {
        UUID id = UUID.randomUUID();
        given(jobs.cancel(id))
                .willThrow(new JobFinishedException(ended(id, JobResult.succeeded(UUID.randomUUID(), 7, 0.25))));

        mvc.perform(post(JOBS + "/" + id + "/cancel"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/job-finished"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.jobId").value(id.toString()))
                .andExpect(jsonPath("$.jobStatus").value("SUCCEEDED"));
    }

    @Test
    void listsOnePageOfJobsAndCountsThePages() throws Exception {
        UUID newer = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        given(jobs.list(1, 2)).willReturn(new JobListing(List.of(queued(newer), queued(older)), 5));

        mvc.perform(get(JOBS).param("page", "1").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value(newer.toString()))
                .andExpect(jsonPath("$.content[1].id").value(older.toString()))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalElements").value(5))
                .andExpect(jsonPath("$.totalPages").value(3));
    }

    @Test
    void refusesPagesOutsideTheirBounds() throws Exception {
        mvc.perform(get(JOBS).param("size", "0")).andExpect(status().isBadRequest());
        mvc.perform(get(JOBS).param("page", "-1")).andExpect(status().isBadRequest());
    }

    @Test
    void answersTheEventsOfAnUnknownJobWith404AsAProblem() throws Exception {
        UUID id = UUID.randomUUID();
        given(jobs.find(id)).willThrow(new JobNotFoundException(id));

        mvc.perform(get(JOBS + "/" + id + "/events").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/job-not-found"));
    }

    @Test
    void sendsOnlyTheEventsAfterLastEventIdAndEndsWithTheJobsEnd() throws Exception {
        UUID id = UUID.randomUUID();
        Job job = ended(id, JobResult.canceled());
        List<JobEvent> later = List.of(new JobEvent(4, new JobEventData.JobEnded(job)));
        given(jobs.find(id)).willReturn(job);
        given(jobs.eventsAfter(eq(id), anyLong())).willReturn(List.of());
        given(jobs.eventsAfter(id, 3)).willReturn(later);
        given(jobs.subscribe(eq(id), any())).willReturn(() -> {});

        MvcResult started = mvc.perform(get(JOBS + "/" + id + "/events").header("Last-Event-ID", "3"))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started)).andExpect(status().isOk());

        String stream = started.getResponse().getContentAsString();
        assertThat(started.getResponse().getContentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
        assertThat(stream).startsWith("id:4\nevent:canceled\ndata:{");
        assertThat(stream).contains("\"status\":\"CANCELED\"").doesNotContain("id:3");
    }

    @Test
    void answersWith204WhenTheClientHasSeenTheEndAlready() throws Exception {
        UUID id = UUID.randomUUID();
        given(jobs.find(id)).willReturn(ended(id, JobResult.canceled()));
        given(jobs.eventsAfter(id, 4)).willReturn(List.of());

        mvc.perform(get(JOBS + "/" + id + "/events").header("Last-Event-ID", "4"))
                .andExpect(status().isNoContent());
    }

    @Test
    void answersHeadOfTheEventsWithTheHeadOfAStreamAndOpensNone() throws Exception {
        UUID waiting = UUID.randomUUID();
        UUID over = UUID.randomUUID();
        given(jobs.find(waiting)).willReturn(queued(waiting));
        given(jobs.find(over)).willReturn(ended(over, JobResult.canceled()));
        given(jobs.eventsAfter(over, 4)).willReturn(List.of());

        mvc.perform(head(JOBS + "/" + waiting + "/events"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM));
        mvc.perform(head(JOBS + "/" + over + "/events").header("Last-Event-ID", "4"))
                .andExpect(status().isNoContent());
        verify(jobs, never()).subscribe(any(), any());
    }
}
