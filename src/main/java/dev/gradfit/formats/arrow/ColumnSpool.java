package dev.gradfit.formats.arrow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.arrow.memory.ArrowBuf;

/**
 * The values of one column, as the stream's batches bring them, packed end to end in Arrow memory. Each
 * batch's values are copied here and its body is freed at once, so that a stream costs about its values
 * however many batches it is cut into: one body rounded up to 4 KB per batch of a stream of one-row batches
 * would be a hundred times its size. Chunks grow with the column (4 KB to 8 MB, multiples of 8 bytes, so that
 * no value straddles two), so that a short column takes little and a long one wastes at most one chunk.
 */
final class ColumnSpool implements AutoCloseable {

    private static final long MIN_CHUNK = 4096;
    private static final long MAX_CHUNK = 8 << 20;

    private final ArrowColumn kind;
    private final LongFunction<ArrowBuf> allocate;
    private final List<ArrowBuf> chunks = new ArrayList<>();
    private long size;
    private long lastFree;

    /** @param allocate a buffer of at least the bytes asked for, from the read's allocator */
    ColumnSpool(ArrowColumn kind, LongFunction<ArrowBuf> allocate) {
        this.kind = kind;
        this.allocate = allocate;
    }

    /** Appends {@code bytes} bytes of {@code from}, starting at {@code offset}. */
    void append(ArrowBuf from, long offset, long bytes) {
        while (bytes > 0) {
            if (lastFree == 0) {
                ArrowBuf chunk = allocate.apply(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size)));
                chunks.add(chunk);
                // The allocator may round the capacity up (to a multiple of 4 KB): all of it is used.
                lastFree = chunk.capacity();
            }
            ArrowBuf last = chunks.get(chunks.size() - 1);
            long n = Math.min(bytes, lastFree);
            last.setBytes(last.capacity() - lastFree, from, offset, n);
            lastFree -= n;
            size += n;
            offset += n;
            bytes -= n;
        }
    }

    /**
     * Copies every value to {@code to[start]}, {@code to[start + stride]}, ... and frees each chunk once
     * copied.
     *
     * @param column the column's name, for an error
     */
    void copyTo(double[] to, int start, int stride, String column) {
        long row = 0;
        for (int c = 0; c < chunks.size(); c++) {
            ArrowBuf chunk = chunks.get(c);
            long used = c == chunks.size() - 1 ? chunk.capacity() - lastFree : chunk.capacity();
            int rows = (int) (used / kind.width());
            kind.copy(chunk, rows, to, Math.toIntExact(start + row * stride), stride, column, row);
            chunk.close();
            chunks.set(c, null);
            row += rows;
        }
        chunks.clear();
    }

    @Override
    public void close() {
        for (ArrowBuf chunk : chunks) {
            if (chunk != null) {
                chunk.close();
            }
        }
        chunks.clear();
    }
}
