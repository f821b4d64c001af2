package dev.gradfit.formats.json;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Parses a JSON array of numbers ({@code [1, 2]}) or of rows of numbers ({@code [[1, 2], [3, 4]]}) straight
 * from UTF-8 bytes, with {@link JavaDoubleParser}'s correctly rounded byte parser ({@link Double#parseDouble}'s
 * result, bit for bit). Long arrays are cut into chunks of {@link #CHUNK_BYTES} at fixed offsets and parsed on
 * every core; a chunk always yields the same values whichever thread parses it, so the result never depends
 * on timing.
 *
 * <p>It accepts only what it can read exactly as Jackson would: strict JSON numbers no longer than
 * {@code maxNumberLength - 2} characters, finite as doubles, JSON whitespace, rows of equal non-zero length.
 * Anything else (a string, an object row, a bad or infinite number, a ragged row, a truncated body) gives
 * {@code null}, and the caller lets Jackson read the body instead, which names the element and the reason.
 */
public final class NumberArrayParser {

    /** Body bytes per chunk; chunks start at fixed offsets from the array's {@code [}. */
    public static final int CHUNK_BYTES = 1 << 20;

    /**
     * An array read: its values row-major, the number of rows and of columns ({@code columns} is 1 and
     * {@code matrix} false for a flat array), and the index just after its closing {@code ]}.
     */
    public record Parsed(double[] values, int rows, int columns, boolean matrix, int end) {}

    private final NumberParsingPool pool;
    private final int chunkBytes;
    private final int maxNumberLength;

    NumberParsingPool pool() {
        return pool;
    }

    int chunkBytes() {
        return chunkBytes;
    }

    public NumberArrayParser(NumberParsingPool pool, int maxNumberLength) {
        this(pool, CHUNK_BYTES, maxNumberLength);
    }

    public NumberArrayParser(NumberParsingPool pool, int chunkBytes, int maxNumberLength) {
        this.pool = pool;
        this.chunkBytes = chunkBytes;
        this.maxNumberLength = maxNumberLength;
    }

    /**
     * Parses the non-empty array whose {@code [} is at {@code open}.
     *
     * @return the values, or {@code null} when the array is not one this parser reads exactly
     */
    public Parsed parse(byte[] body, int open, int length, MemoryAccount account) {
        int first = skipWhitespace(body, open + 1, length);
        if (first >= length || body[first] == ']') {
            return null;
        }
        boolean matrix = body[first] == '[';
        int chunks = (int) (((long) length - open - 1 + chunkBytes - 1) / chunkBytes);
        Chunk[] results = new Chunk[chunks];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger last = new AtomicInteger(Integer.MAX_VALUE);
        AtomicReference<ServerBusyException> refused = new AtomicReference<>();
        Runnable work = () -> {
            for (int k; (k = next.getAndIncrement()) < chunks && k <= last.get(); ) {
                Chunk chunk;
                try {
                    chunk = parseChunk(body, open, length, k, matrix, account);
                } catch (ServerBusyException busy) {
                    // The budget refused a chunk's array: the other threads stop too, and the caller is told.
                    refused.compareAndSet(null, busy);
                    last.set(-1);
                    return;
                }
                results[k] = chunk;
                if (chunk == null || chunk.end >= 0) {
                    last.accumulateAndGet(k, Math::min);
                }
            }
        };
        runEverywhere(work, chunks);
        if (refused.get() != null) {
            throw refused.get();
        }
        return join(results, last.get(), matrix, account);
    }

    private void runEverywhere(Runnable work, int chunks) {
        int helpers = Math.min(pool.helpers(), chunks - 1);
        Future<?>[] futures = new Future<?>[helpers];
        for (int i = 0; i < helpers; i++) {
            futures[i] = pool.submit(work);
        }
        work.run();
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parsing numbers", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("number parsing failed", e.getCause());
            }
        }
    }

    /** The chunks up to the one that found the end, in order, as one array; {@code null} if any failed. */
    private static Parsed join(Chunk[] results, int last, boolean matrix, MemoryAccount account) {
        if (last == Integer.MAX_VALUE || results[last] == null || results[last].end < 0) {
            return null;
        }
        long total = 0;
        int columns = -1;
        for (int k = 0; k <= last; k++) {
            Chunk chunk = results[k];
            if (chunk == null) {
                return null;
            }
            if (chunk.count > 0 && matrix) {
                if (columns < 0) {
                    columns = chunk.columns;
                } else if (columns != chunk.columns) {
                    return null;
                }
            }
            total += chunk.count;
        }
        if (total > Integer.MAX_VALUE - 8) {
            return null;
        }
        double[] values;
        if (last == 0 && results[0].values.length == total) {
            values = results[0].values;
        } else {
            values = DoubleArrays.allocate(account, (int) total);
            int at = 0;
            for (int k = 0; k <= last; k++) {
                System.arraycopy(results[k].values, 0, values, at, results[k].count);
                at += results[k].count;
            }
        }
        int width = matrix ? columns : 1;
        return new Parsed(values, (int) (total / width), width, matrix, results[last].end);
    }

    /**
     * The values whose element starts in chunk {@code k}: the chunk starts after the first separator at or
     * past its offset (a comma between numbers, or the {@code [} of a row) and ends at the first separator
     * at or past the next chunk's offset, or at the array's {@code ]}.
     */
    private Chunk parseChunk(byte[] body, int open, int length, int k, boolean matrix, MemoryAccount account) {
        try {
            long from = open + 1 + (long) k * chunkBytes;
            long to = from + chunkBytes;
            int p;
            if (k == 0) {
                p = open + 1;
            } else {
                p = (int) from;
                byte wanted = matrix ? (byte) '[' : (byte) ',';
                while (p < length && body[p] != wanted) {
                    p++;
                }
                if (p >= length) {
                    return null;
                }
                if (p >= to) {
                    // The element that starts here belongs to a later chunk.
                    return new Chunk(0, account);
                }
                if (!matrix) {
                    p++;
                }
            }
            int capacity = (int) (Math.min(chunkBytes, length - p) / 12);
            return matrix ? rows(body, p, length, to, capacity, account) : flat(body, p, length, to, capacity, account);
        } catch (ServerBusyException refused) {
            throw refused;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private Chunk flat(byte[] body, int p, int length, long to, int capacity, MemoryAccount account) {
        Chunk chunk = new Chunk(capacity, account);
        while (true) {
            p = skipWhitespace(body, p, length);
            p = number(body, p, length, chunk);
            if (p < 0) {
                return null;
            }
            p = skipWhitespace(body, p, length);
            if (p >= length) {
                return null;
            }
            byte c = body[p];
            if (c == ']') {
                chunk.end = p + 1;
                return chunk;
            }
            if (c != ',') {
                return null;
            }
            if (p >= to) {
                return chunk;
            }
            p++;
        }
    }

    /** {@code p} is at or before the {@code [} of the chunk's first row. */
    private Chunk rows(byte[] body, int p, int length, long to, int capacity, MemoryAccount account) {
        Chunk chunk = new Chunk(capacity, account);
        while (true) {
            p = skipWhitespace(body, p, length);
            if (p >= length || body[p] != '[') {
                return null;
            }
            int before = chunk.count;
            p++;
            while (true) {
                p = skipWhitespace(body, p, length);
                p = number(body, p, length, chunk);
                if (p < 0) {
                    return null;
                }
                p = skipWhitespace(body, p, length);
                if (p >= length) {
                    return null;
                }
                byte c = body[p++];
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    return null;
                }
            }
            int width = chunk.count - before;
            if (chunk.columns < 0) {
                chunk.columns = width;
            } else if (width != chunk.columns) {
                return null;
            }
            p = skipWhitespace(body, p, length);
            if (p >= length) {
                return null;
            }
            byte c = body[p];
            if (c == ']') {
                chunk.end = p + 1;
                return chunk;
            }
            if (c != ',') {
                return null;
            }
            p = skipWhitespace(body, p + 1, length);
            if (p >= to) {
                return chunk;
            }
        }
    }

    /**
     * Reads the strict JSON number at {@code p} into the chunk; returns the index after it, or -1 when there is
     * no number there, it is longer than Jackson reads without complaint, or it is not finite.
     *
     * <p>A number of at most 2^53 significant units and a power of ten within 10^±22 is one exact
     * multiplication or division of two exact doubles, so IEEE arithmetic rounds it correctly (Clinger's
     * fast path); every other number goes to {@link JavaDoubleParser}.
     */
    int number(byte[] body, int p, int length, Chunk chunk) {
        int start = p;
        boolean negative = false;
        if (p < length && body[p] == '-') {
            negative = true;
            p++;
        }
        if (p >= length) {
            return -1;
        }
        long significand = 0;
        int digits = 0;
        int exponent = 0;
        int c = body[p] - '0';
        if (c == 0) {
            p++;
        } else if (c > 0 && c <= 9) {
            while (p < length && (c = body[p] - '0') >= 0 && c <= 9) {
                if (digits < 18) {
                    significand = significand * 10 + c;
                    digits++;
                } else {
                    exponent++;
                    digits = 99;
                }
                p++;
            }
        } else {
            return -1;
        }
        if (p < length && body[p] == '.') {
            int first = ++p;
            while (p < length && (c = body[p] - '0') >= 0 && c <= 9) {
                if (digits < 18) {
                    significand = significand * 10 + c;
                    if (significand != 0) {
                        digits++;
                    }
                    exponent--;
                } else {
                    digits = 99;
                }
                p++;
            }
            if (p == first) {
                return -1;
            }
        }
        if (p < length && (body[p] == 'e' || body[p] == 'E')) {
            p++;
            boolean down = false;
            if (p < length && (body[p] == '+' || body[p] == '-')) {
                down = body[p] == '-';
                p++;
            }
            int first = p;
            int power = 0;
            while (p < length && (c = body[p] - '0') >= 0 && c <= 9) {
                power = Math.min(power * 10 + c, 100_000);
                p++;
            }
            if (p == first) {
                return -1;
            }
            exponent += down ? -power : power;
        }
        if (p - start > maxNumberLength - 2) {
            return -1;
        }
        double value;
        if (digits <= 18 && significand <= 1L << 53 && exponent >= -22 && exponent <= 22) {
            double exact = significand;
            value = exponent < 0 ? exact / POWERS_OF_TEN[-exponent] : exact * POWERS_OF_TEN[exponent];
            value = negative ? -value : value;
        } else {
            value = JavaDoubleParser.parseDouble(body, start, p - start);
        }
        if (!Double.isFinite(value)) {
            return -1;
        }
        chunk.add(value);
        return p;
    }

    /** 10^0 to 10^22, every one exact as a double. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };

    public static int skipWhitespace(byte[] body, int p, int length) {
        while (p < length) {
            byte c = body[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return p;
            }
            p++;
        }
        return p;
    }

    /** The values of one chunk; {@code end} is the index after the array's {@code ]} when the chunk holds it. */
    static final class Chunk {
        private final MemoryAccount account;
        double[] values;
        int count;
        int columns = -1;
        int end = -1;

        Chunk(int capacity, MemoryAccount account) {
            this.account = account;
            int length = Math.max(16, capacity);
            account.charge(8L * length);
            values = new double[length];
        }

        void add(double value) {
            if (count == values.length) {
                int longer = values.length + (values.length >> 1);
                account.charge(8L * longer); // the copy, while the old array is still live
                double[] old = values;
                values = java.util.Arrays.copyOf(values, longer);
                account.release(8L * old.length);
            }
            values[count++] = value;
        }
    }
}
