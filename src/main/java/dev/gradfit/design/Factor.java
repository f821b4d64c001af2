package dev.gradfit.design;

import java.util.Objects;

/**
 * One column as a term uses it: its values raised to a power, or its levels.
 *
 * @param column the name of the table column
 * @param power the power a numeric column is raised to, at least 1; 1 for a categorical one
 * @param categorical whether the column is categorical whatever its type ({@code C(x)} in a formula); a text
 *     column, or a column the spec names as categorical, is categorical anyway
 */
public record Factor(String column, int power, boolean categorical) {

    public Factor {
        Objects.requireNonNull(column, "column");
        if (power < 1 || (categorical && power != 1)) {
            throw new IllegalArgumentException("a factor of " + column + " cannot have power " + power
                    + (categorical ? " as a categorical column" : ""));
        }
    }

    /** The column as it is: its values, or its levels if it is text or declared categorical. */
    public static Factor of(String column) {
        return new Factor(column, 1, false);
    }

    /** {@code I(column**power)}. */
    public static Factor power(String column, int power) {
        return new Factor(column, power, false);
    }

    /** {@code C(column)}: the column's levels, even if it holds numbers. */
    public static Factor categorical(String column) {
        return new Factor(column, 1, true);
    }
}
