package dev.gradfit.service.jobs;

import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.model.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The threads that run jobs, {@code gradfit.jobs.workers} of them, apart from the fit executor's: a job may
 * run for as long as {@code gradfit.jobs.max-duration} without taking a thread from synchronous fits or
 * being stopped by {@code gradfit.executor.max-wait}. Each takes a job from the queue, runs it, and takes
 * the next. They start with the application and are interrupted when it stops. No failure of a job ends a
 * worker (an {@link Error} included); should one end anyway, a new worker of the same name takes its place.
 */
@Component
class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);

    /** How long a worker waits on the queue before it looks whether it should stop. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final JobQueue queue;
    private final JobRunner runner;
    private final int count;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    JobWorkers(JobQueue queue, JobRunner runner, JobProperties properties) {
        this.queue = queue;
        this.runner = runner;
        this.count = properties.workers();
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 1; i <= count; i++) {
            startWorker("gradfit-job-" + i);
        }
    }

    private void startWorker(String name) {
        Thread thread = new Thread(this::work, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(this::replace);
        thread.start();
        threads.add(thread);
    }

    /** Starts a worker in place of one that a throwable ended, unless the workers are stopping. */
    private synchronized void replace(Thread dead, Throwable cause) {
        log.error("Job worker {} died; a new one takes its place", dead.getName(), cause);
        if (running && threads.remove(dead)) {
            startWorker(dead.getName());
        }
    }

    /** The workers alive now, for tests. */
    synchronized List<Thread> threads() {
        return List.copyOf(threads);
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                Optional<JobLease> lease = queue.take(POLL);
                lease.ifPresent(runner::run);
            } catch (InterruptedException e) {
                return;
            } catch (StoreUnavailableException e) {
                // The shared store is down: wait for it rather than spin; the queue hands the job out again.
                log.warn("A job worker cannot reach the job store ({}); it tries again in a second", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stopping) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                // An Error too (a job's OutOfMemoryError the runner did not meet): the worker is the only thing
                // that takes jobs off the queue, and a thread that ended would leave every later job QUEUED.
                log.error("A job worker met an unexpected error and goes on", e);
            }
        }
    }
}
