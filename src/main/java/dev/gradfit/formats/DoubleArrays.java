package dev.gradfit.formats;

import dev.gradfit.memory.MemoryAccount;

/**
 * The arrays readers fill, charged to the request's account of of the in-flight memory budget: the arrays of a
 * body, growth copies included, are what its reading makes live.
 */
public final class DoubleArrays {

    private DoubleArrays() {}

    /** A new array for a reader to fill, charged before it is allocated. */
    public static double[] allocate(MemoryAccount account, int length) {
        account.charge(8L * length);
        return new double[length];
    }

    /**
     * The same values in an array twice as long. The copy is charged before it is made, while the old array
     * is still live; the old one is released once copied.
     */
    public static double[] grow(MemoryAccount account, double[] values) {
        double[] longer = allocate(account, values.length * 2);
        System.arraycopy(values, 0, longer, 0, values.length);
        account.release(8L * values.length);
        return longer;
    }

    /** The first {@code size} values in an array of their own length, unless they fill it already. */
    public static double[] trim(MemoryAccount account, double[] values, int size) {
        if (size == values.length) {
            return values;
        }
        double[] exact = allocate(account, size);
        System.arraycopy(values, 0, exact, 0, size);
        account.release(8L * values.length);
        return exact;
    }
}
