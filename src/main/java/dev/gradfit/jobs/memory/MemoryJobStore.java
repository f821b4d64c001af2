package dev.gradfit.jobs.memory;

import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobResult;
import dev.gradfit.jobs.JobStatus;
import dev.gradfit.jobs.JobStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;

/**
 * The jobs of this process, in {@link MemoryJobs}. Every change is one {@code compute} on the cache's map,
 * which makes it atomic and lets the cache weigh and time the job again.
 */
final class MemoryJobStore implements JobStore {

    private static final Comparator<MemoryJobs.Entry> NEWEST_FIRST =
            Comparator.comparingLong(MemoryJobs.Entry::order).reversed();

    private final MemoryJobs jobs;
    private final ConcurrentMap<UUID, MemoryJobs.Entry> map;

    MemoryJobStore(MemoryJobs jobs) {
        this.jobs = jobs;
        this.map = jobs.cache().asMap();
    }

    @Override
    public void create(Job job) {
        if (map.putIfAbsent(job.id(), jobs.entryFor(job)) != null) {
            throw new IllegalStateException("job " + job.id() + " exists already");
        }
    }

    @Override
    public void delete(UUID id) {
        map.remove(id);
    }

    @Override
    public Optional<Job> find(UUID id) {
        return Optional.ofNullable(jobs.cache().getIfPresent(id)).map(MemoryJobs.Entry::job);
    }

    @Override
    public List<Job> list(long offset, int limit) {
        return map.values().stream()
                .sorted(NEWEST_FIRST)
                .skip(offset)
                .limit(limit)
                .map(MemoryJobs.Entry::job)
                .toList();
    }

    @Override
    public long count() {
        jobs.cache().cleanUp();
        return jobs.cache().estimatedSize();
    }

    @Override
    public Optional<Job> start(UUID id, Instant at) {
        MemoryJobs.Entry entry = map.computeIfPresent(
                id,
                (key, current) -> current.job().status().isFinished()
                        ? current
                        : current.with(current.job().started(at)));
        return entry == null || entry.job().status() != JobStatus.RUNNING ? Optional.empty() : Optional.of(entry.job());
    }

    @Override
    public void progress(UUID id, int epoch, double cost) {
        map.computeIfPresent(
                id,
                (key, current) -> current.job().status().isFinished()
                        ? current
                        : current.with(current.job().progressed(epoch, cost)));
    }

    @Override
    public Optional<Cancellation> cancel(UUID id, Instant at) {
        boolean[] endedNow = {false};
        MemoryJobs.Entry entry = map.computeIfPresent(id, (key, current) -> {
            Job job = current.job();
            if (job.status().isFinished()) {
                return current;
            }
            if (job.status() == JobStatus.QUEUED) {
                endedNow[0] = true;
                return current.with(job.withCancelRequest().finished(JobResult.canceled(), at));
            }
            return current.with(job.withCancelRequest());
        });
        return Optional.ofNullable(entry).map(e -> new Cancellation(e.job(), endedNow[0]));
    }

    @Override
    public Optional<Job> complete(UUID id, JobResult result, Instant at) {
        boolean[] finishedNow = {false};
        MemoryJobs.Entry entry = map.computeIfPresent(id, (key, current) -> {
            if (current.job().status().isFinished()) {
                return current;
            }
            finishedNow[0] = true;
            return current.with(current.job().finished(result, at));
        });
        return finishedNow[0] ? Optional.of(entry.job()) : Optional.empty();
    }
}
