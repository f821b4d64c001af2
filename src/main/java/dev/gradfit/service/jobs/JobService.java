package dev.gradfit.service.jobs;

import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEvent;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobFinishedException;
import dev.gradfit.jobs.JobIntake;
import dev.gradfit.jobs.JobNotFoundException;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.JobQueueFullException;
import dev.gradfit.jobs.JobStore;
import dev.gradfit.jobs.QueuedJob;
import dev.gradfit.service.FitCommand;
import dev.gradfit.service.FitService;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Asynchronous fits: takes a fit as a job, answers what became of it, streams its events and cancels it.
 * Workers ({@link JobWorkers}) run the jobs; the state, queue and events live behind {@link JobStore},
 * {@link JobQueue} and {@link JobEventLog}; a submission goes in through {@link JobIntake}, which keeps and
 * queues the job as one step.
 */
@Service
public class JobService {

    private final FitService fits;
    private final JobStore store;
    private final JobIntake intake;
    private final JobQueue queue;
    private final JobEventLog events;
    private final JobCompletion completion;
    private final RunningJobs running;
    private final JobMeters meters;
    private final JobProperties properties;
    private final Clock clock;

    JobService(
            FitService fits,
            JobStore store,
            JobIntake intake,
            JobQueue queue,
            JobEventLog events,
            JobCompletion completion,
            RunningJobs running,
            JobMeters meters,
            JobProperties properties,
            Clock clock) {
        this.fits = fits;
        this.store = store;
        this.intake = intake;
        this.queue = queue;
        this.events = events;
        this.completion = completion;
        this.running = running;
        this.meters = meters;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Queues a fit as a new job.
     *
     * @throws dev.gradfit.service.InvalidRequestException if the fit would compute more than the work limit
     * @throws JobQueueFullException if the queue holds as many jobs, or as much data, as it may
     */
    public Job submit(FitCommand command) {
        fits.checkWork(command);
        Job job =
                Job.queued(UUID.randomUUID(), command.hyperparameters().epochs(), command.parentId(), clock.instant());
        QueuedJob queued = new QueuedJob(job.id(), command);
        if (!intake.submit(job, queued)) {
            meters.refused();
            throw new JobQueueFullException(properties.maxQueued(), properties.retryAfter());
        }
        meters.queued(job, queued);
        return job;
    }

    /** @throws JobNotFoundException if no job is kept under the id */
    public Job find(UUID id) {
        return store.find(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    /** One page of the kept jobs, newest first, and how many there are in all. */
    public JobListing list(int page, int size) {
        long total = store.count();
        return new JobListing(store.list((long) page * size, size), total);
    }

    /**
     * Cancels a job: one still waiting ends {@code CANCELED} at once; a running one stops at its next epoch
     * (in this process) or its next progress check (in another) and then ends {@code CANCELED}, unless its
     * fit ends first.
     *
     * @return the job after the request
     * @throws JobNotFoundException if no job is kept under the id
     * @throws JobFinishedException if it has finished already
     */
    public Job cancel(UUID id) {
        JobStore.Cancellation cancellation =
                store.cancel(id, clock.instant()).orElseThrow(() -> new JobNotFoundException(id));
        Job job = cancellation.job();
        if (cancellation.endedNow()) {
            queue.withdraw(id);
            completion.ended(job);
        } else if (job.status().isFinished()) {
            throw new JobFinishedException(job);
        } else {
            running.cancel(id);
        }
        return job;
    }

    /**
     * The kept events of the job after {@code lastId}, oldest first.
     *
     * @throws JobNotFoundException if no job is kept under the id
     */
    public List<JobEvent> eventsAfter(UUID id, long lastId) {
        find(id);
        return events.after(id, lastId);
    }

    /** Calls {@code onAppend} (quickly, on any thread) whenever the job's log grows; see {@link JobEventLog}. */
    public JobEventLog.Subscription subscribe(UUID id, Runnable onAppend) {
        return events.subscribe(id, onAppend);
    }

    /** One page of jobs and the count of all. */
    public record JobListing(List<Job> jobs, long total) {}
}
