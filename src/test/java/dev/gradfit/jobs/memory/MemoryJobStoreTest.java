package dev.gradfit.jobs.memory;

import static dev.gradfit.jobs.memory.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobFailure;
import dev.gradfit.jobs.JobResult;
import dev.gradfit.jobs.JobStatus;
import dev.gradfit.jobs.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract of {@link JobStore}, on the in-memory store, with a ticker the test moves. */
class MemoryJobStoreTest {

    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    private final Jobs.FakeTicker ticker = new Jobs.FakeTicker();
    private final MemoryJobs jobs = new MemoryJobs(Jobs.properties(RETENTION, 3, 10), ticker);
    private final MemoryJobStore store = new MemoryJobStore(jobs);

    private Job created() {
        Job job = Jobs.queued();
        store.create(job);
        return job;
    }

    @Test
    void startsAWaitingJobAndReportsItRunning() {
        Job job = created();

        Job started = store.start(job.id(), T1).orElseThrow();

        assertThat(started.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(started.startedAt()).isEqualTo(T1);
        assertThat(store.find(job.id())).contains(started);
    }

    @Test
    void doesNotStartAFinishedOrUnknownJob() {
        Job job = created();
        store.cancel(job.id(), T1);

        assertThat(store.start(job.id(), T2)).isEmpty();
        assertThat(store.start(UUID.randomUUID(), T2)).isEmpty();
        assertThat(store.find(job.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELED);
    }

    @Test
    void startsARunningJobAgainForARerunAndKeepsItsFirstStart() {
        Job job = created();
        store.start(job.id(), T1);

        assertThat(store.start(job.id(), T2).orElseThrow().startedAt()).isEqualTo(T1);
    }

    @Test
    void keepsTheFirstCompletionAndIgnoresASecond() {
        Job job = created();
        store.start(job.id(), T1);
        UUID model = UUID.randomUUID();

        Job first = store.complete(job.id(), JobResult.succeeded(model, 1000, 0.5), T2)
                .orElseThrow();
        var second = store.complete(job.id(), JobResult.failed(new JobFailure.Unexpected()), T2.plusSeconds(1));

        assertThat(second).isEmpty();
        assertThat(first.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.find(job.id())).contains(first);
        assertThat(first.modelId()).isEqualTo(model);
        assertThat(first.finishedAt()).isEqualTo(T2);
        // The result's numbers replace the last progress, exactly.
        assertThat(first.epoch()).isEqualTo(1000);
        assertThat(first.cost()).isEqualTo(0.5);
    }

    @Test
    void recordsProgressUntilTheJobFinishes() {
        Job job = created();
        store.start(job.id(), T1);

        store.progress(job.id(), 10, 2.5);
        assertThat(store.find(job.id()).orElseThrow().epoch()).isEqualTo(10);
        store.complete(job.id(), JobResult.canceled(), T2);
        store.progress(job.id(), 20, 1.5);

        Job finished = store.find(job.id()).orElseThrow();
        assertThat(finished.epoch()).isEqualTo(10);
        assertThat(finished.cost()).isEqualTo(2.5);
    }

    @Test
    void cancelEndsAWaitingJobAtOnce() {
        Job job = created();

        JobStore.Cancellation cancellation = store.cancel(job.id(), T1).orElseThrow();

        assertThat(cancellation.endedNow()).isTrue();
        assertThat(cancellation.job().status()).isEqualTo(JobStatus.CANCELED);
        assertThat(cancellation.job().finishedAt()).isEqualTo(T1);
    }

    @Test
    void cancelFlagsARunningJobAndLeavesItsEndToItsWorker() {
        Job job = created();
        store.start(job.id(), T1);

        JobStore.Cancellation cancellation = store.cancel(job.id(), T2).orElseThrow();

        assertThat(cancellation.endedNow()).isFalse();
        assertThat(cancellation.job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(cancellation.job().cancelRequested()).isTrue();
    }

    @Test
    void cancelLeavesAFinishedJobAsItWasAndSaysSo() {
        Job job = created();
        store.start(job.id(), T1);
        Job finished = store.complete(job.id(), JobResult.succeeded(UUID.randomUUID(), 5, 1.0), T1)
                .orElseThrow();

        JobStore.Cancellation cancellation = store.cancel(job.id(), T2).orElseThrow();

        assertThat(cancellation.endedNow()).isFalse();
        assertThat(cancellation.job()).isEqualTo(finished);
        assertThat(store.cancel(UUID.randomUUID(), T2)).isEmpty();
    }

    @Test
    void listsTheLatestSubmittedFirstEvenWithinOneInstant() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(created().id()); // all created at T0
        }

        List<UUID> listed = store.list(0, 10).stream().map(Job::id).toList();
        List<UUID> secondPage = store.list(2, 2).stream().map(Job::id).toList();

        assertThat(listed).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(secondPage).containsExactly(ids.get(2), ids.get(1));
        assertThat(store.count()).isEqualTo(5);
    }

    @Test
    void forgetsAFinishedJobOnceItsRetentionHasPassed() {
        Job job = created();
        store.cancel(job.id(), T1);

        ticker.advance(RETENTION.minusSeconds(1));
        assertThat(store.find(job.id())).isPresent();
        ticker.advance(Duration.ofSeconds(2));

        assertThat(store.find(job.id())).isEmpty();
        assertThat(store.list(0, 10)).isEmpty();
        assertThat(store.count()).isZero();
    }

    @Test
    void neverForgetsAJobThatHasNotFinished() {
        Job waiting = created();
        Job running = created();
        store.start(running.id(), T1);

        ticker.advance(RETENTION.multipliedBy(1000));

        assertThat(store.find(waiting.id())).isPresent();
        assertThat(store.find(running.id())).isPresent();
    }

    @Test
    void keepsAtMostTheBoundOfFinishedJobsButEveryUnfinishedOne() {
        List<UUID> unfinished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            unfinished.add(created().id());
        }
        for (int i = 0; i < 8; i++) {
            store.cancel(created().id(), T1);
        }

        jobs.cache().cleanUp();

        long finished = store.list(0, 100).stream()
                .filter(job -> job.status().isFinished())
                .count();
        assertThat(finished).isLessThanOrEqualTo(3);
        for (UUID id : unfinished) {
            assertThat(store.find(id)).isPresent();
        }
    }

    @Test
    void forgetsAJobRefusedAPlaceInTheQueue() {
        Job job = created();

        store.delete(job.id());

        assertThat(store.find(job.id())).isEmpty();
    }
}
