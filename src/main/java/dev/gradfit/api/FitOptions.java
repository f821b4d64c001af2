package dev.gradfit.api;

import dev.gradfit.api.problem.JsonErrors;
import dev.gradfit.api.request.FitRequest;
import dev.gradfit.config.DesignProperties;
import dev.gradfit.design.Factor;
import dev.gradfit.design.Term;
import dev.gradfit.design.formula.Formula;
import dev.gradfit.design.formula.FormulaException;
import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.formats.Targets;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.InvalidRequestException;
import dev.gradfit.service.NamedColumns;
import dev.gradfit.service.rows.Tables;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
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
    private final DesignProperties design;

    FitOptions(JsonMapper json, Validator validator, DesignProperties design) {
        this.json = json;
        this.validator = validator;
        this.design = design;
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
        if (options.rows() != null) {
            errors.add(new FieldError("options.rows", "come from " + source + "; options hold the settings only"));
        }
        if (options.target() != null) {
            errors.add(new FieldError("options.target", "is the target parameter, or the last column"));
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
        return checked(options.withData(x, y, featureNames, targetName, offset != null ? offset : options.offset()));
    }

    /** Whether the settings ask for a design: design settings or a formula, so that the data are read as rows. */
    static boolean designed(FitRequest options) {
        return options.design() != null || options.formula() != null;
    }

    /**
     * What a table of rows is read with: each text column's levels limited by gradfit.design.max-levels; only the
     * columns a formula or design.columns names, when one does, and the offset column (the target is the reader's
     * to add).
     *
     * @param offset the offset column, or {@code null}
     */
    TableLimits tableLimits(FitRequest options, String offset) {
        TableLimits table = TableLimits.of(design.maxLevels());
        Set<String> named = null;
        if (options.formula() != null) {
            try {
                Formula formula = Formula.compile(options.formula(), design.maxColumns());
                named = new HashSet<>();
                for (Term term : formula.terms()) {
                    for (Factor factor : term.factors()) {
                        named.add(factor.column());
                    }
                }
                if (formula.response() != null) {
                    named.add(formula.response());
                }
            } catch (FormulaException refused) {
                return table; // refused with its character where the rows are fitted
            }
        } else if (options.design() != null && options.design().columns() != null) {
            named = new HashSet<>(options.design().columns());
        }
        if (named != null && offset != null && !offset.isEmpty()) {
            named.add(offset);
        }
        return named == null ? table : table.only(named);
    }

    /**
     * The target column of rows when none is named: the formula's left side, if it has one, else the last column.
     * A formula that does not compile gives the last; it is refused with its character when the rows are fitted.
     */
    static String defaultTarget(FitRequest options, List<String> names) {
        if (options.formula() != null) {
            try {
                String response = Formula.response(options.formula());
                if (response != null) {
                    return response;
                }
            } catch (FormulaException refused) {
                // refused where the rows are fitted
            }
        }
        return names.get(names.size() - 1);
    }

    /**
     * The settings with rows, checked as {@code @Valid} checks a JSON body.
     *
     * @param offsetColumn the column of offsets, or {@code null} when none is named; taken out of the table
     */
    FitRequest withRows(FitRequest options, Table table, String targetColumn, String offsetColumn) {
        double[] offsets = null;
        Table rows = table;
        if (offsetColumn != null) {
            if (options.offset() != null) {
                throw invalid(
                        "options.offset",
                        "comes from the column " + NamedColumns.shown(offsetColumn) + "; give the offsets once");
            }
            offsets = offsets(table, offsetColumn);
            rows = Tables.without(table, offsetColumn);
        }
        return checked(options.withRows(rows, targetColumn, offsets));
    }

    /** The offsets of a table's column: finite numbers, none missing. */
    private static double[] offsets(Table table, String name) {
        Column column = table.column(name).orElseThrow();
        if (!(column instanceof NumericColumn numeric)) {
            throw invalid("offset", "names the column " + NamedColumns.shown(name) + ", which holds text, not numbers");
        }
        for (int row = 0; row < numeric.rows(); row++) {
            if (numeric.missing(row)) {
                throw invalid(
                        "offset",
                        "names the column " + NamedColumns.shown(name) + ", whose cell in row " + row
                                + " (from 0) is missing; every point needs its offset");
            }
        }
        return numeric.values();
    }

    private FitRequest checked(FitRequest request) {
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
