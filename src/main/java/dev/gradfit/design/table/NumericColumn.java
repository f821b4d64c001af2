package dev.gradfit.design.table;

import java.util.Objects;

/**
 * A column of numbers; a missing cell is held as {@code NaN}, so a column costs eight bytes a row.
 *
 * @param name the column's name
 * @param values one value a row, {@code NaN} where the cell is missing; held, not copied
 */
public record NumericColumn(String name, double[] values) implements Column {

    /** @throws IllegalArgumentException if a value is infinite: no reader gives one, and no design can use it */
    public NumericColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException(
                        "column " + name + " holds an infinite value in row " + i + "; a missing cell is NaN");
            }
        }
    }

    /** A column of boxed values, {@code null} for a missing cell. */
    public static NumericColumn of(String name, Double... values) {
        double[] primitive = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            primitive[i] = values[i] == null ? Double.NaN : values[i];
        }
        return new NumericColumn(name, primitive);
    }

    @Override
    public int rows() {
        return values.length;
    }

    @Override
    public boolean missing(int row) {
        return Double.isNaN(values[row]);
    }

    /** The value of {@code row}, {@code NaN} if the cell is missing. */
    public double value(int row) {
        return values[row];
    }
}
