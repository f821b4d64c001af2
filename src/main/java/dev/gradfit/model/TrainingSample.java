package dev.gradfit.model;

import dev.gradfit.fitting.core.Dataset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Some of the points a model was fitted on, exactly as they were sent (never standardized): what its plots
 * draw. A fit on at most {@code limit} rows keeps them all; a larger one keeps {@code limit} rows chosen at
 * random with the fit's seed (fewer when its rows are wide: see {@link #of}), in their original order, so the
 * same fit always keeps the same rows. A fit with offsets (a log-link model's log exposure) keeps the offset of
 * every kept row too, so that the plots put the exposure back: μᵢ = e^(zᵢ + offsetᵢ).
 *
 * @param x the features of the kept rows, row-major, {@code columns} values a row
 * @param columns the number of features per row, at least 1
 * @param y the target of each kept row
 * @param sourceRows the number of rows the fit was given, of which these are a sample
 * @param offsets the offset of each kept row, or {@code null} when the fit had none
 */
public record TrainingSample(double[] x, int columns, double[] y, long sourceRows, double[] offsets) {

    /**
     * The most feature values a sample keeps, 1.6 MB of doubles: 2000 rows of a 968-column one-hot design would
     * keep 15 MB a model, and a store of such models would fill the heap with plot points.
     */
    public static final int MAX_VALUES = 200_000;

    /** The fewest rows a sample keeps within {@code limit}, however wide the rows: enough to draw. */
    public static final int MIN_ROWS = 20;

    public TrainingSample {
        if (columns < 1) {
            throw new IllegalArgumentException("a sample needs at least one column, was " + columns);
        }
        if ((long) y.length * columns != x.length) {
            throw new IllegalArgumentException(
                    "a sample of " + y.length + " rows × " + columns + " columns holds " + x.length + " values");
        }
        if (sourceRows < y.length) {
            throw new IllegalArgumentException(
                    "a sample of " + y.length + " rows cannot come from " + sourceRows + " rows");
        }
        if (offsets != null && offsets.length != y.length) {
            throw new IllegalArgumentException("a sample of " + y.length + " rows has " + offsets.length + " offsets");
        }
        x = x.clone();
        y = y.clone();
        offsets = offsets == null ? null : offsets.clone();
    }

    /** A sample of a fit without offsets. */
    public TrainingSample(double[] x, int columns, double[] y, long sourceRows) {
        this(x, columns, y, sourceRows, null);
    }

    /**
     * At most {@code limit} rows of {@code data}, with their offsets when it has them, or {@code null} when
     * {@code limit} is 0 (no sample kept). Wide rows keep fewer: at most {@link #MAX_VALUES} feature values, and at
     * least {@link #MIN_ROWS} rows (see {@link #rowLimit}).
     *
     * @param seed the fit's seed: which rows a larger fit keeps
     */
    public static TrainingSample of(Dataset data, int limit, long seed) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return null;
        }
        int columns = data.columns();
        int[] rows = chooseRows(data.rows(), rowLimit(limit, columns), seed);
        double[] x = new double[rows.length * columns];
        double[] y = new double[rows.length];
        double[] offsets = data.hasOffsets() ? new double[rows.length] : null;
        for (int k = 0; k < rows.length; k++) {
            data.copyRow(rows[k], x, k * columns);
            y[k] = data.target(rows[k]);
            if (offsets != null) {
                offsets[k] = data.offset(rows[k]);
            }
        }
        return new TrainingSample(x, columns, y, data.rows(), offsets);
    }

    /**
     * The rows a sample of rows of {@code columns} features keeps: {@code limit}, fewer when that many would hold
     * more than {@link #MAX_VALUES} feature values, but never fewer than {@link #MIN_ROWS} (nor than {@code limit}).
     */
    static int rowLimit(int limit, int columns) {
        return Math.min(limit, Math.max(MIN_ROWS, MAX_VALUES / Math.max(1, columns)));
    }

    /**
     * {@code min(n, limit)} distinct row indices in increasing order: all of them, or a uniform random subset by
     * Floyd's algorithm, which draws exactly {@code limit} numbers and needs memory for the subset only.
     */
    private static int[] chooseRows(int n, int limit, long seed) {
        if (n <= limit) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Integer> chosen = new HashSet<>(2 * limit);
        for (int j = n - limit; j < n; j++) {
            int candidate = random.nextInt(j + 1);
            chosen.add(chosen.contains(candidate) ? j : candidate);
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The number of rows kept. */
    public int rows() {
        return y.length;
    }

    /** Feature {@code j} of kept row {@code i}. */
    public double feature(int i, int j) {
        return x[i * columns + j];
    }

    /** Returns a copy. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** Returns a copy. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** Returns a copy, or {@code null} when the fit had no offsets. */
    @Override
    public double[] offsets() {
        return offsets == null ? null : offsets.clone();
    }

    /** Whether the kept rows carry offsets. */
    public boolean hasOffsets() {
        return offsets != null;
    }

    /** The number of doubles held, for size estimates: features, targets and offsets. */
    public long storedValues() {
        return (long) x.length + y.length + (offsets == null ? 0 : offsets.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainingSample that
                && columns == that.columns
                && sourceRows == that.sourceRows
                && Arrays.equals(x, that.x)
                && Arrays.equals(y, that.y)
                && Arrays.equals(offsets, that.offsets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(x) + Arrays.hashCode(y)) + Arrays.hashCode(offsets)) + columns;
    }

    @Override
    public String toString() {
        return "TrainingSample[rows=" + rows() + ", columns=" + columns + ", sourceRows=" + sourceRows
                + (offsets == null ? "" : ", offsets") + "]";
    }
}
