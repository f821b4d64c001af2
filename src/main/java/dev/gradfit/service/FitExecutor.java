package dev.gradfit.service;

import dev.gradfit.config.ExecutorProperties;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs fits on a fixed number of threads with a short bounded queue, so that a burst of fits neither
 * piles up without limit nor takes the threads that serve predictions and reads.
 *
 * <p>A fit that finds every thread and queue slot taken is refused at once
 * ({@link FitCapacityExceededException}, 503 with {@code Retry-After}). The request thread waits for its
 * fit at most {@link ExecutorProperties#maxWait()}; a fit still running then is interrupted (the fitting
 * kernels stop at the next epoch) and reported as {@link FitTimedOutException}.
 */
@Component
public class FitExecutor implements DisposableBean {

    private final ThreadPoolExecutor executor;
    private final Duration maxWait;
    private final Duration retryAfter;

    FitExecutor(ExecutorProperties properties) {
        int threads = properties.effectiveThreads();
        BlockingQueue<Runnable> queue = properties.queueCapacity() == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(properties.queueCapacity());
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue, task -> {
            Thread thread = new Thread(task, "gradfit-fit-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.maxWait = properties.maxWait();
        this.retryAfter = properties.retryAfter();
    }

    /**
     * Runs {@code fit} on a fit thread and returns its result; exceptions it throws arrive unwrapped.
     *
     * @throws FitCapacityExceededException if no thread or queue slot is free
     * @throws FitTimedOutException if the fit did not finish within the configured wait
     */
    <T> T call(Callable<T> fit) {
        Future<T> future;
        try {
            future = executor.submit(fit);
        } catch (RejectedExecutionException e) {
            throw new FitCapacityExceededException(retryAfter);
        }
        try {
            return future.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            future.cancel(true);
            throw new FitTimedOutException(maxWait, retryAfter);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FitTimedOutException(maxWait, retryAfter);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancellationException) {
                throw new FitTimedOutException(maxWait, retryAfter);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a fit failed", cause);
        }
    }

    /** Fits running or waiting now, for metrics and tests. */
    int inFlight() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
