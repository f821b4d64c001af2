package dev.gradfit.formats.csv;

import dev.gradfit.formats.DoubleArrays;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.Targets;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.NamedColumns;
import java.util.List;

/**
 * A CSV file as numbers: its header and its data rows, every column, row-major in one primitive array, and the
 * class labels of the one column that holds text, if one does.
 *
 * @param header the column names, from the first line
 * @param values {@code rows × header.size()} finite numbers, row-major (0 in the cells of a column of labels)
 * @param rows the number of data rows
 * @param labels the column of class labels, or {@code null} when every column holds numbers
 */
public record CsvTable(List<String> header, double[] values, int rows, Labels labels) {

    public int columns() {
        return header.size();
    }

    /**
     * The other columns as the points and {@code target} as the targets. The points are moved to the front of
     * {@link #values} in place (row i's features never move past where they are read from), so this table
     * must not be used afterwards. The targets' array is charged to {@code account}.
     *
     * @throws dev.gradfit.service.InvalidRequestException when a column of labels is not the target
     */
    public Split split(int target, MemoryAccount account) {
        if (labels != null && labels.column() != target) {
            throw CsvTableReader.invalid("line " + labels.firstLine() + ", column "
                    + NamedColumns.shown(header.get(labels.column())) + ": " + QuotedValue.of(labels.firstText())
                    + " is not a number; only the target column may hold labels (text)");
        }
        int columns = columns();
        double[] y = null;
        if (labels == null) {
            account.charge(8L * rows);
            y = new double[rows];
        }
        int to = 0;
        for (int i = 0, from = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++, from++) {
                if (j == target) {
                    if (y != null) {
                        y[i] = values[from];
                    }
                } else {
                    values[to++] = values[from];
                }
            }
        }
        FeatureMatrix x = new FeatureMatrix(DoubleArrays.trim(account, values, to), rows, columns - 1);
        return new Split(x, y != null ? Targets.of(y) : Targets.labelled(labels.values()));
    }

    /**
     * The column whose cells are class labels.
     *
     * @param column its index in the header
     * @param values one label per row
     * @param firstLine the line of its first cell that is not a number
     * @param firstText that cell
     */
    public record Labels(int column, String[] values, long firstLine, String firstText) {}

    /**
     * A table split into points and targets.
     *
     * @param x the points
     * @param y the targets
     */
    public record Split(FeatureMatrix x, Targets y) {}
}
