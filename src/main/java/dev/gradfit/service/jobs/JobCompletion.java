package dev.gradfit.service.jobs;

import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobResult;
import dev.gradfit.jobs.JobStore;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Ends a job once: writes the result, and, if this was the completion that counted, appends the end event. */
@Component
class JobCompletion {

    private final JobStore store;
    private final JobEventLog events;
    private final JobMeters meters;
    private final Clock clock;

    JobCompletion(JobStore store, JobEventLog events, JobMeters meters, Clock clock) {
        this.store = store;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
    }

    /** @return the finished job if this call finished it; empty if it had finished before */
    Optional<Job> complete(UUID id, JobResult result) {
        Optional<Job> finished = store.complete(id, result, clock.instant());
        finished.ifPresent(this::ended);
        return finished;
    }

    /** Announces a job that has just finished: its end event, its meters and log line. */
    void ended(Job job) {
        events.append(job.id(), new JobEventData.JobEnded(job));
        meters.finished(job);
    }
}
