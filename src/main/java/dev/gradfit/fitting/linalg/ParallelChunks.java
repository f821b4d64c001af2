package dev.gradfit.fitting.linalg;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the chunks of a loop over rows on the calling thread and on helpers from a pool, in a way that
 * keeps results bit for bit the same whatever the number of threads.
 *
 * <p>Determinism comes from the callers' side of the contract: chunk boundaries depend only on the
 * shape of the data (never on the pool's size or on timing), each chunk writes its partial result into
 * its own slot, and the caller combines the slots in chunk order once {@link #run} returns. Which thread
 * ran which chunk then makes no difference to the bits.
 *
 * <p>The caller claims chunks itself, so a busy or single-threaded pool only slows a loop down and can
 * never stall it: helpers that start after the last chunk was claimed find nothing to do.
 */
public final class ParallelChunks {

    /** Values (rows × columns) per chunk: 256 KiB of doubles, so that a chunk stays in the L2 cache. */
    static final int CHUNK_VALUES = 1 << 15;

    /** Below this many values a loop runs on the calling thread alone: dispatch would cost more. */
    public static final long PARALLEL_MIN_VALUES = 1 << 16;

    private static final class SharedPool {
        static final ForkJoinPool INSTANCE =
                new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    private ParallelChunks() {}

    /**
     * The pool that kernels use unless given one: one worker per available processor, daemon threads,
     * created on first use.
     */
    public static ForkJoinPool sharedPool() {
        return SharedPool.INSTANCE;
    }

    /** Rows per chunk for data with {@code columns} features: a function of the shape alone. */
    public static int chunkRows(int columns) {
        return Math.max(1, CHUNK_VALUES / Math.max(1, columns));
    }

    /**
     * The most partial sums a chunked loop keeps, chunks × values a slot: 4 Mi doubles, 32 MiB. Without a bound, a
     * million rows of 900 one-hot columns cut into chunks of 36 rows would keep 300 MB of partial sums.
     */
    public static final long MAX_PARTIAL_VALUES = 1L << 22;

    /**
     * Rows per chunk for a loop over {@code rows} rows that touches {@code valuesPerRow} values a row (the columns
     * of dense rows, the values sparse rows store) and keeps {@code slot} partial sums a chunk: {@link #CHUNK_VALUES}
     * values a chunk, enlarged where needed so that chunks × {@code slot} stays within {@link #MAX_PARTIAL_VALUES}.
     * A function of the shape alone, never of the threads.
     *
     * @throws IllegalArgumentException if one slot alone is more than {@link #MAX_PARTIAL_VALUES}: see {@link
     *     #fitsPartials}
     */
    public static int chunkRows(int rows, long valuesPerRow, long slot) {
        if (!fitsPartials(slot)) {
            throw new IllegalArgumentException(
                    "a slot of " + slot + " partial sums is more than the limit of " + MAX_PARTIAL_VALUES);
        }
        long byValues = Math.max(1, CHUNK_VALUES / Math.max(1, valuesPerRow));
        long maxChunks = MAX_PARTIAL_VALUES / Math.max(1, slot);
        long byPartials = ((long) rows + maxChunks - 1) / maxChunks;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(byValues, byPartials));
    }

    /** Whether a chunked loop can keep {@code slot} partial sums a chunk: at least one chunk's within the bound. */
    public static boolean fitsPartials(long slot) {
        return slot <= MAX_PARTIAL_VALUES;
    }

    /** The number of chunks of {@code chunkRows} rows that cover {@code rows} rows. */
    public static int chunkCount(int rows, int chunkRows) {
        return (int) (((long) rows + chunkRows - 1) / chunkRows);
    }

    /**
     * Calls {@code body.accept(c)} once for every chunk {@code c} in {@code [0, chunks)}, on this thread
     * and, when {@code parallel}, on up to {@code pool.getParallelism()} helpers; returns when every
     * chunk is done.
     *
     * @throws CancellationException if this thread is interrupted while it waits for helpers
     * @throws RuntimeException the first exception a chunk threw
     */
    public static void run(int chunks, boolean parallel, ForkJoinPool pool, IntConsumer body) {
        if (!parallel || chunks < 2 || pool.getParallelism() < 1) {
            for (int c = 0; c < chunks; c++) {
                body.accept(c);
            }
            return;
        }
        Job job = new Job(chunks, body);
        int helpers = Math.min(chunks - 1, pool.getParallelism());
        for (int h = 0; h < helpers; h++) {
            pool.execute(job::work);
        }
        job.work();
        job.await();
    }

    private static final class Job {
        private final int chunks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int chunks, IntConsumer body) {
            this.chunks = chunks;
            this.body = body;
            this.done = new CountDownLatch(chunks);
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    if (failure.get() == null) {
                        body.accept(c);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the chunks of a kernel");
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }
}
