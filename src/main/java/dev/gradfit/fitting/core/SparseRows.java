package dev.gradfit.fitting.core;

import java.util.Objects;

/**
 * Features kept by row with their zeros left out (compressed sparse rows): row {@code i}'s non-zero features are
 * {@code values[k]} in columns {@code columnIndex[k]} for {@code rowStart[i] ≤ k < rowStart[i + 1]}, in increasing
 * column order. A table's design is mostly zeros (a one-hot block of 50 levels holds one 1 a row), so it is kept
 * this way rather than as {@code rows × columns} doubles.
 *
 * <p>The arrays are held, not copied. They may be longer than the values stored (a design writes its rows into
 * arrays sized for the most a row can hold, and keeps them rather than copy them): entries past
 * {@code rowStart[rows]} are not read.
 *
 * @param rowStart {@code rows + 1} positions, from 0 to at most {@code values.length}, never decreasing
 * @param columnIndex the column of each stored value
 * @param values the stored values
 */
public record SparseRows(int[] rowStart, int[] columnIndex, double[] values) {

    public SparseRows {
        Objects.requireNonNull(rowStart, "rowStart");
        Objects.requireNonNull(columnIndex, "columnIndex");
        Objects.requireNonNull(values, "values");
        if (rowStart.length == 0 || rowStart[0] != 0 || rowStart[rowStart.length - 1] > values.length) {
            throw new IllegalArgumentException("rowStart must run from 0 to at most the number of values held");
        }
        if (columnIndex.length != values.length) {
            throw new IllegalArgumentException(
                    "columnIndex holds " + columnIndex.length + " entries for " + values.length + " values");
        }
    }

    /** The number of rows. */
    public int rows() {
        return rowStart.length - 1;
    }

    /** The number of values stored, zeros left out. */
    public int stored() {
        return rowStart[rowStart.length - 1];
    }

    /** The same rows in arrays of exactly {@link #stored()} entries: these rows themselves when they are. */
    public SparseRows trimmed() {
        return values.length == stored()
                ? this
                : new SparseRows(
                        rowStart,
                        java.util.Arrays.copyOf(columnIndex, stored()),
                        java.util.Arrays.copyOf(values, stored()));
    }

    /** The heap the rows take: 12 bytes a stored value and 4 a row. */
    public static long bytes(long rows, long stored) {
        return 12L * stored + 4L * (rows + 1);
    }

    /** Checks the positions and columns, for rows of {@code columns} features. */
    void check(int columns) {
        for (int i = 0; i < rows(); i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new IllegalArgumentException("rowStart decreases at row " + i);
            }
            int previous = -1;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                if (columnIndex[k] <= previous || columnIndex[k] >= columns) {
                    throw new IllegalArgumentException("row " + i + " has columns out of order or beyond " + columns);
                }
                previous = columnIndex[k];
            }
        }
    }
}
