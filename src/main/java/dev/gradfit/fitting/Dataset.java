package dev.gradfit.fitting;

import java.util.Objects;

/**
 * Training data: {@code n} rows of {@code d} features, stored row-major in one array, and {@code n}
 * targets.
 *
 * <p>The arrays are held, not copied: callers hand over ownership and must not change them while a fit
 * runs. Every value must be finite; that is checked here once so that the loops never have to.
 */
public final class Dataset {

    private final double[] features;
    private final double[] targets;
    private final int rows;
    private final int columns;

    /**
     * @param features row-major values, {@code rows × columns} of them
     * @param columns the number of features per row, at least 1
     * @param targets one target per row, at least one row
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     */
    public Dataset(double[] features, int columns, double[] targets) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, was " + columns);
        }
        if (targets.length == 0) {
            throw new IllegalArgumentException("a dataset needs at least one row");
        }
        if ((long) targets.length * columns != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + targets.length + " rows × " + columns + " columns");
        }
        requireFinite(features, "features");
        requireFinite(targets, "targets");
        this.features = features;
        this.targets = targets;
        this.rows = targets.length;
        this.columns = columns;
    }

    /** One feature: {@code x[i]} is the single feature of row {@code i}. */
    public static Dataset of(double[] x, double[] y) {
        return new Dataset(x, 1, y);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Feature {@code j} of row {@code i}. */
    public double feature(int i, int j) {
        return features[i * columns + j];
    }

    public double target(int i) {
        return targets[i];
    }

    /** The row-major feature array itself, for loops that need it; do not modify. */
    double[] features() {
        return features;
    }

    /** The target array itself, for loops that need it; do not modify. */
    double[] targets() {
        return targets;
    }

    private static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + values[i]);
            }
        }
    }
}
