package dev.gradfit.jobs.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.Job;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs of this process, each with its event log, in one Caffeine cache: a job and its events are kept
 * and forgotten together. Waiting and running jobs weigh nothing and never expire, so no bound removes
 * them; a finished job weighs 1 (at most {@code gradfit.jobs.max-finished} are kept) and expires
 * {@code gradfit.jobs.retention} after it finished.
 */
final class MemoryJobs {

    /**
     * One job: its state (replaced on every change, so that the cache weighs and times it again), the order
     * it was submitted in, and its event log (shared by every state of the job).
     */
    record Entry(Job job, long order, EventBuffer events) {

        Entry with(Job changed) {
            return new Entry(changed, order, events);
        }
    }

    private final Cache<UUID, Entry> cache;
    private final AtomicLong submitted = new AtomicLong();
    private final int maxEvents;

    MemoryJobs(JobProperties properties, Ticker ticker) {
        long retention = properties.retention().toNanos();
        this.maxEvents = properties.maxEvents();
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(properties.maxFinished())
                .weigher((UUID id, Entry entry) -> entry.job().status().isFinished() ? 1 : 0)
                .expireAfter(new Expiry<UUID, Entry>() {
                    @Override
                    public long expireAfterCreate(UUID id, Entry entry, long now) {
                        return entry.job().status().isFinished() ? retention : Long.MAX_VALUE;
                    }

                    @Override
                    public long expireAfterUpdate(UUID id, Entry entry, long now, long remaining) {
                        // A finished job's time runs from when it finished; later writes do not renew it.
                        return entry.job().status().isFinished() ? Math.min(remaining, retention) : Long.MAX_VALUE;
                    }

                    @Override
                    public long expireAfterRead(UUID id, Entry entry, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    /** A new entry for a job just submitted. */
    Entry entryFor(Job job) {
        return new Entry(job, submitted.incrementAndGet(), new EventBuffer(maxEvents));
    }

    Cache<UUID, Entry> cache() {
        return cache;
    }
}
