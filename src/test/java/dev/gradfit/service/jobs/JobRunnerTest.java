package dev.gradfit.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.gradfit.api.problem.JobProblems;
import dev.gradfit.config.JobProperties;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobFailure;
import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.JobResult;
import dev.gradfit.jobs.JobStatus;
import dev.gradfit.jobs.JobStore;
import dev.gradfit.jobs.QueuedJob;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.service.FitCommand;
import dev.gradfit.service.FitService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/**
 * One job, one model: every run of a job keeps its model under one id, and a rerun leaves no second; a worker
 * whose store does not answer at the job's end keeps the job until it does.
 */
class JobRunnerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final FitService fits = mock(FitService.class);
    private final ModelStore models = mock(ModelStore.class);
    private final JobStore store = mock(JobStore.class);
    private final JobQueue queue = mock(JobQueue.class);
    private final JobEventLog events = mock(JobEventLog.class);
    private final JobMeters meters = mock(JobMeters.class);
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final JobProperties properties = new JobProperties(
            1,
            10,
            DataSize.ofMegabytes(1),
            Duration.ofMinutes(1),
            Duration.ofMillis(250),
            Duration.ofHours(1),
            100,
            10,
            Duration.ofMinutes(1),
            Duration.ofSeconds(15),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            null);
    private final JobRunner runner = new JobRunner(
            fits,
            models,
            store,
            queue,
            events,
            new JobCompletion(store, events, meters, clock),
            new RunningJobs(),
            meters,
            properties,
            clock);

    private final FitCommand command = new FitCommand(
            Dataset.of(new double[] {1, 2, 3}, new double[] {2, 4, 6}), Hyperparameters.defaults(), false, null);
    private final QueuedJob queued = new QueuedJob(UUID.randomUUID(), command);
    private final Job running = Job.queued(queued.id(), 1000, null, T0).started(T0);

    @Test
    void derivesTheModelIdFromTheJobIdAlone() {
        UUID job = UUID.fromString("7d1e8a52-4c1b-4b59-9a0e-3d8f2b6c1a77");

        assertThat(Job.modelId(job)).isEqualTo(Job.modelId(UUID.fromString(job.toString())));
        assertThat(Job.modelId(job)).isNotEqualTo(job).isNotEqualTo(Job.modelId(UUID.randomUUID()));
        assertThat(Job.modelId(job).version()).as("a name-based UUID").isEqualTo(3);
    }

    @Test
    void keepsTheModelWhenARerunLosesToARunThatSucceeded() {
        UUID modelId = Job.modelId(queued.id());
        FittedModel model = fittedUnder(modelId);
        Job succeeded = running.finished(JobResult.succeeded(modelId, 1000, 0.0), T0);
        given(store.start(eq(queued.id()), any())).willReturn(Optional.of(running));
        given(store.find(queued.id())).willReturn(Optional.of(running), Optional.of(succeeded));
        given(store.complete(eq(queued.id()), any(), any())).willReturn(Optional.empty());

        runner.run(JobLease.of(queued));

        verify(fits).keep(eq(model), eq(command), any());
        verify(models, never()).delete(any());
        verify(queue).acknowledge(any());
    }

    @Test
    void dropsTheModelWhenARerunLosesToARunThatDidNotSucceed() {
        UUID modelId = Job.modelId(queued.id());
        fittedUnder(modelId);
        Job canceled = running.finished(JobResult.canceled(), T0);
        given(store.start(eq(queued.id()), any())).willReturn(Optional.of(running));
        given(store.find(queued.id())).willReturn(Optional.of(running), Optional.of(canceled));
        given(store.complete(eq(queued.id()), any(), any())).willReturn(Optional.empty());

        runner.run(JobLease.of(queued));

        verify(models).delete(modelId);
    }

    @Test
    void keepsTheJobAndWritesItsEndOnceTheStoreAnswersAgain() {
        UUID modelId = Job.modelId(queued.id());
        fittedUnder(modelId);
        Job succeeded = running.finished(JobResult.succeeded(modelId, 1000, 0.0), T0);
        given(store.start(eq(queued.id()), any())).willReturn(Optional.of(running));
        given(store.find(queued.id())).willReturn(Optional.of(running));
        given(store.complete(eq(queued.id()), any(), any()))
                .willThrow(new StoreUnavailableException("Redis did not answer", Duration.ofSeconds(5), null))
                .willReturn(Optional.of(succeeded));

        runner.run(JobLease.of(queued));

        // Released, the job would be claimed by another replica and fitted again while this one is alive.
        verify(queue, never()).release(any());
        verify(queue).acknowledge(any());
        verify(events, times(1)).append(eq(queued.id()), any(JobEventData.JobEnded.class));
    }

    @Test
    void keepsTheJobAndStartsItOnceTheStoreAnswersAgain() {
        UUID modelId = Job.modelId(queued.id());
        fittedUnder(modelId);
        Job succeeded = running.finished(JobResult.succeeded(modelId, 1000, 0.0), T0);
        given(store.start(eq(queued.id()), any()))
                .willThrow(new StoreUnavailableException("Redis did not answer", Duration.ofSeconds(5), null))
                .willReturn(Optional.of(running));
        given(store.find(queued.id())).willReturn(Optional.of(running));
        given(store.complete(eq(queued.id()), any(), any())).willReturn(Optional.of(succeeded));

        runner.run(JobLease.of(queued));

        // Released, the job would be claimed by another replica while this one is alive.
        verify(queue, never()).release(any());
        verify(store, times(2)).start(eq(queued.id()), any());
        verify(fits).keep(any(), eq(command), any());
        verify(queue).acknowledge(any());
    }

    @Test
    void announcesTheEndThatATryRunLateByTheStoreWrote() {
        UUID modelId = Job.modelId(queued.id());
        fittedUnder(modelId);
        Job succeeded = running.finished(JobResult.succeeded(modelId, 1000, 0.0), T0);
        given(store.start(eq(queued.id()), any())).willReturn(Optional.of(running));
        given(store.find(queued.id())).willReturn(Optional.of(running), Optional.of(succeeded));
        // The first try timed out in gradfit but ran in Redis: the second finds the job ended.
        given(store.complete(eq(queued.id()), any(), any()))
                .willThrow(new StoreUnavailableException("Redis did not answer", Duration.ofSeconds(5), null))
                .willReturn(Optional.empty());
        given(events.after(queued.id(), 0)).willReturn(List.of());

        runner.run(JobLease.of(queued));

        verify(events, times(1)).append(eq(queued.id()), any(JobEventData.JobEnded.class));
        verify(models, never()).delete(any());
        verify(queue).acknowledge(any());
    }

    @Test
    void failsAJobWhoseFitRanOutOfMemoryAndRunsTheNextJob() {
        given(store.start(eq(queued.id()), any())).willReturn(Optional.of(running));
        given(fits.fitOnThisThread(eq(command), any(), any(), eq(Job.modelId(queued.id()))))
                .willThrow(new OutOfMemoryError("Java heap space"));
        given(store.complete(eq(queued.id()), any(), any()))
                .willAnswer(call -> Optional.of(running.finished(call.getArgument(1), T0)));
        JobLease lease = JobLease.of(queued);

        runner.run(lease);

        verify(store)
                .complete(
                        eq(queued.id()),
                        argThat(result -> result.status() == JobStatus.FAILED
                                && result.failure() instanceof JobFailure.OutOfMemory),
                        any());
        verify(events).append(eq(queued.id()), any(JobEventData.JobEnded.class));
        verify(queue).acknowledge(lease);
        verify(fits, never()).keep(any(), any(), any());

        // The worker's thread goes on, and the next job on it succeeds.
        QueuedJob next = new QueuedJob(UUID.randomUUID(), command);
        Job nextRunning = Job.queued(next.id(), 1000, null, T0).started(T0);
        FittedModel model = fittedUnder(Job.modelId(next.id()));
        given(store.start(eq(next.id()), any())).willReturn(Optional.of(nextRunning));
        given(store.find(next.id())).willReturn(Optional.of(nextRunning));
        given(store.complete(eq(next.id()), any(), any()))
                .willAnswer(call -> Optional.of(nextRunning.finished(call.getArgument(1), T0)));

        runner.run(JobLease.of(next));

        verify(fits).keep(eq(model), eq(command), any());
        verify(store)
                .complete(
                        eq(next.id()),
                        argThat(result -> result.status() == JobStatus.SUCCEEDED
                                && model.id().equals(result.modelId())),
                        any());
    }

    @Test
    void reportsAJobThatRanOutOfMemoryAsTheSynchronousFitWould() {
        ProblemDetail problem = JobProblems.of(new JobFailure.OutOfMemory(), "/api/v1/jobs/" + queued.id());

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getType()).hasToString("https://gradfit.dev/problems/fit-out-of-memory");
        assertThat(problem.getDetail())
                .startsWith("The fit ran out of memory: the server's heap could not hold it")
                .endsWith("Send fewer rows or columns, or ask the operator for more heap.");
    }

    @Test
    void failsAJobWhoseFitThrewAnotherErrorWithoutEndingTheWorker() {
        given(store.start(eq(queued.id()), any())).willReturn(Optional.of(running));
        given(fits.fitOnThisThread(eq(command), any(), any(), eq(Job.modelId(queued.id()))))
                .willThrow(new StackOverflowError());
        given(store.complete(eq(queued.id()), any(), any()))
                .willAnswer(call -> Optional.of(running.finished(call.getArgument(1), T0)));

        runner.run(JobLease.of(queued));

        verify(store)
                .complete(
                        eq(queued.id()),
                        argThat(result -> result.status() == JobStatus.FAILED
                                && result.failure() instanceof JobFailure.Unexpected),
                        any());
        verify(events).append(eq(queued.id()), any(JobEventData.JobEnded.class));
        verify(queue).acknowledge(any());
    }

    /** The fit of the job, as FitService makes it under the id it is given; no other id is answered. */
    private FittedModel fittedUnder(UUID modelId) {
        FittedModel model = new FittedModel(
                modelId,
                T0,
                Hyperparameters.defaults(),
                new FitResult(new Weights(0, new double[] {2}), 0.0, new double[] {0.0}, 1, 1000));
        given(fits.fitOnThisThread(eq(command), any(), any(), eq(modelId))).willReturn(model);
        return model;
    }
}
