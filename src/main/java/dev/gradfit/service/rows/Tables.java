package dev.gradfit.service.rows;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import java.util.ArrayList;
import java.util.List;

/** Tables cut down to some of their columns or rows, for a design to learn from or apply to. */
public final class Tables {

    private Tables() {}

    /** The table without the column {@code name}. */
    public static Table without(Table table, String name) {
        return new Table(table.columns().stream()
                .filter(column -> !column.name().equals(name))
                .toList());
    }

    /** The columns {@code names} of the table, in that order; each must be one of its columns. */
    public static Table select(Table table, List<String> names) {
        List<Column> columns = new ArrayList<>(names.size());
        for (String name : names) {
            columns.add(table.column(name).orElseThrow());
        }
        return new Table(columns);
    }

    /** The rows {@code rows} (0-based, ascending) of the table; the table itself when they are all of them. */
    public static Table rows(Table table, int[] rows) {
        if (rows.length == table.rows()) {
            return table;
        }
        List<Column> columns = new ArrayList<>(table.columns().size());
        for (Column column : table.columns()) {
            if (column instanceof NumericColumn numeric) {
                double[] values = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = numeric.value(rows[i]);
                }
                columns.add(new NumericColumn(numeric.name(), values));
            } else {
                TextColumn text = (TextColumn) column;
                int[] codes = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    codes[i] = text.code(rows[i]);
                }
                columns.add(new TextColumn(text.name(), codes, text.dictionary()));
            }
        }
        return new Table(columns);
    }
}
