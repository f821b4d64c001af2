package dev.gradfit.formats.json;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.io.NumberOutput;
import tools.jackson.core.json.JsonGeneratorBase;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.json.UTF8JsonGenerator;

/**
 * Writes a long array of numbers into a JSON answer with the bytes Jackson's generator writes for it, but
 * with the numbers' text made on every core of the {@link NumberParsingPool}: 1e6 doubles are about 70 ms of
 * Schubfach on one core.
 *
 * <p>The array is cut into chunks of {@code chunkValues} elements at fixed offsets. Each chunk's text (its
 * elements and the commas before them) is made into a byte buffer by a helper thread, or by the writing
 * thread when no helper has started it yet, and the writing thread writes the chunks to the generator's
 * output stream in order. At most {@code inFlight} chunks are formatted ahead of the one being written, and
 * their buffers are kept for the next array, so an answer never becomes one string or byte array however long
 * it is.
 *
 * <p>Each double's text is {@link NumberOutput#toString(double, boolean)} with the generator's own choice
 * of writer (Schubfach or {@link Double#toString}), and each int's is {@link NumberOutput#outputInt}, which
 * is what {@code UTF8JsonGenerator} writes for them. Non-finite doubles are written as the generator writes
 * them, quoted or not by its {@link JsonWriteFeature#WRITE_NAN_AS_STRINGS}. A generator this cannot match
 * byte for byte (pretty-printed, numbers as strings, writing to characters rather than bytes) gets every
 * number through its own methods; each such fallback is counted in {@value #METER} with its reason.
 */
public final class NumberArrayWriter {

    /** The shortest array written in chunks; shorter ones are the generator's, which loses nothing on them. */
    public static final int MIN_VALUES = 8192;

    /** Counts the arrays of at least {@link #MIN_VALUES} elements, by how they were written. */
    public static final String METER = "gradfit.json.array.writes";

    /**
     * The longest text of an element and its comma: a double's is at most 24 bytes
     * ({@code -2.2250738585072014E-308}), a quoted {@code "-Infinity"}'s 11, an int's 11.
     */
    private static final int MAX_BYTES = 25;

    /** What one element's text is made by: it writes element {@code index} at {@code at} and says where it ended. */
    @FunctionalInterface
    interface ElementText {
        int write(int index, byte[] buffer, int at);
    }

    /** The doubles of an array by index, read without copying the array (a model's weights, say). */
    @FunctionalInterface
    public interface Doubles {
        double get(int index);
    }

    private final NumberParsingPool pool;
    private final int chunkValues;
    private final int inFlight;
    private final BlockingQueue<byte[]> spare;
    private final Counter chunked;
    private final MeterRegistry meters;

    /**
     * @param chunkValues the elements of one chunk
     * @param inFlight the most chunks formatted at once; also the most buffers kept for the next array
     */
    NumberArrayWriter(NumberParsingPool pool, int chunkValues, int inFlight, MeterRegistry meters) {
        if (chunkValues < 1 || inFlight < 1) {
            throw new IllegalArgumentException("chunkValues and inFlight must be at least 1");
        }
        this.pool = pool;
        this.chunkValues = chunkValues;
        this.inFlight = inFlight;
        this.spare = new ArrayBlockingQueue<>(inFlight);
        this.meters = meters;
        this.chunked = Counter.builder(METER)
                .description("Long JSON arrays in answers, by how they were written")
                .tag("writer", "chunked")
                .tag("reason", "none")
                .register(meters);
    }

    /** A writer on {@code pool}: chunks of 4,096 elements, two per thread that formats (the pool's and the caller's). */
    public static NumberArrayWriter on(NumberParsingPool pool, MeterRegistry meters) {
        return new NumberArrayWriter(pool, 4096, 2 * (Math.min(pool.helpers(), 6) + 1), meters);
    }

    /**
     * Writes {@code values} as a JSON array to {@code out} in chunks, if {@code out} is a generator whose
     * bytes this can match.
     *
     * @return false, having written nothing, when the generator must write the array itself
     */
    public boolean write(JsonGenerator out, Object array, int length, Doubles values) {
        if (length < MIN_VALUES) {
            return false;
        }
        String refused = refusal(out);
        if (refused != null) {
            return fallback(refused);
        }
        boolean fast = out.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
        boolean nanAsString = ((JsonGeneratorBase) out).isEnabled(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
        stream(out, array, length, (index, buffer, at) -> {
            double value = values.get(index);
            boolean quoted = nanAsString && !Double.isFinite(value);
            if (quoted) {
                buffer[at++] = '"';
            }
            String text = NumberOutput.toString(value, fast);
            for (int i = 0, n = text.length(); i < n; i++) {
                buffer[at++] = (byte) text.charAt(i);
            }
            if (quoted) {
                buffer[at++] = '"';
            }
            return at;
        });
        return true;
    }

    /** As {@link #write(JsonGenerator, Object, int, Doubles)}, for an array of ints. */
    public boolean write(JsonGenerator out, int[] values) {
        if (values.length < MIN_VALUES) {
            return false;
        }
        String refused = refusal(out);
        if (refused != null) {
            return fallback(refused);
        }
        stream(out, values, values.length, (index, buffer, at) -> NumberOutput.outputInt(values[index], buffer, at));
        return true;
    }

    /** Why {@code out}'s bytes for an array could differ from what this writes, or null if they cannot. */
    private static String refusal(JsonGenerator out) {
        if (!(out instanceof UTF8JsonGenerator utf8) || !(out.streamWriteOutputTarget() instanceof OutputStream)) {
            return "not-a-byte-stream";
        }
        if (out.getPrettyPrinter() != null) {
            return "pretty-printed";
        }
        if (utf8.isEnabled(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)) {
            return "numbers-as-strings";
        }
        return null;
    }

    private boolean fallback(String reason) {
        Counter.builder(METER)
                .description("Long JSON arrays in answers, by how they were written")
                .tag("writer", "generator")
                .tag("reason", reason)
                .register(meters)
                .increment();
        return false;
    }

    /**
     * The array's brackets through the generator, and its elements straight to the stream under it: the
     * generator's buffer is emptied into the stream first (without flushing the stream itself, which would
     * commit a response before it must be), so the bytes stay in order.
     */
    private void stream(JsonGenerator out, Object array, int length, ElementText text) {
        out.writeStartArray(array, length);
        boolean passFlush = out.isEnabled(StreamWriteFeature.FLUSH_PASSED_TO_STREAM);
        out.configure(StreamWriteFeature.FLUSH_PASSED_TO_STREAM, false);
        try {
            out.flush();
        } finally {
            out.configure(StreamWriteFeature.FLUSH_PASSED_TO_STREAM, passFlush);
        }
        try {
            writeElements((OutputStream) out.streamWriteOutputTarget(), length, text);
        } catch (IOException e) {
            throw JacksonIOException.construct(e, out);
        }
        out.writeEndArray();
        chunked.increment();
    }

    /** One chunk's text: the first {@code length} bytes of {@code bytes}. */
    private record Text(byte[] bytes, int length) {}

    /** Writes elements {@code 0 … length-1}, comma-separated and without brackets, to {@code out}. */
    void writeElements(OutputStream out, int length, ElementText text) throws IOException {
        int chunks = (length + chunkValues - 1) / chunkValues;
        ArrayDeque<FutureTask<Text>> pending = new ArrayDeque<>(inFlight);
        int next = 0;
        boolean finished = false;
        try {
            while (next < chunks && pending.size() < inFlight) {
                pending.add(submit(next++, length, text));
            }
            while (!pending.isEmpty()) {
                FutureTask<Text> head = pending.peekFirst();
                // Format whatever no helper has started, in order, rather than wait for the head.
                for (FutureTask<Text> task : pending) {
                    if (head.isDone()) {
                        break;
                    }
                    task.run();
                }
                Text chunk = result(head);
                pending.pollFirst();
                out.write(chunk.bytes(), 0, chunk.length());
                spare.offer(chunk.bytes());
                if (next < chunks) {
                    pending.add(submit(next++, length, text));
                }
            }
            finished = true;
        } finally {
            if (!finished) {
                // The client went away or a chunk failed: formatting the rest would be wasted. A chunk a
                // helper is formatting keeps its buffer until it ends, and the buffer is then dropped.
                pending.forEach(task -> task.cancel(false));
            }
        }
    }

    private FutureTask<Text> submit(int chunk, int length, ElementText text) {
        int from = chunk * chunkValues;
        int to = Math.min(length, from + chunkValues);
        FutureTask<Text> task = new FutureTask<>(() -> {
            byte[] buffer = buffer();
            int at = 0;
            for (int i = from; i < to; i++) {
                if (i > 0) {
                    buffer[at++] = ',';
                }
                at = text.write(i, buffer, at);
            }
            return new Text(buffer, at);
        });
        pool.execute(task);
        return task;
    }

    private byte[] buffer() {
        byte[] buffer = spare.poll();
        return buffer != null ? buffer : new byte[chunkValues * MAX_BYTES];
    }

    private static Text result(FutureTask<Text> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing an array", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
