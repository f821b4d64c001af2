package dev.gradfit.service.jobs;

import dev.gradfit.fitting.train.EpochObserver;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobStore;
import dev.gradfit.model.StoreUnavailableException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The observer of a job's fit. Every epoch it reads the job's local cancel flag; at most once per
 * {@code gradfit.jobs.progress-interval} (and always at epoch 0) it records the progress in the job store,
 * appends a progress event, and polls the store for a cancel made in another process. It reads numbers
 * and changes none.
 */
final class ProgressReporter implements EpochObserver {

    private final UUID id;
    private final boolean withWeights;
    private final AtomicBoolean canceled;
    private final JobStore store;
    private final JobEventLog events;
    private final long intervalNanos;
    private boolean reported;
    private long lastReport;

    /**
     * @param weights the model's number of weights, every class's row counted; progress events carry the
     *     weights up to {@link JobEventData.JobProgress#MAX_WEIGHTS}
     * @param canceled raised when the job is canceled in this process
     */
    ProgressReporter(
            UUID id, long weights, AtomicBoolean canceled, JobStore store, JobEventLog events, Duration interval) {
        this.id = id;
        this.withWeights = weights <= JobEventData.JobProgress.MAX_WEIGHTS;
        this.canceled = canceled;
        this.store = store;
        this.events = events;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public boolean afterEpoch(Epoch epoch) {
        if (canceled.get()) {
            return false;
        }
        if (Thread.currentThread().isInterrupted()) {
            // The application is stopping: leave the job unfinished, as a worker that died would.
            throw new CancellationException("the job's worker was interrupted");
        }
        long now = System.nanoTime();
        if (reported && now - lastReport < intervalNanos) {
            return true;
        }
        reported = true;
        lastReport = now;
        try {
            store.progress(id, epoch.number(), epoch.cost());
            events.append(
                    id,
                    new JobEventData.JobProgress(
                            epoch.number(), epoch.cost(), epoch.learningRate(), withWeights ? epoch.weights() : null));
            // A job forgotten under a running fit (a shared store was wiped) has nobody to report to.
            return !store.find(id).map(Job::cancelRequested).orElse(true);
        } catch (StoreUnavailableException e) {
            // A shared store that does not answer misses this report; the fit goes on, its numbers untouched.
            return true;
        }
    }
}
