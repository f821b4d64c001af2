package dev.gradfit.fitting.core;

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
    private final double[] sampleWeights;
    private final double weightSum;
    private final int rows;
    private final int columns;

    /**
     * @param features row-major values, {@code rows × columns} of them
     * @param columns the number of features per row, at least 1
     * @param targets one target per row, at least one row
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     */
    public Dataset(double[] features, int columns, double[] targets) {
        this(features, columns, targets, null);
    }

    /**
     * @param features row-major values, {@code rows × columns} of them
     * @param columns the number of features per row, at least 1
     * @param targets one target per row, at least one row
     * @param sampleWeights one non-negative weight per row, not all zero; {@code null} weighs every row 1
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     */
    public Dataset(double[] features, int columns, double[] targets, double[] sampleWeights) {
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
        this.weightSum = sampleWeights == null ? targets.length : checkedWeightSum(sampleWeights, targets.length);
        this.features = features;
        this.targets = targets;
        this.sampleWeights = sampleWeights;
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

    /** The weight of row {@code i}: 1 unless sample weights were given. */
    public double sampleWeight(int i) {
        return sampleWeights == null ? 1.0 : sampleWeights[i];
    }

    /** Whether rows carry sample weights; without them every row weighs 1. */
    public boolean isWeighted() {
        return sampleWeights != null;
    }

    /** {@code Σ wᵢ}, which is {@code n} without sample weights: the divisor of every mean. */
    public double weightSum() {
        return weightSum;
    }

    /** The row-major feature array itself, for loops that need it; do not modify. */
    public double[] features() {
        return features;
    }

    /** The target array itself, for loops that need it; do not modify. */
    public double[] targets() {
        return targets;
    }

    /** The sample-weight array itself, or {@code null}; do not modify. */
    public double[] sampleWeights() {
        return sampleWeights;
    }

    private static double checkedWeightSum(double[] weights, int rows) {
        if (weights.length != rows) {
            throw new IllegalArgumentException(
                    "sampleWeights holds " + weights.length + " values, expected one per row (" + rows + ")");
        }
        double sum = 0.0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("sampleWeights[" + i + "] must be finite and non-negative");
            }
            sum += weights[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("sampleWeights must not all be zero");
        }
        return sum;
    }

    private static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + values[i]);
            }
        }
    }
}
