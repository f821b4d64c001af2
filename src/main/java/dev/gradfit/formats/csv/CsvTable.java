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
     * The other columns as the points, {@code target} as the targets and {@code offset}, if any, as the offset of
     * each point. The points are moved to the front of {@link #values} in place (row i's features never move past
     * where they are read from), so this table must not be used afterwards. The arrays of the targets and the
     * offsets are charged to {@code account}.
     *
     * @param offset the column of offsets, or -1 for none; not {@code target}
     * @throws dev.gradfit.service.InvalidRequestException when a column of labels is not the target
     */
    public Split split(int target, int offset, MemoryAccount account) {
        if (offset == target) {
            throw new IllegalArgumentException("the offset column cannot be the target");
        }
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
        double[] offsets = null;
        if (offset >= 0) {
            account.charge(8L * rows);
            offsets = new double[rows];
        }
        int to = 0;
        for (int i = 0, from = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++, from++) {
                if (j == target) {
                    if (y != null) {
                        y[i] = values[from];
                    }
                } else if (j == offset) {
                    offsets[i] = values[from];
                } else {
                    values[to++] = values[from];
                }
            }
        }
        int features = columns - (offset >= 0 ? 2 : 1);
        FeatureMatrix x = new FeatureMatrix(DoubleArrays.trim(account, values, to), rows, features);
        return new Split(x, y != null ? Targets.of(y) : Targets.labelled(labels.values()), offsets);
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
     * A table split into points, targets and offsets.
     *
     * @param x the points
     * @param y the targets
     * @param offset one offset per point, or {@code null} when no column holds them
     */
    public record Split(FeatureMatrix x, Targets y, double[] offset) {}
}
