package dev.gradfit.design.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Named columns of equal length: the raw rows of a fit or of a prediction, before any design is applied. */
public final class Table {

    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final int rows;

    /**
     * @param columns the columns, in the order the caller gave them
     * @throws IllegalArgumentException if two share a name or their lengths differ
     */
    public Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.byName = new HashMap<>();
        this.rows = this.columns.isEmpty() ? 0 : this.columns.get(0).rows();
        for (Column column : this.columns) {
            if (byName.put(column.name(), column) != null) {
                throw new IllegalArgumentException("two columns are named " + column.name());
            }
            if (column.rows() != rows) {
                throw new IllegalArgumentException("column " + column.name() + " has " + column.rows() + " rows where "
                        + this.columns.get(0).name() + " has " + rows);
            }
        }
    }

    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    public int rows() {
        return rows;
    }

    /** The columns, in the order they were given. */
    public List<Column> columns() {
        return columns;
    }

    /** The names of the columns, in order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The column named {@code name}, if there is one. */
    public Optional<Column> column(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
