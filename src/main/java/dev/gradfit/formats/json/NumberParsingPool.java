package dev.gradfit.formats.json;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads that help {@link NumberArrayParser} parse a long array's chunks, one fewer than the cores (the
 * caller's thread parses too). Whoever creates it closes it: the application's context, when it shuts down.
 */
public final class NumberParsingPool implements AutoCloseable {

    private final ExecutorService threads;
    private final int helpers;

    /** @param helpers the threads besides the caller's; 0 parses on the caller's thread alone */
    public NumberParsingPool(int helpers) {
        this.helpers = Math.max(0, helpers);
        this.threads = this.helpers == 0
                ? null
                : Executors.newFixedThreadPool(this.helpers, task -> {
                    Thread thread = new Thread(task, "gradfit-json-numbers");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** A pool with a helper for every core but the caller's. */
    public static NumberParsingPool everyCore() {
        return new NumberParsingPool(Runtime.getRuntime().availableProcessors() - 1);
    }

    int helpers() {
        return helpers;
    }

    Future<?> submit(Runnable work) {
        return threads.submit(work);
    }

    /** Runs {@code work} on a helper; with no helpers, the caller runs it when it asks for its result. */
    void execute(Runnable work) {
        if (threads != null) {
            threads.execute(work);
        }
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
