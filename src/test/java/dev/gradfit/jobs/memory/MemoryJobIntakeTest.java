package dev.gradfit.jobs.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.QueuedJob;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.gradfit.jobs.JobIntake}, in memory: a job is kept and queued, or neither. */
class MemoryJobIntakeTest {

    private final MemoryJobStore store =
            new MemoryJobStore(new MemoryJobs(Jobs.properties(Duration.ofHours(1), 100, 10), Ticker.systemTicker()));
    private final MemoryJobQueue queue = new MemoryJobQueue(1, Long.MAX_VALUE);
    private final MemoryJobIntake intake = new MemoryJobIntake(store, queue);

    @Test
    void keepsAndQueuesAJobOrNeither() throws Exception {
        QueuedJob first = Jobs.queuedJob(1);
        QueuedJob second = Jobs.queuedJob(1);
        Job firstJob = Job.queued(first.id(), 10, null, Jobs.T0);

        assertThat(intake.submit(firstJob, first)).isTrue();
        assertThat(intake.submit(Job.queued(second.id(), 10, null, Jobs.T0), second))
                .isFalse();

        assertThat(store.find(first.id())).contains(firstJob);
        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.count()).isEqualTo(1);
        assertThat(queue.take(Duration.ZERO).map(JobLease::job)).contains(first);
        assertThat(queue.waiting()).isZero();
    }
}
