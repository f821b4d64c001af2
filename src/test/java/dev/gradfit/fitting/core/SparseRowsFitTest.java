package dev.gradfit.fitting.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.Fit;
import dev.gradfit.fitting.FitOptions;
import dev.gradfit.fitting.Fitter;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.optimizer.Lbfgs;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Standardizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A fit on sparse rows is the fit on the same rows kept dense: the loops skip the zeros, and adding {@code w·0}
 * changes no sum, so every weight, cost, metric and reference is the same number. Standardization measures the
 * columns from the stored values, in another order, so a standardized fit agrees to rounding.
 */
class SparseRowsFitTest {

    private static final int ROWS = 400;
    /** x1, x2, then a one-hot block of 5 levels less the first, then one of 3 less the first: 8 columns. */
    private static final int COLUMNS = 8;

    private final Fitter fitter = new Fitter(10_000);

    @Test
    void squaredLossByGradientDescentIsTheSameFitBitForBit() {
        Table t = table(1);
        assertSameFit(
                t,
                t.y,
                null,
                null,
                Hyperparameters.defaults().toBuilder()
                        .learningRate(0.05)
                        .epochs(300)
                        .build());
    }

    @Test
    void squaredLossWithWeightsAndL1IsTheSameFitBitForBit() {
        Table t = table(2);
        assertSameFit(
                t,
                t.y,
                t.weights,
                null,
                Hyperparameters.defaults().toBuilder()
                        .learningRate(0.05)
                        .epochs(200)
                        .regularization(new Regularization(0.01, 0.0))
                        .build());
    }

    @Test
    void logisticPoissonAndSoftmaxAreTheSameFitBitForBit() {
        Table t = table(3);
        assertSameFit(
                t,
                t.classes,
                null,
                null,
                Hyperparameters.defaults().toBuilder()
                        .loss(LogisticLoss.INSTANCE)
                        .learningRate(0.5)
                        .epochs(200)
                        .build());
        assertSameFit(
                t,
                t.counts,
                t.weights,
                t.offsets,
                Hyperparameters.defaults().toBuilder()
                        .loss(PoissonLoss.INSTANCE)
                        .optimizer(new Lbfgs(10))
                        .epochs(100)
                        .build());
        assertSameFit(
                t,
                t.labels,
                null,
                null,
                Hyperparameters.defaults().toBuilder()
                        .loss(new SoftmaxLoss(3))
                        .optimizer(new Lbfgs(10))
                        .epochs(100)
                        .regularization(new Regularization(0.0, 0.01))
                        .build());
    }

    @Test
    void miniBatchesAndEarlyStoppingSplitSparseRowsAsTheyDoDenseOnes() {
        Table t = table(4);
        assertSameFit(
                t,
                t.y,
                null,
                null,
                Hyperparameters.defaults().toBuilder()
                        .loss(new HuberLoss(1.0))
                        .learningRate(0.05)
                        .epochs(100)
                        .batching(Batching.miniBatch(32))
                        .stoppingRules(List.of(new EarlyStoppingRule(0.2, 1e-9, 5)))
                        .build());
    }

    @Test
    void aStandardizedFitAgreesToRounding() {
        Table t = table(5);
        Hyperparameters lbfgs = Hyperparameters.defaults().toBuilder()
                .optimizer(new Lbfgs(10))
                .epochs(100)
                .build();
        Fit dense = fitter.fit(t.dense(t.y, null, null), lbfgs, new FitOptions(true, Duration.ofSeconds(30)));
        Fit sparse = fitter.fit(t.sparse(t.y, null, null), lbfgs, new FitOptions(true, Duration.ofSeconds(30)));

        double[] a = dense.result().weights().toVector();
        double[] b = sparse.result().weights().toVector();
        for (int k = 0; k < a.length; k++) {
            assertThat(Math.abs(a[k] - b[k])).as("weight %d", k).isLessThan(1e-12 * (1 + Math.abs(a[k])));
        }
        assertThat(sparse.result().cost())
                .isCloseTo(dense.result().cost(), org.assertj.core.data.Percentage.withPercentage(1e-10));
        Standardizer denseScaling = Standardizer.of(t.dense(t.y, null, null), true);
        Standardizer sparseScaling = Standardizer.of(t.sparse(t.y, null, null), true);
        for (int j = 0; j < COLUMNS; j++) {
            assertThat(sparseScaling.means()[j])
                    .isCloseTo(denseScaling.means()[j], org.assertj.core.data.Offset.offset(1e-14));
            assertThat(sparseScaling.scales()[j] / denseScaling.scales()[j])
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-14));
        }
    }

    @Test
    void rowsReadTheSameWhicheverTheForm() {
        Table t = table(6);
        Dataset dense = t.dense(t.y, null, null);
        Dataset sparse = t.sparse(t.y, null, null);
        double[] a = new double[COLUMNS];
        double[] b = new double[COLUMNS];
        for (int i = 0; i < ROWS; i++) {
            dense.copyRow(i, a, 0);
            sparse.copyRow(i, b, 0);
            assertThat(b).containsExactly(a);
            for (int j = 0; j < COLUMNS; j++) {
                assertThat(sparse.feature(i, j)).isEqualTo(dense.feature(i, j));
            }
        }
        assertThat(sparse.largestMagnitudes()).containsExactly(dense.largestMagnitudes());
        int[] some = {5, 0, 399, 17};
        Dataset picked = sparse.select(some);
        assertThat(picked.isSparse()).isTrue();
        for (int r = 0; r < some.length; r++) {
            picked.copyRow(r, b, 0);
            dense.copyRow(some[r], a, 0);
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void aPassOverSparseRowsCountsTheValuesTheyStore() {
        Table t = table(7);
        Dataset sparse = t.sparse(t.y, null, null);
        long rows = sparse.rows();
        long touched = (sparse.sparseRows().stored() + rows - 1) / rows;
        assertThat(touched).isLessThan(COLUMNS);
        Hyperparameters logistic = Hyperparameters.defaults().toBuilder()
                .loss(LogisticLoss.INSTANCE)
                .epochs(99)
                .build();

        // rows × (stored a row + 1) × (99 epochs + 1), where dense rows count every column.
        assertThat(Fitter.work(sparse, logistic, false)).isEqualTo(rows * (touched + 1) * 100);
        assertThat(Fitter.work(t.dense(t.classes, null, null), logistic, false)).isEqualTo(rows * (COLUMNS + 1) * 100);
        // Standardized squared loss, in double-double: five times the passes.
        assertThat(Fitter.work(sparse, Hyperparameters.defaults(), true)).isEqualTo(5 * rows * (touched + 1) * 1001);
        // The squared loss's sufficient statistics write every row out: all its columns count.
        assertThat(Fitter.work(sparse, Hyperparameters.defaults(), false))
                .isEqualTo(Fitter.work(t.dense(t.y, null, null), Hyperparameters.defaults(), false));
    }

    private void assertSameFit(
            Table t, double[] y, double[] weights, double[] offsets, Hyperparameters hyperparameters) {
        FitOptions options = new FitOptions(false, Duration.ofSeconds(30));
        Fit dense = fitter.fit(t.dense(y, weights, offsets), hyperparameters, options);
        Fit sparse = fitter.fit(t.sparse(y, weights, offsets), hyperparameters, options);

        assertThat(sparse.result().weights().toVector())
                .containsExactly(dense.result().weights().toVector());
        assertThat(sparse.result().costHistory()).isEqualTo(dense.result().costHistory());
        assertThat(sparse.result().cost()).isEqualTo(dense.result().cost());
        assertThat(sparse.diagnostics().metrics()).isEqualTo(dense.diagnostics().metrics());
        // The references standardize their rows themselves, from the stored values when sparse: to rounding.
        assertThat(sparse.diagnostics().reference().available())
                .isEqualTo(dense.diagnostics().reference().available());
        if (dense.diagnostics().reference().available()) {
            double[] a = dense.diagnostics().reference().weights().toVector();
            double[] b = sparse.diagnostics().reference().weights().toVector();
            for (int k = 0; k < a.length; k++) {
                assertThat(Math.abs(a[k] - b[k])).as("reference weight %d", k).isLessThan(1e-9 * (1 + Math.abs(a[k])));
            }
        }
        if (dense.diagnostics().reference().available()) {
            assertThat(sparse.diagnostics().optimalityGap())
                    .isCloseTo(dense.diagnostics().optimalityGap(), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /** Rows of a small table's design: two numbers, two categorical columns one-hot with their first level dropped. */
    private static Table table(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[ROWS * COLUMNS];
        double[] y = new double[ROWS];
        double[] classes = new double[ROWS];
        double[] counts = new double[ROWS];
        double[] labels = new double[ROWS];
        double[] weights = new double[ROWS];
        double[] offsets = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            int base = i * COLUMNS;
            x[base] = random.nextGaussian();
            x[base + 1] = random.nextInt(4) == 0 ? 0.0 : 1 + random.nextDouble();
            int a = random.nextInt(5);
            int b = random.nextInt(3);
            if (a > 0) {
                x[base + 1 + a] = 1.0;
            }
            if (b > 0) {
                x[base + 5 + b] = 1.0;
            }
            double score = 0.5 + x[base] - 0.7 * x[base + 1] + 0.3 * a - 0.4 * b;
            y[i] = score + random.nextGaussian();
            classes[i] = score + random.nextGaussian() > 0 ? 1 : 0;
            offsets[i] = Math.log(1 + random.nextInt(3));
            counts[i] = Math.round(Math.exp(0.2 * score + offsets[i]) * random.nextDouble() * 2);
            labels[i] = (a + b) % 3;
            weights[i] = 0.5 + random.nextInt(3);
        }
        return new Table(x, y, classes, counts, labels, weights, offsets);
    }

    private record Table(
            double[] x,
            double[] y,
            double[] classes,
            double[] counts,
            double[] labels,
            double[] weights,
            double[] offsets) {

        Dataset dense(double[] targets, double[] sampleWeights, double[] rowOffsets) {
            return new Dataset(x.clone(), COLUMNS, targets, sampleWeights, rowOffsets);
        }

        Dataset sparse(double[] targets, double[] sampleWeights, double[] rowOffsets) {
            List<Integer> columns = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            int[] start = new int[ROWS + 1];
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < COLUMNS; j++) {
                    if (x[i * COLUMNS + j] != 0.0) {
                        columns.add(j);
                        values.add(x[i * COLUMNS + j]);
                    }
                }
                start[i + 1] = columns.size();
            }
            return new Dataset(
                    new SparseRows(
                            start,
                            columns.stream().mapToInt(Integer::intValue).toArray(),
                            values.stream().mapToDouble(Double::doubleValue).toArray()),
                    COLUMNS,
                    targets,
                    sampleWeights,
                    rowOffsets);
        }
    }
}
