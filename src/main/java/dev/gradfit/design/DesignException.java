package dev.gradfit.design;

/**
 * Rows or a spec a design cannot use. It carries what a caller needs to point at the cause: the reason, and where
 * they apply the column, the 0-based row and the level.
 */
public final class DesignException extends RuntimeException {

    /** Why the design refused. */
    public enum Reason {
        /** A term or setting names a column the table does not have. */
        UNKNOWN_COLUMN,
        /** A column holds text where the design needs numbers. */
        NOT_NUMERIC,
        /** A cell is missing and missing cells are refused. */
        MISSING_CELL,
        /** A level the training rows never held, with unseen levels refused. */
        UNKNOWN_LEVEL,
        /** A categorical column has more levels than the limit. */
        TOO_MANY_LEVELS,
        /** The design has more columns than the limit; the column named is the term that crossed it. */
        TOO_MANY_COLUMNS,
        /** A column the design reads has no value in the training rows to learn from. */
        NO_VALUES,
        /** Two design columns would have the same name. */
        DUPLICATE_NAME,
        /** The spec itself is inconsistent. */
        INVALID_SPEC,
        /**
         * A design value of a row is beyond the range of a double (a power or product that overflows); the column
         * named is the design column.
         */
        NOT_FINITE
    }

    private final Reason reason;
    private final String column;
    private final int row;
    private final String level;

    private DesignException(Reason reason, String column, int row, String level, String message) {
        super(message);
        this.reason = reason;
        this.column = column;
        this.row = row;
        this.level = level;
    }

    static DesignException unknownColumn(String column) {
        return new DesignException(Reason.UNKNOWN_COLUMN, column, -1, null, "there is no column " + column);
    }

    static DesignException notNumeric(String column, String use) {
        return new DesignException(Reason.NOT_NUMERIC, column, -1, null, "column " + column + " holds text; " + use);
    }

    static DesignException missingCell(String column, int row) {
        return new DesignException(
                Reason.MISSING_CELL,
                column,
                row,
                null,
                "row " + row + " has no value for " + column
                        + "; missing cells are refused unless missing is mean, skip or indicator");
    }

    static DesignException unknownLevel(String column, int row, String level) {
        return new DesignException(
                Reason.UNKNOWN_LEVEL,
                column,
                row,
                level,
                "row " + row + " has level '" + level + "' of " + column
                        + ", which the training rows never held; unknownLevels is error");
    }

    static DesignException tooManyLevels(String column, int limit) {
        return new DesignException(
                Reason.TOO_MANY_LEVELS, column, -1, null, "column " + column + " has more than " + limit + " levels");
    }

    static DesignException tooManyColumns(String term, long columns, int limit) {
        return new DesignException(
                Reason.TOO_MANY_COLUMNS,
                term,
                -1,
                null,
                "term " + term + " brings the design to " + columns + " columns, more than " + limit);
    }

    static DesignException noValues(String column) {
        return new DesignException(
                Reason.NO_VALUES, column, -1, null, "column " + column + " has no value to learn from");
    }

    static DesignException duplicateName(String name) {
        return new DesignException(Reason.DUPLICATE_NAME, name, -1, null, "two design columns would be named " + name);
    }

    static DesignException notFinite(String designColumn, int row) {
        return new DesignException(
                Reason.NOT_FINITE,
                designColumn,
                row,
                null,
                "row " + row + " makes design column " + designColumn + " overflow the range of a double");
    }

    static DesignException invalid(String column, String message) {
        return new DesignException(Reason.INVALID_SPEC, column, -1, null, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The table column (or, for {@link Reason#TOO_MANY_COLUMNS}, the term) concerned; {@code null} if none. */
    public String column() {
        return column;
    }

    /** The 0-based row concerned, {@code -1} if none. */
    public int row() {
        return row;
    }

    /** The unseen level, for {@link Reason#UNKNOWN_LEVEL}; {@code null} otherwise. */
    public String level() {
        return level;
    }
}
