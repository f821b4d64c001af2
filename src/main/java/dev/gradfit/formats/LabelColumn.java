package dev.gradfit.formats;

import dev.gradfit.memory.MemoryAccount;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Class labels as a reader collects them, one per point: repeated labels share one String, and the heap they take
 * is charged to the request's account as they come, as {@link DoubleArrays} charges numbers.
 */
public final class LabelColumn {

    /**
     * The heap one distinct label is charged with: the String and its array's headers and two bytes per character
     * (Latin-1 strings take one; the charge errs on the safe side). Repeated labels share one String, so each
     * further point costs a reference.
     */
    public static final long LABEL_OVERHEAD_BYTES = 56;

    /** The heap of one reference in the array of labels. */
    public static final long REFERENCE_BYTES = 8;

    /** Heap counted between two charges to the account, so that a charge is not made per label. */
    private static final long CHARGE_EVERY_BYTES = 64 << 10;

    private final MemoryAccount account;
    private final Map<String, String> distinct = new HashMap<>();
    private String[] labels;
    private int size;
    private long uncharged;

    public LabelColumn(MemoryAccount account) {
        this.account = account;
        account.charge(REFERENCE_BYTES * 16);
        this.labels = new String[16];
    }

    /** Appends a label; one equal to a label seen before is stored as that one. */
    public void add(String label) {
        String shared = distinct.putIfAbsent(label, label);
        if (shared == null) {
            shared = label;
            uncharged += LABEL_OVERHEAD_BYTES + 2L * label.length();
        }
        if (size == labels.length) {
            account.charge(uncharged + REFERENCE_BYTES * 2 * labels.length);
            uncharged = 0;
            labels = Arrays.copyOf(labels, 2 * labels.length);
            account.release(REFERENCE_BYTES * (labels.length / 2));
        }
        labels[size++] = shared;
        if (uncharged >= CHARGE_EVERY_BYTES) {
            account.charge(uncharged);
            uncharged = 0;
        }
    }

    /** The labels added so far. */
    public int size() {
        return size;
    }

    /** The labels, one per point, in an array of their own length. */
    public String[] toArray() {
        account.charge(uncharged + REFERENCE_BYTES * size);
        uncharged = 0;
        String[] exact = Arrays.copyOf(labels, size);
        account.release(REFERENCE_BYTES * labels.length);
        labels = exact;
        return exact;
    }
}
