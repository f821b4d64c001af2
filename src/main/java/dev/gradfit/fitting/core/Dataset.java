package dev.gradfit.fitting.core;

import java.util.Objects;

/**
 * Training data: {@code n} rows of {@code d} features, stored row-major in one array, {@code n} targets, and
 * optionally a sample weight and an offset per row.
 *
 * <p>An offset {@code oᵢ} is a known term added to row {@code i}'s linear score, {@code zᵢ = b0 + Σ cⱼ·xᵢⱼ + oᵢ},
 * with no coefficient of its own: statsmodels' {@code GLM(offset=...)}, typically the logarithm of an exposure
 * (a population, a time at risk) so that a log-link model's mean is a rate times that exposure. Only the
 * log-link losses ({@link dev.gradfit.fitting.loss.LogLinkLoss}) take offsets; the fit refuses them with any
 * other loss.
 *
 * <p>The arrays are held, not copied: callers hand over ownership and must not change them while a fit
 * runs. Every value must be finite; that is checked here once so that the loops never have to.
 */
public final class Dataset {

    private final double[] features;
    private final SparseRows sparse;
    private final double[] targets;
    private final double[] sampleWeights;
    private final double[] offsets;
    private final double weightSum;
    private final int weightExponent;
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
     * @param sampleWeights one non-negative weight per row, not all zero; {@code null} weighs every row 1.
     *     Only their ratios matter (every cost divides by their sum), so when the largest lies outside
     *     {@code [2^-64, 2^64]} they are copied and rescaled by a power of two, exactly, to bring it into
     *     {@code [1, 2)}: weights of 1e-320 would otherwise lose their digits to underflow in every product
     *     {@code sᵢ·rᵢ²} (and 1e300 overflow in the sum), changing the fit and its costs.
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     */
    public Dataset(double[] features, int columns, double[] targets, double[] sampleWeights) {
        this(features, columns, targets, sampleWeights, null);
    }

    /**
     * @param features row-major values, {@code rows × columns} of them
     * @param columns the number of features per row, at least 1
     * @param targets one target per row, at least one row
     * @param sampleWeights as for {@link #Dataset(double[], int, double[], double[])}; {@code null} for none
     * @param offsets one finite offset per row, added to the row's linear score; {@code null} for none (all 0)
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     */
    public Dataset(double[] features, int columns, double[] targets, double[] sampleWeights, double[] offsets) {
        this(Objects.requireNonNull(features, "features"), null, columns, targets, sampleWeights, offsets);
        if ((long) targets.length * columns != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected "
                    + targets.length + " rows × " + columns + " columns");
        }
        requireFinite(features, "features");
    }

    /**
     * Rows kept sparse: the same data as the dense form with every zero feature left out, and the same fit. Every
     * loop over the rows skips the zeros; since {@code z + w·0 = z}, each score and gradient sum is the same
     * number either way.
     *
     * @param rows the non-zero features of each row
     * @param columns the number of features per row, at least 1
     * @param targets one target per row, at least one row
     * @param sampleWeights as for {@link #Dataset(double[], int, double[], double[])}; {@code null} for none
     * @param offsets one finite offset per row, or {@code null}
     * @throws IllegalArgumentException if the shapes disagree, a column is out of order or a value is not finite
     */
    public Dataset(SparseRows rows, int columns, double[] targets, double[] sampleWeights, double[] offsets) {
        this(null, Objects.requireNonNull(rows, "rows"), columns, targets, sampleWeights, offsets);
        if (rows.rows() != targets.length) {
            throw new IllegalArgumentException(
                    "the sparse rows hold " + rows.rows() + " rows, expected " + targets.length);
        }
        rows.check(columns);
        requireFinite(rows.values(), "features"); // the unread tail too: zeros
    }

    private Dataset(
            double[] features,
            SparseRows sparse,
            int columns,
            double[] targets,
            double[] sampleWeights,
            double[] offsets) {
        Objects.requireNonNull(targets, "targets");
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, was " + columns);
        }
        if (targets.length == 0) {
            throw new IllegalArgumentException("a dataset needs at least one row");
        }
        requireFinite(targets, "targets");
        if (offsets != null) {
            if (offsets.length != targets.length) {
                throw new IllegalArgumentException(
                        "offsets hold " + offsets.length + " values, expected one per row (" + targets.length + ")");
            }
            requireFinite(offsets, "offsets");
        }
        double[] weights = sampleWeights == null ? null : normalised(sampleWeights, targets.length);
        this.weightExponent = weights == null || weights == sampleWeights ? 0 : exponentOfLargest(sampleWeights);
        this.weightSum = weights == null ? targets.length : checkedWeightSum(weights);
        this.features = features;
        this.sparse = sparse;
        this.targets = targets;
        this.sampleWeights = weights;
        this.offsets = offsets;
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
        if (sparse == null) {
            return features[i * columns + j];
        }
        int k = java.util.Arrays.binarySearch(sparse.columnIndex(), sparse.rowStart()[i], sparse.rowStart()[i + 1], j);
        return k >= 0 ? sparse.values()[k] : 0.0;
    }

    /**
     * {@code start + Σⱼ w[from + j]·xᵢⱼ}, summed in column order (the zeros of sparse rows left out, which adds
     * nothing): row {@code i}'s linear score when {@code start} is the intercept.
     */
    public double linear(int i, double start, double[] w, int from) {
        double z = start;
        if (sparse == null) {
            for (int j = 0, base = i * columns; j < columns; j++) {
                z += w[from + j] * features[base + j];
            }
        } else {
            int[] column = sparse.columnIndex();
            double[] value = sparse.values();
            for (int k = sparse.rowStart()[i], end = sparse.rowStart()[i + 1]; k < end; k++) {
                z += w[from + column[k]] * value[k];
            }
        }
        return z;
    }

    /** {@code g[from + j] += a·xᵢⱼ} for every feature {@code j} of row {@code i} (its non-zero ones when sparse). */
    public void addScaled(int i, double a, double[] g, int from) {
        if (sparse == null) {
            for (int j = 0, base = i * columns; j < columns; j++) {
                g[from + j] += a * features[base + j];
            }
        } else {
            int[] column = sparse.columnIndex();
            double[] value = sparse.values();
            for (int k = sparse.rowStart()[i], end = sparse.rowStart()[i + 1]; k < end; k++) {
                g[from + column[k]] += a * value[k];
            }
        }
    }

    /** Writes row {@code i}'s features, zeros included, into {@code out[at..at+columns)}. */
    public void copyRow(int i, double[] out, int at) {
        if (sparse == null) {
            System.arraycopy(features, i * columns, out, at, columns);
        } else {
            java.util.Arrays.fill(out, at, at + columns, 0.0);
            for (int k = sparse.rowStart()[i], end = sparse.rowStart()[i + 1]; k < end; k++) {
                out[at + sparse.columnIndex()[k]] = sparse.values()[k];
            }
        }
    }

    /** Whether the rows are kept sparse ({@link #sparseRows()}) rather than as one dense array ({@link #features()}). */
    public boolean isSparse() {
        return sparse != null;
    }

    /** The sparse rows themselves, or {@code null} when the rows are dense; do not modify. */
    public SparseRows sparseRows() {
        return sparse;
    }

    /** The largest magnitude of each column. */
    public double[] largestMagnitudes() {
        double[] largest = new double[columns];
        if (sparse == null) {
            for (int base = 0; base < features.length; base += columns) {
                for (int j = 0; j < columns; j++) {
                    largest[j] = Math.max(largest[j], Math.abs(features[base + j]));
                }
            }
        } else {
            for (int k = 0; k < sparse.stored(); k++) {
                int j = sparse.columnIndex()[k];
                largest[j] = Math.max(largest[j], Math.abs(sparse.values()[k]));
            }
        }
        return largest;
    }

    /**
     * The rows {@code indices} (in that order) as a new dataset of the same form, with their targets, sample
     * weights (as held, so rescaled ones stay rescaled) and offsets.
     */
    public Dataset select(int[] indices) {
        int m = indices.length;
        double[] y = new double[m];
        double[] s = sampleWeights == null ? null : new double[m];
        double[] o = offsets == null ? null : new double[m];
        for (int r = 0; r < m; r++) {
            int i = indices[r];
            y[r] = targets[i];
            if (s != null) {
                s[r] = sampleWeights[i];
            }
            if (o != null) {
                o[r] = offsets[i];
            }
        }
        if (sparse == null) {
            double[] x = new double[m * columns];
            for (int r = 0; r < m; r++) {
                System.arraycopy(features, indices[r] * columns, x, r * columns, columns);
            }
            return new Dataset(x, columns, y, s, o);
        }
        int[] start = new int[m + 1];
        for (int r = 0; r < m; r++) {
            int i = indices[r];
            start[r + 1] = start[r] + sparse.rowStart()[i + 1] - sparse.rowStart()[i];
        }
        int[] column = new int[start[m]];
        double[] value = new double[start[m]];
        for (int r = 0; r < m; r++) {
            int i = indices[r];
            int from = sparse.rowStart()[i];
            int length = sparse.rowStart()[i + 1] - from;
            System.arraycopy(sparse.columnIndex(), from, column, start[r], length);
            System.arraycopy(sparse.values(), from, value, start[r], length);
        }
        return new Dataset(new SparseRows(start, column, value), columns, y, s, o);
    }

    public double target(int i) {
        return targets[i];
    }

    /** The weight of row {@code i}: 1 unless sample weights were given. */
    public double sampleWeight(int i) {
        return sampleWeights == null ? 1.0 : sampleWeights[i];
    }

    /** The offset of row {@code i}, added to its linear score: 0 unless offsets were given. */
    public double offset(int i) {
        return offsets == null ? 0.0 : offsets[i];
    }

    /** Whether rows carry offsets. */
    public boolean hasOffsets() {
        return offsets != null;
    }

    /** The offset array itself, or {@code null}; do not modify. */
    public double[] offsets() {
        return offsets;
    }

    /** Whether rows carry sample weights; without them every row weighs 1. */
    public boolean isWeighted() {
        return sampleWeights != null;
    }

    /** {@code Σ wᵢ}, which is {@code n} without sample weights: the divisor of every mean. */
    public double weightSum() {
        return weightSum;
    }

    /**
     * The row-major feature array itself, for loops that need it; do not modify.
     *
     * @throws IllegalStateException if the rows are kept sparse: use the row methods ({@link #linear},
     *     {@link #addScaled}, {@link #copyRow}) or {@link #sparseRows()}
     */
    public double[] features() {
        if (features == null) {
            throw new IllegalStateException("the rows are kept sparse; they have no dense array");
        }
        return features;
    }

    /** The target array itself, for loops that need it; do not modify. */
    public double[] targets() {
        return targets;
    }

    /**
     * The power of two the given sample weights were divided by ({@code sampleWeight(i) = sᵢ·2^−e}), 0 when
     * they are held as given: what a sum of weights must be multiplied by ({@code Math.scalb(sum, e)},
     * exactly) to be reported in the caller's units.
     */
    public int weightExponent() {
        return weightExponent;
    }

    /**
     * The sample weights as they were given (the held ones scaled back by {@link #weightExponent}), a new
     * array, or {@code null}: what rebuilds this dataset, rescaling included, in another process.
     */
    public double[] givenSampleWeights() {
        if (sampleWeights == null) {
            return null;
        }
        double[] given = new double[sampleWeights.length];
        for (int i = 0; i < given.length; i++) {
            given[i] = Math.scalb(sampleWeights[i], weightExponent);
        }
        return given;
    }

    /** The sample-weight array itself, or {@code null}; do not modify. */
    public double[] sampleWeights() {
        return sampleWeights;
    }

    /** Power-of-two scales beyond which the weights are rescaled. */
    private static final int WEIGHT_EXPONENT_RANGE = 64;

    /**
     * The weights themselves, or a copy scaled by a power of two (exact for every weight within 2^1022 of
     * the largest; smaller ones are negligible beside it) when the largest is far from 1.
     */
    private static double[] normalised(double[] weights, int rows) {
        if (weights.length != rows) {
            throw new IllegalArgumentException(
                    "sampleWeights holds " + weights.length + " values, expected one per row (" + rows + ")");
        }
        double max = 0.0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("sampleWeights[" + i + "] must be finite and non-negative");
            }
            max = Math.max(max, weights[i]);
        }
        if (max == 0.0) {
            throw new IllegalArgumentException("sampleWeights must not all be zero");
        }
        int exponent = exponentOfLargest(weights);
        if (Math.abs(exponent) <= WEIGHT_EXPONENT_RANGE) {
            return weights;
        }
        double[] scaled = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            scaled[i] = Math.scalb(weights[i], -exponent);
        }
        return scaled;
    }

    /** The binary exponent of the largest weight, subnormals included; the weights are checked already. */
    private static int exponentOfLargest(double[] weights) {
        double max = 0.0;
        for (double weight : weights) {
            max = Math.max(max, weight);
        }
        int exponent = Math.getExponent(max);
        if (exponent < Double.MIN_EXPONENT) {
            exponent = Math.getExponent(max * 0x1p64) - 64; // subnormal: scale up to read its exponent
        }
        return exponent;
    }

    private static double checkedWeightSum(double[] weights) {
        double sum = 0.0;
        for (double weight : weights) {
            sum += weight;
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
