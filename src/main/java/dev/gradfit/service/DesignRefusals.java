package dev.gradfit.service;

import dev.gradfit.design.DesignException;
import dev.gradfit.design.DesignLimits;
import dev.gradfit.design.formula.FormulaException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A design's refusal as the field of the request it concerns: a cell as {@code rows[3].city}, a column as
 * {@code rows[*].city}, a setting as {@code design.categorical} or {@code formula}. Names are shown only when
 * plain ({@link NamedColumns#shown}); a level is quoted and shortened, as it is what the client must find.
 */
public final class DesignRefusals {

    private static final int QUOTED_LEVEL = 64;

    /** Names as {@link NamedColumns#shown} shows them, joined by the operators of a term. */
    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N} _.\\-()*:\\[\\]]{1,200}");

    /**
     * What the request said the design was made of, to tell which field a refusal concerns.
     *
     * @param formula whether the design came from a formula
     * @param categorical the columns design.categorical declared
     * @param interactions the columns design.interactions named
     * @param tableRows the row of {@code rows} of every row of the table the design saw, or {@code null} when
     *     they are the same
     * @param limits the limits the design was learned within
     * @param predicting whether the design is applied to a prediction's rows rather than learned
     */
    public record Context(
            boolean formula,
            Set<String> categorical,
            Collection<String> interactions,
            int[] tableRows,
            DesignLimits limits,
            boolean predicting) {}

    private DesignRefusals() {}

    /** The refusal of a formula that does not compile, pointing at its character. */
    public static InvalidRequestException of(FormulaException refused) {
        return new InvalidRequestException(
                List.of(new FieldError("formula", "at character " + refused.position() + ": " + refused.reason())));
    }

    /** The refusal of a design, as a field error of the request. */
    public static InvalidRequestException of(DesignException refused, Context context) {
        return new InvalidRequestException(List.of(error(refused, context)), refused.column());
    }

    static FieldError error(DesignException refused, Context context) {
        String column = refused.column();
        String shown = NamedColumns.shown(column);
        return switch (refused.reason()) {
            case UNKNOWN_COLUMN -> {
                if (context.categorical().contains(column)) {
                    yield new FieldError("design.categorical", "names " + shown + ", which is not a column of rows");
                }
                if (context.interactions().contains(column)) {
                    yield new FieldError("design.interactions", "names " + shown + ", which is not a column of rows");
                }
                if (context.formula() && !context.predicting()) {
                    yield new FieldError("formula", "names the column " + shown + ", which the rows do not have");
                }
                yield new FieldError(
                        cell(column, -1, context),
                        "is missing from every row"
                                + (context.predicting() ? "; the model reads it" : "; the design reads it"));
            }
            case NOT_NUMERIC ->
                new FieldError(
                        cell(column, -1, context), "holds text where the design takes numbers (a power or a product)");
            case MISSING_CELL ->
                new FieldError(
                        cell(column, refused.row(), context),
                        context.predicting()
                                ? "is missing, and the model fills no missing cell (its design's missing is refuse or"
                                        + " skip)"
                                : "is missing; design.missing is refuse (mean, skip or indicator take missing cells)");
            case UNKNOWN_LEVEL ->
                new FieldError(
                        cell(column, refused.row(), context),
                        "has the level " + quote(refused.level()) + ", which the training rows never held; the"
                                + " model's unknownLevels is error");
            case TOO_MANY_LEVELS ->
                new FieldError(
                        cell(column, -1, context),
                        "has more than " + context.limits().maxLevels() + " levels, the limit"
                                + " (gradfit.design.max-levels)");
            case TOO_MANY_COLUMNS ->
                new FieldError(
                        context.formula() ? "formula" : "design",
                        "makes more than " + context.limits().maxColumns() + " design columns"
                                + " (gradfit.design.max-columns) from the term " + term(column));
            case NO_VALUES -> new FieldError(cell(column, -1, context), "has no value to learn from");
            case DUPLICATE_NAME ->
                new FieldError(
                        context.formula() ? "formula" : "design", "would make two design columns named " + shown);
            case INVALID_SPEC -> invalid(refused, context);
            case NOT_FINITE ->
                new FieldError(
                        rowOf(refused.row(), context),
                        "makes the design column " + term(column) + " overflow the range of a double (a"
                                + " power or product of its cells); rescale the columns it multiplies");
        };
    }

    private static FieldError invalid(DesignException refused, Context context) {
        String message = refused.getMessage();
        if (context.formula()) {
            return new FieldError(
                    "formula",
                    "takes " + NamedColumns.shown(refused.column()) + " by its levels," + " which have no power");
        }
        if (message.startsWith("polynomial")) {
            return new FieldError("design.polynomial", "must be at least 1");
        }
        if (message.startsWith("an interaction")) {
            return new FieldError("design.interactions", "must each name two distinct columns");
        }
        return new FieldError(
                "design.categorical",
                "declares " + NamedColumns.shown(refused.column()) + " categorical, and a categorical column has"
                        + " no power: ask for design.polynomial 1");
    }

    /** {@code rows[i].name}, {@code rows[*].name} for the whole column (a negative row). */
    public static String cell(String column, int row) {
        String shown = NamedColumns.shown(column);
        String name = shown.startsWith("\"") ? shown.substring(1, shown.length() - 1) : shown;
        return "rows[" + (row < 0 ? "*" : Integer.toString(row)) + "]." + name;
    }

    /** A row of the table the design saw, as a row of the request's rows: {@code rows[i]}. */
    private static String rowOf(int row, Context context) {
        return "rows[" + requestRow(row, context) + "]";
    }

    /** The cell of a row of the table the design saw, as a row of the request's rows. */
    private static String cell(String column, int row, Context context) {
        return cell(column, requestRow(row, context));
    }

    /** The request's index of a row of the table the design saw; a negative row (the whole column) stays as it is. */
    private static int requestRow(int row, Context context) {
        return row < 0 || context.tableRows() == null ? row : context.tableRows()[row];
    }

    /** A term as written ({@code I(size**2)}, {@code city:size}) when it is plain, else a placeholder. */
    private static String term(String term) {
        return term != null && TERM.matcher(term).matches() ? term : "(an unusual term)";
    }

    private static String quote(String level) {
        String cut = level.length() > QUOTED_LEVEL ? level.substring(0, QUOTED_LEVEL) + "…" : level;
        return "\"" + cut + "\"";
    }
}
