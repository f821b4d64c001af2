package dev.gradfit.fitting.objective;

import static dev.gradfit.fitting.objective.SufficientStatisticsObjectiveTest.assertCloseRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.linalg.ParallelChunks;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class SoftmaxObjectiveTest {

    /** {@code n} rows of {@code d} features and labels drawn from a softmax model, with sample weights if asked. */
    private static Dataset sample(int n, int d, int classes, long seed, boolean weighted) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] s = weighted ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = random.nextGaussian() * (j + 1);
            }
            y[i] = random.nextInt(classes);
            if (weighted) {
                s[i] = random.nextDouble(0, 3);
            }
        }
        return new Dataset(x, d, y, s);
    }

    private static double[] randomWeights(int size, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[size];
        for (int k = 0; k < size; k++) {
            w[k] = random.nextGaussian() * scale;
        }
        return w;
    }

    @Test
    void hasTheGradientOfItsCostByFiniteDifferences() {
        Dataset data = sample(200, 3, 4, 1, true);
        SoftmaxLoss loss = new SoftmaxLoss(4);
        Objective objective =
                RegularizedObjective.of(new SoftmaxObjective(data, loss, true), new Regularization(0, 0.05));
        double[] w = randomWeights(objective.dimension(), 2, 0.7);
        double[] gradient = new double[w.length];
        objective.valueAndGradient(w, gradient);

        for (int k = 0; k < w.length; k++) {
            // Central differences: error h²·J'''/6 ≈ 1e-10 plus rounding ε·J/h ≈ 1e-11 at h = 1e-5.
            double h = 1e-5;
            double[] up = w.clone();
            double[] down = w.clone();
            up[k] += h;
            down[k] -= h;
            double numeric = (objective.value(up) - objective.value(down)) / (2 * h);
            assertThat(gradient[k]).as("entry %d", k).isCloseTo(numeric, within(1e-8));
        }
    }

    @Test
    void hasAGradientThatSumsToZeroOverTheClasses() {
        Dataset data = sample(300, 2, 3, 3, false);
        SoftmaxObjective objective = new SoftmaxObjective(data, new SoftmaxLoss(3), true);
        double[] gradient = new double[9];
        objective.valueAndGradient(randomWeights(9, 4, 1.0), gradient);

        for (int a = 0; a < 3; a++) {
            // Each entry is a mean of terms of size up to |x| ≈ 6; their class sums cancel to rounding.
            assertThat(gradient[a] + gradient[3 + a] + gradient[6 + a]).isCloseTo(0.0, within(1e-14));
        }
    }

    @Test
    void fusedKernelEqualsTheDirectLoop() {
        // Enough values for several chunks on several threads: the sums are formed in another order.
        Dataset data = sample(40_000, 5, 3, 5, true);
        assertThat(ParallelChunks.chunkCount(data.rows(), ParallelChunks.chunkRows(5)))
                .isGreaterThan(1);
        SoftmaxLoss loss = new SoftmaxLoss(3);
        double[] w = randomWeights(18, 6, 2.0);
        double[] fastGradient = new double[18];
        double[] directGradient = new double[18];

        ParallelSoftmaxObjective fast = new ParallelSoftmaxObjective(data, loss, true, new ForkJoinPool(2));
        double fastCost = fast.valueAndGradient(w, fastGradient);
        double directCost = new SoftmaxObjective(data, loss, true).valueAndGradient(w, directGradient);

        // Sums of 40,000 terms in two orders, each term the same bits: 1e-12 relative.
        assertThat(fastCost).isCloseTo(directCost, within(1e-12 * directCost));
        assertCloseRelative(fastGradient, directGradient, 1e-12);
        assertThat(fast.value(w)).isEqualTo(fastCost);
        // Deterministic: the same request gives the same bits whatever the pool.
        double[] again = new double[18];
        double serial = new ParallelSoftmaxObjective(data, loss, true, new ForkJoinPool(1)).valueAndGradient(w, again);
        assertThat(serial).isEqualTo(fastCost);
        assertThat(again).isEqualTo(fastGradient);
    }

    @Test
    void fusedKernelEqualsTheDirectLoopBitForBitInOneChunk() {
        Dataset data = sample(500, 4, 5, 7, true);
        SoftmaxLoss loss = new SoftmaxLoss(5);
        double[] w = randomWeights(25, 8, 3.0);
        double[] fastGradient = new double[25];
        double[] directGradient = new double[25];

        double fast = new ParallelSoftmaxObjective(data, loss, false).valueAndGradient(w, fastGradient);
        double direct = new SoftmaxObjective(data, loss, false).valueAndGradient(w, directGradient);

        assertThat(fast).isEqualTo(direct);
        assertThat(fastGradient).isEqualTo(directGradient);
        for (int k = 0; k < 5; k++) {
            assertThat(fastGradient[k * 5])
                    .as("intercept %d held without an intercept", k)
                    .isZero();
        }
    }

    @Test
    void computesMiniBatchesAsTheMeanOverTheirRows() {
        Dataset data = sample(60, 2, 3, 9, true);
        SoftmaxLoss loss = new SoftmaxLoss(3);
        double[] w = randomWeights(9, 10, 1.0);
        int[] rows = new int[60];
        for (int i = 0; i < 60; i++) {
            rows[i] = (i * 7) % 60;
        }
        double[] full = new double[9];
        double[] batch = new double[9];
        Objective objective = new ParallelSoftmaxObjective(data, loss, true);

        double cost = objective.valueAndGradient(w, full);
        double batchCost = objective.batchValueAndGradient(w, batch, rows, 0, 60);

        // One batch of every row, in another order: the full cost, to rounding.
        assertThat(objective.supportsBatches()).isTrue();
        assertThat(batchCost).isCloseTo(cost, within(1e-14));
        assertCloseRelative(batch, full, 1e-13);
        // A batch of one row is that row's loss.
        double[] one = new double[9];
        double rowCost = objective.batchValueAndGradient(w, one, rows, 5, 6);
        double[] scores = new double[3];
        SoftmaxKernel.scores(data, rows[5], w, 3, scores);
        assertThat(rowCost).isEqualTo(loss.value(scores, 0, data.target(rows[5])));
    }

    @Test
    void withTwoClassesIsTheLogisticLossOfTheDifferenceOfTheRows() {
        // p_1 = e^(z_1) / (e^(z_0) + e^(z_1)) = σ(z_1 − z_0): softmax over rows (w_0, w_1) is logistic
        // regression with weights v = w_1 − w_0, and its gradient is ±(the logistic gradient) per row.
        Dataset data = sample(400, 3, 2, 11, true);
        double[] w = randomWeights(8, 12, 1.5);
        double[] v = new double[4];
        for (int a = 0; a < 4; a++) {
            v[a] = w[4 + a] - w[a];
        }
        double[] softmaxGradient = new double[8];
        double[] logisticGradient = new double[4];

        double softmax = new SoftmaxObjective(data, new SoftmaxLoss(2), true).valueAndGradient(w, softmaxGradient);
        double logistic =
                new MeanLossObjective(data, LogisticLoss.INSTANCE, true).valueAndGradient(v, logisticGradient);

        // The two compute log(1 + e^u) by different formulas: a few ulps per row.
        assertThat(softmax).isCloseTo(logistic, within(1e-14));
        for (int a = 0; a < 4; a++) {
            assertThat(softmaxGradient[4 + a]).isCloseTo(logisticGradient[a], within(1e-14));
            assertThat(softmaxGradient[a]).isCloseTo(-logisticGradient[a], within(1e-14));
        }
    }

    @Test
    void costsTheWeightsAccuratelyWhereScoresAreLarge() {
        // Scores 1000 apart: a plain e^z overflows, the log-sum-exp does not. The exact costs by hand below.
        double[] x = {1000, 0, -1000};
        double[] y = {0, 2, 1};
        Dataset data = new Dataset(x, 1, y);
        double[] w = {0, 1, 0, 0, 0, 0}; // class 0 scores x, the others 0
        SoftmaxLoss loss = new SoftmaxLoss(3);

        double direct = new SoftmaxObjective(data, loss, true).value(w);
        double accurate = CostOfWeights.of(data, loss, w, Regularization.NONE, null);

        // Row 0: log(1 + 2e^−1000) = 0 to double precision. Row 1 (x = 0): log 3. Row 2 (x = −1000, class 1):
        // log(e^−1000 + 2) = log 2.
        double expected = (Math.log(3) + Math.log(2)) / 3;
        assertThat(direct).isCloseTo(expected, within(1e-15));
        assertThat(accurate).isCloseTo(expected, within(1e-15));
    }

    @Test
    void rejectsTargetsThatAreNotClassIndices() {
        SoftmaxLoss loss = new SoftmaxLoss(3);
        for (double bad : new double[] {-1, 3, 1.5}) {
            Dataset data = new Dataset(new double[] {0, 1}, 1, new double[] {0, bad});
            assertThatThrownBy(() -> new ParallelSoftmaxObjective(data, loss, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("target 1");
        }
        assertThatThrownBy(() -> new MeanLossObjective(Dataset.of(new double[] {0}, new double[] {0}), loss))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SoftmaxLoss(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsThePartialSumsOfManyClassesOfAWideSparseDesignWithinTheirBound() {
        // 500 classes × 901 weights: a slot of 450,501 sums. Chunks of 36 rows would make 5,556 of them, 2.5·10⁹
        // values, more than an int counts.
        Dataset data = ParallelMeanLossObjectiveTest.wideOneHot(200_000, 500);
        ParallelSoftmaxObjective objective = new ParallelSoftmaxObjective(data, new SoftmaxLoss(500), true);

        assertThat((long) objective.partialValues()).isLessThanOrEqualTo(ParallelChunks.MAX_PARTIAL_VALUES);
        assertThat(objective.partialValues() % 450_501).isZero();
    }

    @Test
    void agreesWithTheDirectLoopInEnlargedChunks() {
        Dataset data = ParallelMeanLossObjectiveTest.wideOneHot(20_000, 500);
        SoftmaxLoss loss = new SoftmaxLoss(500);
        ForkJoinPool three = new ForkJoinPool(3);
        ParallelSoftmaxObjective fast = new ParallelSoftmaxObjective(data, loss, true, three);
        double[] w = randomWeights(500 * 901, 8, 0.1);
        double[] fastGradient = new double[w.length];
        double[] directGradient = new double[w.length];

        double fastCost = fast.valueAndGradient(w, fastGradient);
        double directCost = new SoftmaxObjective(data, loss, true).valueAndGradient(w, directGradient);

        // Two chunks of 16,384 and 3,616 rows against one running sum: 1e-12 relative.
        assertThat(fast.partialValues()).isEqualTo(2 * 450_501);
        assertThat(fastCost).isCloseTo(directCost, within(1e-12 * directCost));
        assertThat(fast.value(w)).isEqualTo(fastCost);
        double[] alone = new double[w.length];
        assertThat(new ParallelSoftmaxObjective(data, loss, true, new ForkJoinPool(1)).valueAndGradient(w, alone))
                .isEqualTo(fastCost);
        assertThat(alone).containsExactly(fastGradient);
        three.shutdown();
    }

    @Test
    void refusesAModelWhoseOneSlotOutgrowsTheBound() {
        // 1000 classes × 4,996 weights: 5 M sums in a single slot.
        assertThat(ParallelSoftmaxObjective.fits(1000, 4995)).isFalse();
        assertThat(ParallelSoftmaxObjective.fits(500, 900)).isTrue();
        Dataset data = new Dataset(new double[4995 * 2], 4995, new double[] {0, 1});
        assertThatThrownBy(() -> new ParallelSoftmaxObjective(data, new SoftmaxLoss(1000), true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
