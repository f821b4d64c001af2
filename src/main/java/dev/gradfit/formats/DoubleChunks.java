package dev.gradfit.formats;

import dev.gradfit.memory.MemoryAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * A column of numbers of unknown length as a reader collects it: in chunks, each charged to the request's account
 * before it is allocated, then copied once into an array of its exact length. Growing one array by doubling would
 * hold the old and the new copy at once, up to three times the values; chunks hold the values and one chunk of
 * slack, and the copy at the end holds the column twice only while that one column is copied.
 */
public final class DoubleChunks {

    private static final int MIN_CHUNK = 1 << 10;
    private static final int MAX_CHUNK = 1 << 16;

    private final MemoryAccount account;
    private final List<double[]> chunks = new ArrayList<>();
    private double[] last;
    private int lastSize;
    private int size;

    public DoubleChunks(MemoryAccount account) {
        this.account = account;
    }

    public void add(double value) {
        if (last == null || lastSize == last.length) {
            int length = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size));
            account.charge(8L * length);
            last = new double[length];
            chunks.add(last);
            lastSize = 0;
        }
        last[lastSize++] = value;
        size++;
    }

    public int size() {
        return size;
    }

    /** The values in one array of their exact length, charged; each chunk is released once copied. */
    public double[] toArray() {
        account.charge(8L * size);
        double[] values = new double[size];
        int at = 0;
        for (double[] chunk : chunks) {
            int n = chunk == last ? lastSize : chunk.length;
            System.arraycopy(chunk, 0, values, at, n);
            at += n;
            account.release(8L * chunk.length);
        }
        clear();
        return values;
    }

    /** Hands every value to {@code to}, in order, releasing each chunk once passed on; nothing is left. */
    public void drain(DoubleConsumer to) {
        for (int c = 0; c < chunks.size(); c++) {
            double[] chunk = chunks.get(c);
            int n = chunk == last ? lastSize : chunk.length;
            for (int i = 0; i < n; i++) {
                to.accept(chunk[i]);
            }
            chunks.set(c, null);
            account.release(8L * chunk.length);
        }
        clear();
    }

    private void clear() {
        chunks.clear();
        last = null;
        lastSize = 0;
        size = 0;
    }
}
