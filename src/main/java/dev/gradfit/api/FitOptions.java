package dev.gradfit.api;

import dev.gradfit.api.problem.JsonErrors;
import dev.gradfit.api.request.FitRequest;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.Targets;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings of a fit whose data come from a file or a columnar body rather than JSON: read from JSON
 * {@code options} exactly as a JSON body's settings are (unknown fields refused), and checked with the data
 * as {@code @Valid} checks a JSON body. Errors name {@code options.<field>}.
 */
@Component
class FitOptions {

    private final JsonMapper json;
    private final Validator validator;

    FitOptions(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * The settings in {@code in}, a JSON object without data fields.
     *
     * @param source where the data come from, to say so in an error ("the file", "the Arrow stream")
     */
    FitRequest read(InputStream in, String source) {
        FitRequest options;
        try {
            options = json.readValue(in, FitRequest.class);
        } catch (JacksonException bad) {
            String path = JsonErrors.path(bad);
            throw invalid("body".equals(path) ? "options" : "options." + path, JsonErrors.reason(bad));
        }
        if (options == null) {
            throw invalid("options", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        if (options.x() != null) {
            errors.add(new FieldError("options.x", "comes from " + source + "; options hold the settings only"));
        }
        if (options.y() != null) {
            errors.add(new FieldError("options.y", "comes from " + source + "'s target column"));
        }
        if (options.featureNames() != null) {
            errors.add(new FieldError("options.featureNames", "come from " + source + "'s column names"));
        }
        if (options.targetName() != null) {
            errors.add(new FieldError("options.targetName", "is the target parameter, or the last column"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return options;
    }

    /** The settings in {@code text}, or the defaults when it is {@code null}. */
    FitRequest read(String text, String source) {
        return read(new ByteArrayInputStream((text == null ? "{}" : text).getBytes(StandardCharsets.UTF_8)), source);
    }

    /** The defaults: an empty JSON object. */
    FitRequest defaults() {
        return json.readValue("{}", FitRequest.class);
    }

    /**
     * The settings with the data, checked as {@code @Valid} checks a JSON body.
     *
     * @param offset the offsets of a column of the table, or {@code null} when none is named: then those of the
     *     options, if any
     * @param offsetColumn the name of that column, or {@code null}
     */
    FitRequest withData(
            FitRequest options,
            FeatureMatrix x,
            Targets y,
            List<String> featureNames,
            String targetName,
            double[] offset,
            String offsetColumn) {
        if (offset != null && options.offset() != null) {
            throw invalid(
                    "options.offset",
                    "comes from the column " + NamedColumns.shown(offsetColumn) + "; give the offsets once");
        }
        FitRequest request =
                options.withData(x, y, featureNames, targetName, offset != null ? offset : options.offset());
        Set<ConstraintViolation<FitRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.stream()
                    .map(violation -> new FieldError("options." + violation.getPropertyPath(), violation.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList());
        }
        return request;
    }

    static InvalidRequestException invalid(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldError(field, reason)));
    }
}
