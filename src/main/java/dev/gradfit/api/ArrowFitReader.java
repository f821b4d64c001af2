package dev.gradfit.api;

import dev.gradfit.api.request.FitRequest;
import dev.gradfit.api.request.MemoryAccounts;
import dev.gradfit.api.request.TableFit;
import dev.gradfit.config.FitProperties;
import dev.gradfit.config.HttpProperties;
import dev.gradfit.formats.arrow.ArrowTableReader;
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
 * the same numbers would have made, checked the same way.
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
        var data = tables.read(
                request.getInputStream(),
                request.getParameter("target"),
                request.getParameter("offset"),
                MemoryAccounts.of(request));
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
}
