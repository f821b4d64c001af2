package dev.gradfit.service.jobs;

import dev.gradfit.config.JobProperties;
import dev.gradfit.fitting.loss.SoftmaxLoss;
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
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.service.FitCommand;
import dev.gradfit.service.FitOutOfMemoryException;
import dev.gradfit.service.FitService;
import dev.gradfit.service.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
    /** How long a worker waits before it tries again to write a job's end that the store did not take. */
    private static final Duration WRITE_RETRY = Duration.ofSeconds(1);

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
     * acknowledged. A store that does not answer, to start the job or once the fit is done, is waited for, the
     * lease kept ({@link #untilWritten}). If the thread is interrupted (the application stops), the job is
     * left unfinished and its lease released, as a worker that died would leave it.
     */
    void run(JobLease lease) {
        boolean acknowledged = false;
        try {
            if (runToEnd(lease.job())) {
                acknowledged = untilWritten(lease.id(), () -> {
                            queue.acknowledge(lease);
                            return true;
                        })
                        .isPresent();
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
        // start.lua is idempotent: a try that timed out but ran late leaves the job RUNNING, and the next
        // try finds it so. Letting go of the lease instead would have another replica claim a job whose
        // replica is alive.
        Optional<Optional<Job>> tried = untilWritten(id, () -> store.start(id, clock.instant()));
        if (tried.isEmpty()) {
            return false;
        }
        Optional<Job> started = tried.get();
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
            return end(id, JobResult.canceled());
        }
        int rows = command.hyperparameters().loss() instanceof SoftmaxLoss softmax ? softmax.classes() : 1;
        ProgressReporter reporter = new ProgressReporter(
                id,
                (long) rows * (command.data().columns() + 1),
                canceled,
                store,
                events,
                properties.progressInterval());
        FittedModel model;
        try {
            model = fits.fitOnThisThread(command, properties.maxDuration(), reporter, Job.modelId(id));
        } catch (FitCanceledException e) {
            return end(id, JobResult.canceled());
        } catch (FitDivergedException e) {
            return end(id, JobResult.failed(JobFailure.Diverged.of(e)));
        } catch (InvalidRequestException e) {
            return end(id, JobResult.failed(new JobFailure.InvalidRequest(e.errors())));
        } catch (CancellationException e) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            return failed(id, e);
        } catch (FitOutOfMemoryException | OutOfMemoryError e) {
            // Caught here, past the fit's frames: its arrays are unreachable, and the worker has its heap back.
            log.warn("Job {} failed: its fit ran out of memory", id);
            return end(id, JobResult.failed(new JobFailure.OutOfMemory()));
        } catch (RuntimeException | Error e) {
            // An Error too: left to the worker, it would end the job's thread with the job RUNNING forever.
            return failed(id, e);
        }
        // A cancel that came while the last epochs and the diagnostics ran still wins over the model.
        Optional<Boolean> cancelAsked = untilWritten(
                id,
                () -> canceled.get() || store.find(id).map(Job::cancelRequested).orElse(true));
        if (cancelAsked.isEmpty()) {
            return false;
        }
        if (cancelAsked.get()) {
            return end(id, JobResult.canceled());
        }
        Optional<Boolean> kept = untilWritten(id, () -> {
            fits.keep(model, command, properties.maxDuration());
            return true;
        });
        var result = model.result();
        Optional<Optional<Job>> completed = kept.isEmpty()
                ? Optional.empty()
                : completeUntilWritten(id, JobResult.succeeded(model.id(), result.epochs(), result.cost()));
        if (completed.isEmpty()) {
            return false;
        }
        if (completed.get().isEmpty()) {
            // Another run of the job finished first. If it succeeded, it kept the same model under the same
            // id (fits are deterministic): that model is the job's. Otherwise nobody will name this one.
            boolean named = untilWritten(
                            id,
                            () -> store.find(id)
                                    .map(Job::modelId)
                                    .filter(model.id()::equals)
                                    .isPresent())
                    .orElse(true);
            if (!named) {
                models.delete(model.id());
            }
        }
        return true;
    }

    /** Ends the job with {@code result}; false if the thread was interrupted first. */
    private boolean end(UUID id, JobResult result) {
        return completeUntilWritten(id, result).isPresent();
    }

    /**
     * Completes the job, trying again while Redis does not answer ({@link #untilWritten}); a try after one
     * that failed may find the job ended by that one, run late, and then announces its end. Empty if the
     * thread was interrupted.
     */
    private Optional<Optional<Job>> completeUntilWritten(UUID id, JobResult result) {
        AtomicBoolean tried = new AtomicBoolean();
        return untilWritten(
                id,
                () -> tried.getAndSet(true) ? completion.completeAgain(id, result) : completion.complete(id, result));
    }

    /**
     * Runs one of the writes that start or end a job until the store takes it, trying again each second while it
     * does not answer (or, Redis full, refuses), and keeps the job's lease meanwhile: its replica goes on
     * renewing it. A worker that let go of a job it had fitted would have another replica claim it and fit
     * it again, while this one is alive with the result. Empty if the thread was interrupted (the
     * application stops): then the job is left to another replica.
     */
    private <T> Optional<T> untilWritten(UUID id, Supplier<T> write) {
        boolean told = false;
        while (true) {
            try {
                return Optional.of(write.get());
            } catch (StoreUnavailableException e) {
                if (!told) {
                    log.warn(
                            "Job {}: its state cannot be written yet ({}); this worker keeps the job and tries again"
                                    + " each second",
                            id,
                            e.getMessage());
                    told = true;
                }
                try {
                    Thread.sleep(WRITE_RETRY.toMillis());
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    private boolean failed(UUID id, Throwable e) {
        log.error("Job {} failed unexpectedly", id, e);
        return end(id, JobResult.failed(new JobFailure.Unexpected()));
    }
}
