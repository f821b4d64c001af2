package dev.gradfit.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.EpochObserver;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * How a job's fit reports: how often, with what, and how a cancel reaches it. The intervals are chosen so
 * that no assertion depends on how fast the test runs: an hour is never reached, zero always is.
 */
class ProgressReporterTest {

    private final UUID id = UUID.randomUUID();
    private final JobStore store = mock(JobStore.class);
    private final JobEventLog events = mock(JobEventLog.class);
    private final AtomicBoolean canceled = new AtomicBoolean();
    private Job job = Job.queued(id, 1000, null, Instant.EPOCH).started(Instant.EPOCH);

    ProgressReporterTest() {
        given(store.find(id)).willAnswer(call -> Optional.of(job));
    }

    private static EpochObserver.Epoch epoch(int number, int features) {
        return new EpochObserver.Epoch() {
            @Override
            public int number() {
                return number;
            }

            @Override
            public double cost() {
                return 1.0 / (number + 1);
            }

            @Override
            public double learningRate() {
                return 0.01;
            }

            @Override
            public Weights weights() {
                return Weights.zeros(features);
            }
        };
    }

    private ProgressReporter reporter(Duration interval, int features) {
        return new ProgressReporter(id, features + 1L, canceled, store, events, interval);
    }

    @Test
    void reportsTheFirstEpochAtOnceAndNoMoreWithinTheInterval() {
        ProgressReporter reporter = reporter(Duration.ofHours(1), 1);

        for (int e = 0; e < 1000; e++) {
            assertThat(reporter.afterEpoch(epoch(e, 1))).isTrue();
        }

        ArgumentCaptor<JobEventData> data = ArgumentCaptor.forClass(JobEventData.class);
        verify(events, times(1)).append(eq(id), data.capture());
        verify(store).progress(id, 0, 1.0);
        JobEventData.JobProgress progress = (JobEventData.JobProgress) data.getValue();
        assertThat(progress.epoch()).isZero();
        assertThat(progress.learningRate()).isEqualTo(0.01);
        assertThat(progress.weights()).isEqualTo(Weights.zeros(1));
    }

    @Test
    void reportsEveryEpochWhenTheIntervalIsZero() {
        ProgressReporter reporter = reporter(Duration.ZERO, 1);

        for (int e = 0; e < 10; e++) {
            reporter.afterEpoch(epoch(e, 1));
        }

        verify(events, times(10)).append(eq(id), any());
    }

    @Test
    void leavesTheWeightsOutPastAHundredFeatures() {
        reporter(Duration.ZERO, 100).afterEpoch(epoch(0, 100));
        reporter(Duration.ZERO, 101).afterEpoch(epoch(0, 101));

        ArgumentCaptor<JobEventData> data = ArgumentCaptor.forClass(JobEventData.class);
        verify(events, times(2)).append(eq(id), data.capture());
        assertThat(((JobEventData.JobProgress) data.getAllValues().get(0)).weights())
                .isNotNull();
        assertThat(((JobEventData.JobProgress) data.getAllValues().get(1)).weights())
                .isNull();
    }

    @Test
    void stopsAtTheNextEpochOnceCanceledInThisProcess() {
        ProgressReporter reporter = reporter(Duration.ofHours(1), 1);
        reporter.afterEpoch(epoch(0, 1));

        canceled.set(true);

        assertThat(reporter.afterEpoch(epoch(1, 1))).isFalse();
    }

    @Test
    void stopsAtItsNextReportOnceCanceledThroughTheStore() {
        ProgressReporter reporter = reporter(Duration.ZERO, 1);
        assertThat(reporter.afterEpoch(epoch(0, 1))).isTrue();

        job = job.withCancelRequest();

        assertThat(reporter.afterEpoch(epoch(1, 1))).isFalse();
        verify(store, never()).complete(any(), any(), any());
    }
}
