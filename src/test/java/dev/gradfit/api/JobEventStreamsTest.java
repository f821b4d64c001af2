package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobNotFoundException;
import dev.gradfit.service.jobs.JobService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.unit.DataSize;

/** The server ends the event stream of a job that vanished without its end (a shared store lost it). */
class JobEventStreamsTest {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    @AfterEach
    void stop() {
        scheduler.shutdown();
    }

    @Test
    void endsTheStreamOfAJobThatVanished() {
        scheduler.initialize();
        JobProperties properties = new JobProperties(
                1,
                10,
                DataSize.ofMegabytes(1),
                Duration.ofMinutes(1),
                Duration.ofMillis(250),
                Duration.ofHours(1),
                100,
                10,
                Duration.ofMinutes(10),
                Duration.ofMillis(50),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                null);
        JobEventStreams streams = new JobEventStreams(properties, scheduler);
        UUID id = UUID.randomUUID();
        Job running = Job.queued(id, 100, null, Instant.now()).started(Instant.now());
        JobService jobs = mock(JobService.class);
        AtomicBoolean gone = new AtomicBoolean();
        given(jobs.find(id)).willAnswer(call -> {
            if (gone.get()) {
                throw new JobNotFoundException(id);
            }
            return running;
        });
        given(jobs.eventsAfter(any(), anyLong())).willReturn(List.of());
        JobEventLog.Subscription subscription = mock(JobEventLog.Subscription.class);
        given(jobs.subscribe(any(), any())).willReturn(subscription);

        assertThat(streams.open(jobs, id, 0)).isNotNull();
        gone.set(true); // Redis flushed: no end will ever be appended

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> verify(subscription).close());
    }
}
