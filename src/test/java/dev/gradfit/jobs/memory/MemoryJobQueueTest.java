package dev.gradfit.jobs.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.QueuedJob;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The contract of {@link dev.gradfit.jobs.JobQueue}, on the in-memory queue. */
class MemoryJobQueueTest {

    /** One point of one feature: a point and its target, 8 bytes each. */
    private static final long BYTES_PER_POINT = 16;

    @Test
    void handsOutJobsInTheOrderTheyCame() throws Exception {
        MemoryJobQueue queue = new MemoryJobQueue(10, Long.MAX_VALUE);
        QueuedJob first = Jobs.queuedJob(1);
        QueuedJob second = Jobs.queuedJob(1);
        queue.offer(first);
        queue.offer(second);

        assertThat(queue.take(Duration.ZERO).map(JobLease::job)).contains(first);
        assertThat(queue.take(Duration.ZERO).map(JobLease::job)).contains(second);
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void refusesAJobOnceTheBoundOfWaitingJobsIsReached() throws Exception {
        MemoryJobQueue queue = new MemoryJobQueue(2, Long.MAX_VALUE);

        assertThat(queue.offer(Jobs.queuedJob(1))).isTrue();
        assertThat(queue.offer(Jobs.queuedJob(1))).isTrue();
        assertThat(queue.offer(Jobs.queuedJob(1))).isFalse();
        queue.take(Duration.ZERO);
        assertThat(queue.offer(Jobs.queuedJob(1))).isTrue();
    }

    @Test
    void refusesAJobWhoseDataWouldPassTheByteBoundUnlessNoneWaits() throws Exception {
        MemoryJobQueue queue = new MemoryJobQueue(10, 100 * BYTES_PER_POINT);

        assertThat(queue.offer(Jobs.queuedJob(1000)))
                .as("an empty queue takes any job")
                .isTrue();
        assertThat(queue.offer(Jobs.queuedJob(1))).isFalse();
        queue.take(Duration.ZERO);
        assertThat(queue.offer(Jobs.queuedJob(60))).isTrue();
        assertThat(queue.offer(Jobs.queuedJob(40))).isTrue();
        assertThat(queue.offer(Jobs.queuedJob(1))).isFalse();
    }

    @Test
    void withdrawsAJobThatWaitsButNotOneTaken() throws Exception {
        MemoryJobQueue queue = new MemoryJobQueue(10, 100 * BYTES_PER_POINT);
        QueuedJob taken = Jobs.queuedJob(1);
        QueuedJob waiting = Jobs.queuedJob(60);
        queue.offer(taken);
        queue.offer(waiting);
        queue.take(Duration.ZERO);

        assertThat(queue.withdraw(taken.id())).isFalse();
        assertThat(queue.withdraw(waiting.id())).isTrue();
        assertThat(queue.waiting()).isZero();
        // The withdrawn job's data no longer counts: the bound holds 60 + 40 points again.
        assertThat(queue.offer(Jobs.queuedJob(60))).isTrue();
        assertThat(queue.offer(Jobs.queuedJob(40))).isTrue();
    }

    @Test
    void givesNothingWhenNoJobArrivesInTime() throws Exception {
        MemoryJobQueue queue = new MemoryJobQueue(10, Long.MAX_VALUE);

        assertThat(queue.take(Duration.ofMillis(1))).isEmpty();
    }
}
