package dev.gradfit.jobs.memory;

import static dev.gradfit.jobs.memory.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEvent;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobResult;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The contract of {@link JobEventLog}, on the in-memory log, kept beside its job. */
class MemoryJobEventLogTest {

    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final int CAPACITY = 4;

    private final Jobs.FakeTicker ticker = new Jobs.FakeTicker();
    private final MemoryJobs jobs = new MemoryJobs(Jobs.properties(RETENTION, 100, CAPACITY), ticker);
    private final MemoryJobStore store = new MemoryJobStore(jobs);
    private final MemoryJobEventLog log = new MemoryJobEventLog(jobs);
    private final UUID id = created();

    private UUID created() {
        Job job = Jobs.queued();
        store.create(job);
        return job.id();
    }

    private static JobEventData.JobProgress progress(int epoch) {
        return new JobEventData.JobProgress(epoch, 1.0 / (epoch + 1), 0.01, null);
    }

    private void end() {
        store.start(id, T0);
        Job finished = store.complete(id, JobResult.canceled(), T0).orElseThrow();
        log.append(id, new JobEventData.JobEnded(finished));
    }

    private static List<Long> ids(List<JobEvent> events) {
        return events.stream().map(JobEvent::id).toList();
    }

    @Test
    void numbersEachJobsEventsFromOne() {
        UUID other = created();

        log.append(id, progress(0));
        log.append(id, progress(1));
        log.append(other, progress(0));

        assertThat(ids(log.after(id, 0))).containsExactly(1L, 2L);
        assertThat(ids(log.after(other, 0))).containsExactly(1L);
    }

    @Test
    void dropsTheEventsOfAJobNoLongerKept() {
        UUID unknown = UUID.randomUUID();

        log.append(unknown, progress(0));

        assertThat(log.after(unknown, 0)).isEmpty();
    }

    @Test
    void goesOnWhenASubscriberFails() {
        AtomicInteger told = new AtomicInteger();
        log.subscribe(id, () -> {
            throw new IllegalStateException("a subscriber that fails");
        });
        log.subscribe(id, told::incrementAndGet);

        log.append(id, progress(0));
        log.append(id, progress(1));

        assertThat(told).hasValue(2);
        assertThat(ids(log.after(id, 0))).containsExactly(1L, 2L);
    }

    @Test
    void givesOnlyTheEventsAfterTheLastOneSeen() {
        for (int epoch = 0; epoch < 3; epoch++) {
            log.append(id, progress(epoch));
        }

        assertThat(ids(log.after(id, 0))).containsExactly(1L, 2L, 3L);
        assertThat(ids(log.after(id, 2))).containsExactly(3L);
        assertThat(log.after(id, 3)).isEmpty();
        assertThat(log.after(UUID.randomUUID(), 0)).isEmpty();
    }

    @Test
    void keepsOnlyTheLastEventsUpToItsCapacity() {
        for (int epoch = 0; epoch < 10; epoch++) {
            log.append(id, progress(epoch));
        }

        assertThat(ids(log.after(id, 0))).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void keepsTheLastProgressAndTheEndOnceTheJobHasEnded() {
        for (int epoch = 0; epoch < 3; epoch++) {
            log.append(id, progress(epoch));
        }

        end();

        List<JobEvent> kept = log.after(id, 0);
        assertThat(ids(kept)).containsExactly(3L, 4L);
        assertThat(kept.get(1).name()).isEqualTo("canceled");
        assertThat(kept.get(1).isEnd()).isTrue();
        assertThat(ids(log.after(id, 3))).containsExactly(4L);
    }

    @Test
    void tellsSubscribersOfEveryAppendUntilTheyClose() {
        AtomicInteger told = new AtomicInteger();
        JobEventLog.Subscription subscription = log.subscribe(id, told::incrementAndGet);

        log.append(id, progress(0));
        log.append(id, progress(1));
        subscription.close();
        log.append(id, progress(2));
        subscription.close();

        assertThat(told).hasValue(2);
    }

    @Test
    void forgetsTheLogWithItsJob() {
        log.append(id, progress(0));
        end();

        ticker.advance(RETENTION.plusSeconds(1));

        assertThat(log.after(id, 0)).isEmpty();
        assertThat(store.find(id)).isEmpty();
    }
}
