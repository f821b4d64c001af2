package dev.gradfit.formats.columns;

import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
import java.util.List;

/** The column of a table that the request's {@code offset} names: one rule for every table format. */
public final class OffsetColumn {

    private OffsetColumn() {}

    /**
     * The index of the column {@code offset} names, or -1 when it is absent or empty.
     *
     * @param names the table's columns
     * @param target the index of the target column
     * @param where the table, for an error ("the file's header", "the stream")
     * @throws InvalidRequestException on {@code offset} when it names no column, or the target
     */
    public static int index(String offset, List<String> names, int target, String where) {
        if (offset == null || offset.isEmpty()) {
            return -1;
        }
        int column = names.indexOf(offset);
        if (column < 0) {
            throw invalid("names no column of " + where + "; its columns are " + NamedColumns.listed(names));
        }
        if (column == target) {
            throw invalid("names the target column " + NamedColumns.shown(offset)
                    + "; the offsets are a column of their own, neither a feature nor the target");
        }
        return column;
    }

    private static InvalidRequestException invalid(String reason) {
        return new InvalidRequestException(List.of(new FieldError("offset", reason)));
    }
}
