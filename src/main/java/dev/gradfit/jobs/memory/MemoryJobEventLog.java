package dev.gradfit.jobs.memory;

import dev.gradfit.jobs.JobEvent;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import java.util.List;
import java.util.UUID;

/**
 * The event logs of this process's jobs, each kept beside its job in {@link MemoryJobs} and forgotten with
 * it. Subscribers are called on the thread that appends.
 */
final class MemoryJobEventLog implements JobEventLog {

    private static final Subscription NONE = () -> {};

    private final MemoryJobs jobs;

    MemoryJobEventLog(MemoryJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void append(UUID jobId, JobEventData data) {
        EventBuffer buffer = buffer(jobId);
        if (buffer != null) {
            buffer.append(data);
        }
    }

    @Override
    public List<JobEvent> after(UUID jobId, long lastId) {
        EventBuffer buffer = buffer(jobId);
        return buffer == null ? List.of() : buffer.after(lastId);
    }

    @Override
    public Subscription subscribe(UUID jobId, Runnable onAppend) {
        EventBuffer buffer = buffer(jobId);
        if (buffer == null) {
            return NONE;
        }
        Runnable listener = onAppend::run; // a listener of its own, removed by identity
        buffer.listen(listener);
        return () -> buffer.unlisten(listener);
    }

    private EventBuffer buffer(UUID jobId) {
        MemoryJobs.Entry entry = jobs.cache().getIfPresent(jobId);
        return entry == null ? null : entry.events();
    }
}
