package dev.gradfit.formats.json;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The values of parsed pieces of an array written back as JSON text, a value at a time as Jackson reads:
 * numbers by {@link Double#toString}, which reads back to the same bits, rows of each piece's width, each
 * piece followed by a comma, or by the array's {@code ]} when the last one ends it. Jackson then reads every
 * element at the index, and in the row, it had in the body.
 */
final class ValuesText extends InputStream {

    private final List<NumberArrayParser.Chunk> chunks;
    private final boolean matrix;
    private final boolean endsArray;
    private int chunk;
    private int value;
    private byte[] pending = new byte[0];
    private int at;
    private long written;

    ValuesText(List<NumberArrayParser.Chunk> chunks, boolean matrix, boolean endsArray) {
        this.chunks = chunks;
        this.matrix = matrix;
        this.endsArray = endsArray;
    }

    @Override
    public int read() {
        if (at == pending.length && !next()) {
            return -1;
        }
        return pending[at++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int n = 0;
        while (n < length) {
            if (at == pending.length && !next()) {
                break;
            }
            int take = Math.min(length - n, pending.length - at);
            System.arraycopy(pending, at, into, offset + n, take);
            at += take;
            n += take;
        }
        return n == 0 ? -1 : n;
    }

    /** The text of the next value with its punctuation; false when all are written. */
    private boolean next() {
        if (chunk == chunks.size()) {
            return false;
        }
        NumberArrayParser.Chunk current = chunks.get(chunk);
        int width = matrix ? current.columns : 1;
        StringBuilder text = new StringBuilder(32);
        if (matrix && value % width == 0) {
            text.append('[');
        }
        text.append(current.values[value]);
        value++;
        boolean rowEnds = value % width == 0;
        if (matrix && rowEnds) {
            text.append(']');
        }
        if (value == current.count) {
            chunk++;
            value = 0;
            text.append(chunk == chunks.size() && endsArray ? ']' : ',');
        } else {
            text.append(',');
        }
        pending = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        at = 0;
        written += pending.length;
        return true;
    }

    /** Whether every value has been read. */
    boolean finished() {
        return chunk == chunks.size() && at == pending.length;
    }

    /** The bytes of text made so far: all of it, once {@link #finished}. */
    long written() {
        return written;
    }
}
