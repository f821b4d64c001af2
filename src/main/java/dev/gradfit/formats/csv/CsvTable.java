package dev.gradfit.formats.csv;

import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.memory.MemoryAccount;
import java.util.List;

/**
 * A CSV file as numbers: its header and its data rows, every column, row-major in one primitive array.
 *
 * @param header the column names, from the first line
 * @param values {@code rows × header.size()} finite numbers, row-major
 * @param rows the number of data rows
 */
public record CsvTable(List<String> header, double[] values, int rows) {

    public int columns() {
        return header.size();
    }

    /**
     * The other columns as the points and {@code target} as the targets. The points are moved to the front of
     * {@link #values} in place (row i's features never move past where they are read from), so this table
     * must not be used afterwards. The targets' array is charged to {@code account}.
     */
    public Split split(int target, MemoryAccount account) {
        int columns = columns();
        account.charge(8L * rows);
        double[] y = new double[rows];
        int to = 0;
        for (int i = 0, from = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++, from++) {
                if (j == target) {
                    y[i] = values[from];
                } else {
                    values[to++] = values[from];
                }
            }
        }
        return new Split(new FeatureMatrix(DoubleArrays.trim(account, values, to), rows, columns - 1), y);
    }

    /**
     * A table split into points and targets.
     *
     * @param x the points
     * @param y the targets
     */
    public record Split(FeatureMatrix x, double[] y) {}
}
