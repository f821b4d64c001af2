package dev.gradfit.plots;

import dev.gradfit.design.Design;
import dev.gradfit.design.DesignException;
import dev.gradfit.design.DesignMatrix;
import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.model.TrainingSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw table behind a design model's fit plot: its one numeric column and at most one categorical column, the
 * model's score over a range of the numeric column at each level (the stored design applied to synthetic raw rows
 * {@code {numeric: v, categorical: level}}, so that interactions and powers come out as the model computes them),
 * and the raw value and level of the sampled training points.
 *
 * <p>The sample holds design rows, not raw ones. A point's raw value is read from the design column named as the
 * numeric column (its main effect) or, in a design of separate slopes ({@code C(g) + x:C(g)}), from the sum of
 * its products with every level, of which one at most is not 0. Its level is the one whose synthetic row, with
 * that value, is the stored row again: the round trip also leaves out a point whose row the design filled in
 * (a missing cell with its indicator set), as its raw cell is not known.
 *
 * @param design the stored design
 * @param numeric the numeric column
 * @param categorical the categorical column, or {@code null} when the design reads only the numeric one
 * @param levels the categorical column's levels, sorted as the design sorts them; one unnamed level without one
 */
record RawColumns(Design design, String numeric, String categorical, List<String> levels) {

    /** More curves than this make a legend taller than the plot and colours that repeat: not drawn. */
    static final int MAX_LEVELS = 20;

    /**
     * The raw columns of {@code design}.
     *
     * @throws NotDrawable saying why, if the design does not read exactly one numeric column (by its values
     *     only) and at most one categorical column of at most {@link #MAX_LEVELS} levels
     */
    static RawColumns of(Design design) {
        List<String> numericColumns = new ArrayList<>();
        List<String> categoricalColumns = new ArrayList<>();
        for (String input : design.inputs()) {
            (design.levels(input).isEmpty() ? numericColumns : categoricalColumns).add(input);
        }
        if (numericColumns.size() != 1) {
            throw new NotDrawable(
                    numericColumns.isEmpty()
                            ? "the design reads no numeric column to draw the curves over"
                            : "the design reads " + numericColumns.size() + " numeric columns ("
                                    + String.join(", ", numericColumns) + "); curves are drawn over one");
        }
        if (categoricalColumns.size() > 1) {
            throw new NotDrawable("the design reads " + categoricalColumns.size() + " categorical columns ("
                    + String.join(", ", categoricalColumns) + "); a curve per level is drawn for one");
        }
        if (categoricalColumns.isEmpty()) {
            return new RawColumns(design, numericColumns.get(0), null, List.of(""));
        }
        String categorical = categoricalColumns.get(0);
        List<String> levels = design.levels(categorical);
        if (levels.size() > MAX_LEVELS) {
            throw new NotDrawable(categorical + " has " + levels.size() + " levels, more than the " + MAX_LEVELS
                    + " curves a fit plot draws");
        }
        return new RawColumns(design, numericColumns.get(0), categorical, levels);
    }

    /** Why a design model's fit is not drawn as curves over its numeric column. */
    static final class NotDrawable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotDrawable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The scores {@code intercept + Σ cⱼ·designⱼ(v, level)} of {@code weights} at every {@code v} of {@code grid}.
     *
     * @throws NotDrawable if the design refuses the synthetic rows (a column it reads as numbers and as levels)
     */
    double[] scores(Weights weights, double[] grid, int level) {
        return weights.predictRows(apply(grid, level).values());
    }

    private DesignMatrix apply(double[] values, int level) {
        List<Column> columns = new ArrayList<>(2);
        columns.add(new NumericColumn(numeric, values.clone()));
        if (categorical != null) {
            columns.add(new TextColumn(categorical, new int[values.length], List.of(levels.get(level))));
        }
        try {
            return design.apply(new Table(columns));
        } catch (DesignException refused) {
            throw new NotDrawable("the design refuses rows of " + numeric
                    + (categorical == null ? "" : " and " + categorical) + " alone: " + refused.getMessage());
        }
    }

    /**
     * The sampled points whose raw value and level are recovered.
     *
     * @param rows the index in the sample of each recovered point, in sample order
     * @param x its raw value of the numeric column
     * @param level its level, an index into {@link #levels}
     */
    record Points(int[] rows, double[] x, int[] level) {

        int size() {
            return rows.length;
        }

        /** {@code values[rows[i]]} for every recovered point; {@code null} stays {@code null}. */
        double[] pick(double[] values) {
            if (values == null) {
                return null;
            }
            double[] picked = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                picked[i] = values[rows[i]];
            }
            return picked;
        }
    }

    /**
     * The raw value and level of every sampled point whose design row they give back.
     *
     * @throws NotDrawable if the design has no column to read the numeric value from, or no point is recovered
     */
    Points points(TrainingSample sample) {
        double[] x = numericValues(sample);
        int n = sample.rows();
        int[] level = new int[n];
        Arrays.fill(level, -1);
        for (int k = 0; k < levels.size(); k++) {
            double[] rebuilt = apply(x, k).values();
            for (int i = 0; i < n; i++) {
                if (sameRow(sample, i, rebuilt)) {
                    // Two levels with the same row (a product with 0 only) leave the level unknown.
                    level[i] = level[i] == -1 ? k : -2;
                }
            }
        }
        int kept = (int) Arrays.stream(level).filter(k -> k >= 0).count();
        if (kept == 0) {
            throw new NotDrawable("no sampled point's design row is that of a value of " + numeric
                    + (categorical == null ? "" : " and a level of " + categorical));
        }
        int[] rows = new int[kept];
        double[] keptX = new double[kept];
        int[] keptLevel = new int[kept];
        for (int i = 0, j = 0; i < n; i++) {
            if (level[i] >= 0) {
                rows[j] = i;
                keptX[j] = x[i];
                keptLevel[j++] = level[i];
            }
        }
        return new Points(rows, keptX, keptLevel);
    }

    /** The numeric column's value of each sampled row, read from its main effect or its separate slopes. */
    private double[] numericValues(TrainingSample sample) {
        List<String> names = design.columnNames();
        int[] sources;
        int main = names.indexOf(numeric);
        if (main >= 0) {
            sources = new int[] {main};
        } else {
            sources = new int[levels.size()];
            for (int k = 0; k < levels.size(); k++) {
                String level = categorical + "[" + levels.get(k) + "]";
                sources[k] = categorical == null
                        ? -1
                        : Math.max(names.indexOf(numeric + ":" + level), names.indexOf(level + ":" + numeric));
                if (sources[k] < 0) {
                    throw new NotDrawable("the design has no column " + numeric
                            + " of its own (nor one slope per level) to place the training points by");
                }
            }
        }
        double[] x = new double[sample.rows()];
        for (int i = 0; i < x.length; i++) {
            for (int source : sources) {
                x[i] += sample.feature(i, source);
            }
        }
        return x;
    }

    /**
     * Whether sampled row {@code i} is row {@code i} of {@code rebuilt}: the same design applied to the same raw
     * values computes the same doubles, so equal to a rounding error of the sum that read the value.
     */
    private static boolean sameRow(TrainingSample sample, int i, double[] rebuilt) {
        int columns = sample.columns();
        for (int j = 0; j < columns; j++) {
            double stored = sample.feature(i, j);
            double again = rebuilt[i * columns + j];
            if (Math.abs(stored - again) > 1e-12 * Math.max(1, Math.abs(stored))) {
                return false;
            }
        }
        return true;
    }
}
