package dev.gradfit.fitting.objective;

import static dev.gradfit.fitting.objective.SufficientStatisticsObjectiveTest.assertCloseRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.SparseRows;
import dev.gradfit.fitting.linalg.ParallelChunks;
import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Trainer;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class ParallelMeanLossObjectiveTest {

    /** {@code ℓ = log cosh(p − y)}: smooth, not squared, so no fast path applies. */
    private static final Loss LOG_COSH = new Loss() {
        @Override
        public double value(double prediction, double target) {
            return Math.log(Math.cosh(prediction - target));
        }

        @Override
        public double derivative(double prediction, double target) {
            return Math.tanh(prediction - target);
        }
    };

    /** 150,000 rows × 2 features: 300,000 values, ten chunks, above the parallel threshold. */
    private static Dataset data(boolean weighted) {
        SplittableRandom random = new SplittableRandom(17);
        int n = 150_000;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        double[] s = weighted ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            x[2 * i] = random.nextDouble(-3, 3);
            x[2 * i + 1] = random.nextGaussian();
            y[i] = 1 - 2 * x[2 * i] + 0.5 * x[2 * i + 1] + random.nextGaussian();
            if (s != null) {
                s[i] = random.nextDouble(0, 2);
            }
        }
        return new Dataset(x, 2, y, s);
    }

    @Test
    void givesTheSameBitsAcrossRunsAndPoolSizes() {
        Dataset data = data(true);
        Hyperparameters hyperparameters = new Hyperparameters(0.2, 10, null);
        FitResult reference = null;
        for (int threads : new int[] {1, 2, 3, 8}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                for (int run = 0; run < 2; run++) {
                    FitResult result = new Trainer()
                            .fit(new ParallelMeanLossObjective(data, LOG_COSH, true, pool), null, hyperparameters);
                    if (reference == null) {
                        reference = result;
                    }
                    // Fixed chunks summed in a fixed order: identical bits, not merely close ones.
                    assertThat(result.weights()).isEqualTo(reference.weights());
                    assertThat(result.costHistory()).containsExactly(reference.costHistory());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void agreesWithTheDirectLoop() {
        for (boolean weighted : new boolean[] {false, true}) {
            Dataset data = data(weighted);
            double[] w = {0.3, -1.2, 0.7};
            double[] parallelGradient = new double[3];
            double[] directGradient = new double[3];

            double parallel = new ParallelMeanLossObjective(data, LOG_COSH, true).valueAndGradient(w, parallelGradient);
            double direct = new MeanLossObjective(data, LOG_COSH, true).valueAndGradient(w, directGradient);

            // Chunked and running sums of 150,000 terms differ by rounding: about 1e-15 relative.
            assertThat(parallel).isCloseTo(direct, within(1e-12 * direct));
            assertCloseRelative(parallelGradient, directGradient, 1e-12);
            assertThat(new ParallelMeanLossObjective(data, LOG_COSH, true).value(w))
                    .isCloseTo(direct, within(1e-12 * direct));
        }
    }

    @Test
    void computesMiniBatchesExactlyAsTheDirectLoop() {
        Dataset data = data(true);
        int[] rows = {5, 99_000, 17, 3, 140_000, 8};
        double[] w = {0.3, -1.2, 0.7};
        double[] parallelGradient = new double[3];
        double[] directGradient = new double[3];

        double parallel = new ParallelMeanLossObjective(data, LOG_COSH, true)
                .batchValueAndGradient(w, parallelGradient, rows, 1, 5);
        double direct =
                new MeanLossObjective(data, LOG_COSH, true).batchValueAndGradient(w, directGradient, rows, 1, 5);

        // The same rows added in the same order: the same bits.
        assertThat(parallel).isEqualTo(direct);
        assertThat(parallelGradient).containsExactly(directGradient);
    }

    @Test
    void fitsEveryLossLikeTheDirectLoopThroughTheTrainer() {
        Dataset data = data(false);
        for (Loss loss :
                new Loss[] {new HuberLoss(HuberLoss.DEFAULT_DELTA), AbsoluteLoss.INSTANCE, SquaredLoss.INSTANCE}) {
            for (Batching batching : new Batching[] {Batching.FULL, Batching.miniBatch(4096)}) {
                Hyperparameters hyperparameters = Hyperparameters.builder()
                        .learningRate(0.05)
                        .epochs(3)
                        .loss(loss)
                        .batching(batching)
                        .build();

                FitResult fast = new Trainer(100, Objectives.FASTEST).fit(data, hyperparameters);
                FitResult direct = new Trainer(100, ObjectiveFactory.DIRECT).fit(data, hyperparameters);

                // Same function, different order of additions over 150,000 rows: rounding only.
                assertCloseRelative(fast.weights().toVector(), direct.weights().toVector(), 1e-12);
                assertThat(fast.cost())
                        .as("%s, %s", loss, batching)
                        .isCloseTo(direct.cost(), within(1e-12 * direct.cost()));
            }
        }
    }

    @Test
    void holdsTheInterceptWithoutOne() {
        double[] gradient = new double[3];

        new ParallelMeanLossObjective(data(false), LOG_COSH, false).valueAndGradient(new double[] {1, 0, 0}, gradient);

        assertThat(gradient[0]).isZero();
        assertThat(gradient[1]).isNotZero();
    }

    @Test
    void stopsWhenTheFitThreadIsInterrupted() {
        Objective objective = new ParallelMeanLossObjective(data(false), LOG_COSH, true);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> objective.valueAndGradient(new double[3], new double[3]))
                    .isInstanceOf(java.util.concurrent.CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * {@code n} sparse rows of 900 design columns, a number and a one-hot block of 899 levels: two values stored a
     * row. Targets are class indices {@code i mod classes}, or numbers near the number column when {@code classes}
     * is 0.
     */
    static Dataset wideOneHot(int n, int classes) {
        SplittableRandom random = new SplittableRandom(23);
        int[] rowStart = new int[n + 1];
        int[] columnIndex = new int[2 * n];
        double[] values = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = 2 * i + 2;
            values[2 * i] = random.nextGaussian();
            columnIndex[2 * i + 1] = 1 + i % 899;
            values[2 * i + 1] = 1.0;
            y[i] = classes > 0 ? i % classes : values[2 * i] + 0.01 * (i % 899) + random.nextGaussian();
        }
        return new Dataset(new SparseRows(rowStart, columnIndex, values), 900, y, null, null);
    }

    @Test
    void keepsThePartialSumsOfAWideSparseDesignWithinTheirBound() {
        // 300,000 rows of 900 columns: chunks of 32768 / 900 = 36 rows would keep 8,334 slots of 902 sums, 60 MB.
        Dataset data = wideOneHot(300_000, 0);
        ForkJoinPool three = new ForkJoinPool(3);
        ParallelMeanLossObjective objective = new ParallelMeanLossObjective(data, LOG_COSH, true, three);

        assertThat((long) objective.partialValues()).isLessThanOrEqualTo(ParallelChunks.MAX_PARTIAL_VALUES);
        // Chunks sized by the two values a row stores: 16,384 rows each, 19 chunks.
        assertThat(objective.partialValues()).isEqualTo(19 * 902);
        double[] w = new double[901];
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < w.length; k++) {
            w[k] = random.nextGaussian() * 0.1;
        }
        double[] gradient = new double[901];
        double[] direct = new double[901];
        double cost = objective.valueAndGradient(w, gradient);
        double directCost = new MeanLossObjective(data, LOG_COSH, true).valueAndGradient(w, direct);
        // Sums of 300,000 terms in two orders: 1e-12 relative.
        assertThat(cost).isCloseTo(directCost, within(1e-12 * directCost));
        assertCloseRelative(gradient, direct, 1e-10);
        // The chunks depend on the shape alone: one thread gives the same bits.
        double[] alone = new double[901];
        assertThat(new ParallelMeanLossObjective(data, LOG_COSH, true, new ForkJoinPool(1)).valueAndGradient(w, alone))
                .isEqualTo(cost);
        assertThat(alone).containsExactly(gradient);
        three.shutdown();
    }

    @Test
    void enlargesChunksWhenTheirPartialSumsWouldOutgrowTheBound() {
        // A million and a half dense-touching rows of 900 columns: 36-row chunks would keep 38 M sums, 300 MB.
        int rows = 1_500_000;
        int chunkRows = ParallelChunks.chunkRows(rows, 900, 902);
        long chunks = ParallelChunks.chunkCount(rows, chunkRows);
        assertThat(chunks * 902).isLessThanOrEqualTo(ParallelChunks.MAX_PARTIAL_VALUES);
        assertThat(chunks * 902).isGreaterThan(ParallelChunks.MAX_PARTIAL_VALUES / 2);
        // Within the bound the chunks are what they were: 32768 values a chunk.
        assertThat(ParallelChunks.chunkRows(100_000, 900, 902)).isEqualTo(ParallelChunks.chunkRows(900));
        assertThatThrownBy(() -> ParallelChunks.chunkRows(10, 1, ParallelChunks.MAX_PARTIAL_VALUES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
