package dev.gradfit.api;

import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.request.MemoryAccounts;
import dev.gradfit.api.request.TableFit;
import dev.gradfit.config.FitProperties;
import dev.gradfit.config.HttpProperties;
import dev.gradfit.design.table.Table;
import dev.gradfit.formats.arrow.ArrowTableReader;
import dev.gradfit.formats.columns.OffsetColumn;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.springframework.stereotype.Component;

/**
 * Reads an Arrow fit: the body is an Arrow IPC stream ({@value ArrowTableReader#MEDIA_TYPE}); the query
 * parameter {@code target} names the column to predict (the last one by default), {@code offset} the column of
 * offsets, if any, and {@code options} holds the other settings as the JSON fields of a fit body. The result is the {@link FitRequest} a JSON body with
 * the same numbers would have made, checked the same way; a stream with a text column besides the target, or options
 * with a design or a formula, is read as raw rows and fitted as a JSON body of rows would be.
 */
@Component
class ArrowFitReader {

    private static final Set<String> PARAMETERS = Set.of("target", "offset", "options");

    private final ArrowTableReader tables;
    private final FitOptions options;

    ArrowFitReader(BufferAllocator arrowMemory, FitProperties limits, HttpProperties http, FitOptions options) {
        this.tables = new ArrowTableReader(
                arrowMemory,
                http.maxBodySize().toBytes(),
                limits.maxPoints(),
                limits.maxFeatures() + 1,
                limits.maxFeatureNameLength());
        this.options = options;
    }

    /** @throws InvalidRequestException naming the parameter, or the column and row of a bad value */
    TableFit read(HttpServletRequest request) throws IOException {
        for (String name : request.getParameterMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidRequestException(List.of(new FieldError(
                        name, "is not a known parameter; an Arrow fit takes target, offset and options")));
            }
        }
        FitRequest settings = options.read(request.getParameter("options"), "the Arrow stream");
        String target = request.getParameter("target");
        String offset = request.getParameter("offset");
        var upload = tables.readFit(
                request.getInputStream(),
                target,
                offset,
                MemoryAccounts.of(request),
                options.tableLimits(settings, offset),
                FitOptions.designed(settings));
        if (upload.rows() != null) {
            return rows(upload.rows(), target, offset, settings);
        }
        var data = upload.points();
        return new TableFit(
                options.withData(
                        settings,
                        data.x(),
                        data.y(),
                        data.featureNames(),
                        data.targetName(),
                        data.offset(),
                        data.offsetName()),
                data.offsetName());
    }

    /** A fit of the stream's rows: its target column the one named, else the formula's left side, else the last. */
    private TableFit rows(Table table, String target, String offset, FitRequest settings) {
        List<String> names = table.names();
        String targetColumn = target == null || target.isEmpty() ? FitOptions.defaultTarget(settings, names) : target;
        if (target != null && !target.isEmpty() && !names.contains(target)) {
            throw new InvalidRequestException(List.of(new FieldError(
                    "target", "names no column of the stream; its columns are " + String.join(", ", names))));
        }
        String offsetColumn = null;
        if (offset != null && !offset.isEmpty()) {
            offsetColumn = names.get(OffsetColumn.index(offset, names, names.indexOf(targetColumn), "the stream"));
        }
        return new TableFit(options.withRows(settings, table, targetColumn, offsetColumn), offsetColumn);
    }
}
