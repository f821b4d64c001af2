package dev.gradfit.service.jobs;

import dev.gradfit.config.JobProperties;
import dev.gradfit.fitting.train.FitCanceledException;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobFailure;
import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.JobResult;
import dev.gradfit.jobs.JobStore;
import dev.gradfit.jobs.QueuedJob;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import dev.gradfit.service.FitCommand;
import dev.gradfit.service.FitService;
import dev.gradfit.service.InvalidRequestException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one job that a worker took from the queue, on the worker's thread: starts it, fits with a
 * {@link ProgressReporter}, stores the model unless the job was canceled, ends the job and acknowledges it.
 * The fit is the synchronous fit's, with the job's time budget: the same command gives the same weights.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final FitService fits;
    private final ModelStore models;
    private final JobStore store;
    private final JobQueue queue;
    private final JobEventLog events;
    private final JobCompletion completion;
    private final RunningJobs running;
    private final JobMeters meters;
    private final JobProperties properties;
    private final Clock clock;

    JobRunner(
            FitService fits,
            ModelStore models,
            JobStore store,
            JobQueue queue,
            JobEventLog events,
            JobCompletion completion,
            RunningJobs running,
            JobMeters meters,
            JobProperties properties,
            Clock clock) {
        this.fits = fits;
        this.models = models;
        this.store = store;
        this.queue = queue;
        this.events = events;
        this.completion = completion;
        this.running = running;
        this.meters = meters;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Runs the job to its end and acknowledges its lease; a job canceled while it waited is only
     * acknowledged. If the thread is interrupted (the application stops), or the end cannot be written, the
     * job is left unfinished and its lease released, as a worker that died would leave it.
     */
    void run(JobLease lease) {
        boolean acknowledged = false;
        try {
            if (runToEnd(lease.job())) {
                queue.acknowledge(lease);
                acknowledged = true;
            }
        } finally {
            if (!acknowledged) {
                queue.release(lease);
            }
        }
    }

    /** Returns false if the thread was interrupted and the job left as it was. */
    private boolean runToEnd(QueuedJob queued) {
        UUID id = queued.id();
        Optional<Job> started = store.start(id, clock.instant());
        if (started.isPresent()) {
            meters.started(started.get());
            AtomicBoolean canceled = running.add(id);
            try {
                if (started.get().cancelRequested()) {
                    canceled.set(true);
                }
                return fit(id, queued.command(), canceled);
            } finally {
                running.remove(id);
            }
        }
        return true;
    }

    /** Fits and ends the job; returns false if the thread was interrupted and the job left as it was. */
    private boolean fit(UUID id, FitCommand command, AtomicBoolean canceled) {
        if (canceled.get()) {
            completion.complete(id, JobResult.canceled());
            return true;
        }
        ProgressReporter reporter = new ProgressReporter(
                id, command.data().columns(), canceled, store, events, properties.progressInterval());
        FittedModel model;
        try {
            model = fits.fitOnThisThread(command, properties.maxDuration(), reporter, Job.modelId(id));
        } catch (FitCanceledException e) {
            completion.complete(id, JobResult.canceled());
            return true;
        } catch (FitDivergedException e) {
            completion.complete(id, JobResult.failed(JobFailure.Diverged.of(e)));
            return true;
        } catch (InvalidRequestException e) {
            completion.complete(id, JobResult.failed(new JobFailure.InvalidRequest(e.errors())));
            return true;
        } catch (CancellationException e) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            return failed(id, e);
        } catch (RuntimeException e) {
            return failed(id, e);
        }
        // A cancel that came while the last epochs and the diagnostics ran still wins over the model.
        if (canceled.get() || store.find(id).map(Job::cancelRequested).orElse(true)) {
            completion.complete(id, JobResult.canceled());
            return true;
        }
        fits.keep(model, command, properties.maxDuration());
        var result = model.result();
        if (completion
                .complete(id, JobResult.succeeded(model.id(), result.epochs(), result.cost()))
                .isEmpty()) {
            // Another run of the job finished first. If it succeeded, it kept the same model under the same
            // id (fits are deterministic): that model is the job's. Otherwise nobody will name this one.
            boolean named =
                    store.find(id).map(Job::modelId).filter(model.id()::equals).isPresent();
            if (!named) {
                models.delete(model.id());
            }
        }
        return true;
    }

    private boolean failed(UUID id, RuntimeException e) {
        log.error("Job {} failed unexpectedly", id, e);
        completion.complete(id, JobResult.failed(new JobFailure.Unexpected()));
        return true;
    }
}
