package dev.gradfit.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.gradfit.config.JobProperties;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.QueuedJob;
import dev.gradfit.service.FitCommand;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A job worker outlives whatever one job throws: the next job is taken and run on the same thread. */
class JobWorkersTest {

    private static final FitCommand COMMAND = new FitCommand(
            Dataset.of(new double[] {1, 2, 3}, new double[] {2, 4, 6}), Hyperparameters.defaults(), false, null);

    private final JobQueue queue = mock(JobQueue.class);
    private final JobRunner runner = mock(JobRunner.class);
    private final JobWorkers workers = new JobWorkers(queue, runner, oneWorker());

    @AfterEach
    void stopWorkers() {
        workers.stop();
    }

    @Test
    void goesOnTakingJobsAfterAJobThrewOutOfMemoryError() throws Exception {
        JobLease first = JobLease.of(new QueuedJob(UUID.randomUUID(), COMMAND));
        JobLease second = JobLease.of(new QueuedJob(UUID.randomUUID(), COMMAND));
        given(queue.take(any())).willReturn(Optional.of(first), Optional.of(second), Optional.empty());
        willThrow(new OutOfMemoryError("Java heap space")).given(runner).run(first);

        workers.start();

        // A wait for the worker's thread to get there, not a measure of its speed.
        verify(runner, timeout(10_000)).run(second);
        assertThat(workers.threads())
                .singleElement()
                .satisfies(thread -> assertThat(thread.getName()).isEqualTo("gradfit-job-1"))
                .satisfies(thread -> assertThat(thread.isAlive()).isTrue());
    }

    private static JobProperties oneWorker() {
        return new JobProperties(
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
    }
}
