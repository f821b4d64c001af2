package dev.gradfit.design;

/**
 * A design applied to a table: the dense, row-major features a fit or a prediction takes, and which rows of the
 * table they are.
 *
 * @param values {@code rows × columns} values, row-major, in the design's column order
 * @param rows the number of rows kept
 * @param columns the number of design columns
 * @param keptRows the 0-based table row of every matrix row, in order
 * @param dropped the number of table rows dropped for a missing cell ({@link Missing#SKIP}); 0 otherwise
 */
public record DesignMatrix(double[] values, int rows, int columns, int[] keptRows, int dropped) {

    /** The value of design column {@code column} in matrix row {@code row}. */
    public double value(int row, int column) {
        return values[row * columns + column];
    }

    /** The entries of a per-table-row array (targets, weights, offsets) for the kept rows, in matrix order. */
    public double[] keep(double[] perTableRow) {
        if (perTableRow.length != rows + dropped) {
            throw new IllegalArgumentException(
                    "expected one value per table row (" + (rows + dropped) + "), got " + perTableRow.length);
        }
        if (dropped == 0) {
            return perTableRow;
        }
        double[] kept = new double[rows];
        for (int i = 0; i < rows; i++) {
            kept[i] = perTableRow[keptRows[i]];
        }
        return kept;
    }
}
