package dev.gradfit.api.request.rows;

import dev.gradfit.design.Missing;
import dev.gradfit.design.formula.Formula;
import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.Targets;
import dev.gradfit.model.FittedModel;
import dev.gradfit.service.DesignRefusals;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.NamedColumns;
import java.util.Arrays;
import java.util.List;

/** The target of a fit of rows: which column holds it, which rows have one, and the per-row arrays of those rows. */
final class RowTargets {

    private RowTargets() {}

    /** The column of the target, or {@code null} when the target is y; a missing or conflicting one in errors. */
    static String targetColumn(
            RowsMapper.Data request, Formula formula, FittedModel parent, Table table, List<FieldError> errors) {
        if (request.formula() != null && formula == null) {
            return null; // the formula is refused already, and may have named the target
        }
        String response = formula == null ? null : formula.response();
        String target = request.target();
        if (target != null && response != null && !target.equals(response)) {
            errors.add(new FieldError(
                    "target",
                    "names " + NamedColumns.shown(target) + " but the formula's left side names "
                            + NamedColumns.shown(response)));
            return null;
        }
        String column = target != null ? target : response;
        if (request.y() != null) {
            if (column != null) {
                errors.add(new FieldError(
                        target != null ? "target" : "formula",
                        "names a target column, and y is given too: send one of them"));
            }
            return null;
        }
        if (column == null
                && parent != null
                && parent.targetName() != null
                && table.column(parent.targetName()).isPresent()) {
            column = parent.targetName();
        }
        if (column == null) {
            errors.add(new FieldError(
                    "target", "must name the column of the target, unless y or the formula's left side gives it"));
        } else if (table.column(column).isEmpty()) {
            errors.add(new FieldError(
                    target != null ? "target" : "formula",
                    "names " + NamedColumns.shown(column) + ", which is not a column of rows"));
            return null;
        }
        return column;
    }
    /**
     * The rows of the table to fit: all of them, or under skip those whose target is present. A missing target
     * under another setting, or y of the wrong length, is an error.
     */
    static int[] rowsWithTarget(
            RowsMapper.Data request, Table table, String target, Missing missing, List<FieldError> errors) {
        int n = table.rows();
        if (target == null) {
            if (request.y().size() != n) {
                errors.add(new FieldError("y", "has " + request.y().size() + " values but rows has " + n));
            }
            return identity(n);
        }
        Column column = table.column(target).orElseThrow();
        int[] kept = new int[n];
        int count = 0;
        for (int row = 0; row < n; row++) {
            if (!column.missing(row)) {
                kept[count++] = row;
            } else if (missing != Missing.SKIP) {
                errors.add(new FieldError(
                        DesignRefusals.cell(target, row),
                        "is missing, and it is the target; rows with a missing target are dropped only when"
                                + " design.missing is skip"));
                return kept;
            }
        }
        return count == n ? kept : Arrays.copyOf(kept, count);
    }

    static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** The targets of the rows fitted: y's, or the target column's (numbers, or labels for a text column). */
    static Targets targets(RowsMapper.Data request, Table table, String target, int[] rows) {
        if (target == null) {
            Targets y = request.y();
            if (y.isLabelled()) {
                String[] labels = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    labels[i] = y.labels()[rows[i]];
                }
                return Targets.labelled(labels);
            }
            return Targets.of(pick(y.numbers(), rows));
        }
        Column column = table.column(target).orElseThrow();
        if (column instanceof NumericColumn numeric) {
            return Targets.of(pick(numeric.values(), rows));
        }
        TextColumn text = (TextColumn) column;
        String[] labels = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = text.value(rows[i]);
        }
        return Targets.labelled(labels);
    }

    /** A per-row array for the rows fitted; its length checked against the rows. */
    static double[] perRow(double[] values, String field, int n, int[] rows, List<FieldError> errors) {
        if (values == null) {
            return null;
        }
        if (values.length != n) {
            errors.add(new FieldError(field, "has " + values.length + " values but rows has " + n));
            return null;
        }
        return rows.length == n ? values : pick(values, rows);
    }

    static double[] pick(double[] values, int[] rows) {
        if (rows.length == values.length) {
            return values;
        }
        double[] picked = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            picked[i] = values[rows[i]];
        }
        return picked;
    }
}
