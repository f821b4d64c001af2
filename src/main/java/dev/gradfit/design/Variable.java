package dev.gradfit.design;

import java.util.List;

/**
 * What a design learned about one table column in one use: as numbers (its mean) or as levels (the sorted levels
 * and the most frequent one). A column used both ways ({@code x + C(x)}) is two variables.
 *
 * @param column the table column
 * @param categorical whether it is used by its levels
 * @param levels the sorted levels, for a categorical variable; empty otherwise
 * @param mean the training mean of a numeric variable, the fill of its missing cells; {@code NaN} when missing
 *     cells are refused or skipped, or for a categorical variable
 * @param fillLevel the index of the most frequent level, the fill of a categorical variable's missing cells;
 *     {@code -1} for a numeric variable
 */
record Variable(String column, boolean categorical, List<String> levels, double mean, int fillLevel) {

    Variable {
        levels = List.copyOf(levels);
        if (categorical ? levels.isEmpty() || fillLevel < 0 || fillLevel >= levels.size() : !levels.isEmpty()) {
            throw new IllegalArgumentException("inconsistent variable " + column);
        }
    }

    /**
     * How a number names a level: a whole number below 10^15 as an integer ({@code 2}, not {@code 2.0}), any other
     * as {@link Double#toString(double)}; {@code -0.0} is {@code 0}.
     */
    static String levelOf(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
