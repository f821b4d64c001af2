package dev.gradfit.formats;

import dev.gradfit.memory.MemoryAccount;
import java.util.ArrayList;
import java.util.List;

/** A column of integers (dictionary codes) collected in charged chunks, as {@link DoubleChunks} collects numbers. */
public final class IntChunks {

    private static final int MIN_CHUNK = 1 << 10;
    private static final int MAX_CHUNK = 1 << 16;

    private final MemoryAccount account;
    private final List<int[]> chunks = new ArrayList<>();
    private int[] last;
    private int lastSize;
    private int size;

    public IntChunks(MemoryAccount account) {
        this.account = account;
    }

    public void add(int value) {
        if (last == null || lastSize == last.length) {
            int length = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size));
            account.charge(4L * length);
            last = new int[length];
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
    public int[] toArray() {
        account.charge(4L * size);
        int[] values = new int[size];
        int at = 0;
        for (int[] chunk : chunks) {
            int n = chunk == last ? lastSize : chunk.length;
            System.arraycopy(chunk, 0, values, at, n);
            at += n;
            account.release(4L * chunk.length);
        }
        chunks.clear();
        last = null;
        lastSize = 0;
        size = 0;
        return values;
    }
}
