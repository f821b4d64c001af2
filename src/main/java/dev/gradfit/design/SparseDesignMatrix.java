package dev.gradfit.design;

/**
 * A design applied to a table with its zeros left out (compressed sparse rows): row {@code i}'s non-zero design
 * columns are {@code columnIndex[k]}, holding {@code values[k]}, for {@code rowStart[i] ≤ k < rowStart[i + 1]}, in
 * increasing column order. The same numbers as {@link DesignMatrix}, in a fraction of the memory when one-hot
 * blocks are wide.
 *
 * @param rowStart {@code rows + 1} positions into {@code columnIndex} and {@code values}
 * @param columnIndex the design column of each stored value; entries past {@code rowStart[rows]} are unused
 * @param values the stored values, none of them 0; entries past {@code rowStart[rows]} are unused
 * @param rows the number of rows kept
 * @param columns the number of design columns
 * @param keptRows the 0-based table row of every matrix row, in order
 * @param dropped the number of table rows dropped for a missing cell ({@link Missing#SKIP}); 0 otherwise
 */
public record SparseDesignMatrix(
        int[] rowStart, int[] columnIndex, double[] values, int rows, int columns, int[] keptRows, int dropped) {}
