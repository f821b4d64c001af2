package dev.gradfit.api.request;

import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
import java.util.List;
import java.util.function.Function;

/**
 * A fit read from a table with named columns (a CSV upload, an Arrow stream): the request a JSON body with the same
 * numbers would have made, and the name of the column that holds the offsets, which a refusal of them names.
 *
 * @param request the fit
 * @param offsetColumn the name of the column of offsets, or {@code null} when the table has none
 */
public record TableFit(FitRequest request, String offsetColumn) {

    /**
     * Runs {@code fit} on the request. A refusal of the offsets (the loss takes none) names the column they came
     * from: the request's {@code offset} is that column, not an array the client wrote.
     */
    public <T> T run(Function<FitRequest, T> fit) {
        try {
            return fit.apply(request);
        } catch (InvalidRequestException refused) {
            if (offsetColumn == null) {
                throw refused;
            }
            throw new InvalidRequestException(refused.errors().stream()
                    .map(error -> error.field().equals("offset")
                            ? new FieldError(
                                    "offset",
                                    "names the column " + NamedColumns.shown(offsetColumn) + ", but an offset "
                                            + error.reason())
                            : error)
                    .toList());
        }
    }

    /**
     * The index of the column {@code offset} names, or -1 when it is absent or empty.
     *
     * @param names the table's columns
     * @param target the index of the target column
     * @param where the table, for an error ("the file's header", "the stream")
     * @throws InvalidRequestException on {@code offset} when it names no column, or the target
     */
    public static int offsetColumn(String offset, List<String> names, int target, String where) {
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
