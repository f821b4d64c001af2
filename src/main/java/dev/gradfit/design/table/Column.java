package dev.gradfit.design.table;

/**
 * One named column of a {@link Table}: numbers or text, any cell of which may be missing.
 *
 * <p>Columns hold primitive arrays handed over by the reader that built them; they are not copied, and callers
 * must not change them afterwards.
 */
public sealed interface Column permits NumericColumn, TextColumn {

    /** The column's name, unique within its table. */
    String name();

    /** The number of cells. */
    int rows();

    /** Whether the cell of {@code row} is missing (a JSON null, an empty CSV cell, an Arrow null). */
    boolean missing(int row);
}
