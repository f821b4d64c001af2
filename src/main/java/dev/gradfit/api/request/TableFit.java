package dev.gradfit.api.request;

import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
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
}
