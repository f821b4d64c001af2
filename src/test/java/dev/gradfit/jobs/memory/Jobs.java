package dev.gradfit.jobs.memory;

import dev.gradfit.config.JobProperties;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.QueuedJob;
import dev.gradfit.service.FitCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.util.unit.DataSize;

/** Fixtures of the in-memory job tests: settings, a clock the tests move, jobs and commands. */
final class Jobs {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Jobs() {}

    static JobProperties properties(Duration retention, int maxFinished, int maxEvents) {
        return new JobProperties(
                1,
                100,
                DataSize.ofMegabytes(256),
                Duration.ofHours(1),
                Duration.ofMillis(250),
                retention,
                maxFinished,
                maxEvents,
                Duration.ofMinutes(10),
                Duration.ofSeconds(15),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                null);
    }

    /** A Caffeine ticker that stands still until a test moves it. */
    static final class FakeTicker implements com.github.benmanes.caffeine.cache.Ticker {

        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    static Job queued() {
        return Job.queued(UUID.randomUUID(), 1000, null, T0);
    }

    /** A job whose data are {@code points} points of one feature. */
    static QueuedJob queuedJob(int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        return new QueuedJob(
                UUID.randomUUID(), new FitCommand(Dataset.of(x, y), Hyperparameters.defaults(), false, null));
    }
}
