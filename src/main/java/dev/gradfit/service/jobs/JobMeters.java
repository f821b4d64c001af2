package dev.gradfit.service.jobs;

import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobFailure;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.QueuedJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The meters and log lines of jobs. In Prometheus: {@code gradfit_jobs_queued} (jobs waiting),
 * {@code gradfit_jobs_running} (jobs this process is fitting), {@code gradfit_jobs_finished_total} (tagged
 * {@code status} = succeeded, failed or canceled) and {@code gradfit_jobs_refused_total} (submissions refused
 * for a full queue). Their fits are also counted in the fit meters. Log lines name jobs and sizes, never data.
 */
@Component
class JobMeters {

    private static final Logger log = LoggerFactory.getLogger(JobMeters.class);

    private final MeterRegistry registry;
    private final Counter refused;

    /** Without a meter registry (slice tests), the meters go to Micrometer's global one, which drops them. */
    JobMeters(ObjectProvider<MeterRegistry> registries, JobQueue queue, RunningJobs running) {
        this.registry = registries.getIfAvailable(() -> Metrics.globalRegistry);
        Gauge.builder("gradfit.jobs.queued", queue, JobQueue::waitingLastCounted)
                .description("Jobs waiting for a worker")
                .register(registry);
        Gauge.builder("gradfit.jobs.running", running, RunningJobs::count)
                .description("Jobs this process is fitting now")
                .register(registry);
        this.refused = Counter.builder("gradfit.jobs.refused")
                .description("Job submissions refused because the queue was full")
                .register(registry);
    }

    void queued(Job job, QueuedJob queued) {
        var data = queued.command().data();
        log.info(
                "Job {} queued: {} points x {} features, {} epochs",
                job.id(),
                data.rows(),
                data.columns(),
                job.epochs());
    }

    void refused() {
        refused.increment();
        log.warn("Job refused: the queue is full");
    }

    void started(Job job) {
        log.info("Job {} started", job.id());
    }

    void finished(Job job) {
        Counter.builder("gradfit.jobs.finished")
                .description("Jobs finished, by status")
                .tag("status", job.status().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
        switch (job.status()) {
            case SUCCEEDED ->
                log.info("Job {} succeeded after {} epochs: model {}", job.id(), job.epoch(), job.modelId());
            case FAILED ->
                log.info("Job {} failed after {} epochs: {}", job.id(), job.epoch(), describe(job.failure()));
            default -> log.info("Job {} canceled after {} epochs", job.id(), job.epoch());
        }
    }

    private static String describe(JobFailure failure) {
        if (failure instanceof JobFailure.Diverged diverged) {
            return "diverged at epoch " + diverged.epoch();
        }
        if (failure instanceof JobFailure.OutOfMemory) {
            return "out of memory";
        }
        return failure instanceof JobFailure.InvalidRequest ? "invalid request" : "unexpected error";
    }
}
