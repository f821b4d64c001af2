package dev.gradfit.fitting.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Trainer;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SufficientStatisticsObjectiveTest {

    /**
     * The bar for the fast path against the direct loop. Both are exact formulas for the same
     * function; on this data their rounding differs by far less (around 1e-13), so 1e-9 has room.
     */
    private static final double PATHS_AGREE = 1e-9;

    /** Awkward data: feature means 1e6, 2e6, 3e6 with spreads of 1, 0.5 and 2, correlated, weighted. */
    private static Dataset awkward(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = 3;
        double[] x = new double[n * d];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double common = random.nextGaussian();
            x[i * d] = 1e6 + common;
            x[i * d + 1] = 2e6 + 0.5 * (0.6 * common + 0.8 * random.nextGaussian());
            x[i * d + 2] = 3e6 + 2 * random.nextGaussian();
            y[i] = 7 + 1.5 * x[i * d] - 0.25 * x[i * d + 1] + 0.125 * x[i * d + 2] + 0.1 * random.nextGaussian();
            s[i] = random.nextDouble(0, 3);
        }
        return new Dataset(x, d, y, s);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void followsTheDirectLoopEpochByEpochOnAwkwardData(boolean fitIntercept) {
        Dataset data = awkward(7, 3000);
        // Largest Hessian eigenvalue ≈ 2·|x̄|² ≈ 2.8e13, so steps below 7e-14 are stable.
        Hyperparameters hyperparameters =
                new Hyperparameters(3e-14, 400, new Weights(5, new double[] {1.4, -0.2, 0.1}));
        Trainer trainer = new Trainer();

        FitResult fast = trainer.fit(new SufficientStatisticsObjective(data, fitIntercept), null, hyperparameters);
        FitResult direct =
                trainer.fit(new MeanLossObjective(data, SquaredLoss.INSTANCE, fitIntercept), null, hyperparameters);

        assertCloseRelative(fast.weights().toVector(), direct.weights().toVector(), PATHS_AGREE);
        double[] fastHistory = fast.costHistory();
        double[] directHistory = direct.costHistory();
        assertThat(fastHistory).hasSameSizeAs(directHistory);
        // The cost falls by orders of magnitude along the way: compare each entry to itself.
        for (int i = 0; i < directHistory.length; i++) {
            assertThat(fastHistory[i]).isCloseTo(directHistory[i], within(PATHS_AGREE * directHistory[i]));
        }
        if (!fitIntercept) {
            assertThat(fast.weights().intercept()).isEqualTo(5.0);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void matchesExactArithmeticAtAndAwayFromTheOptimum(boolean fitIntercept) {
        Dataset data = awkward(11, 1500);
        Objective fast = new SufficientStatisticsObjective(data, fitIntercept);
        double[][] points = {
            {7, 1.5, -0.25, 0.125}, // the generating weights: residuals are the 0.1 noise
            {0, 1.5, -0.25, 0.125}, // an offset of 7 on top
            {3, 1, 0, 0},
            {0, 0, 0, 0}
        };
        for (double[] w : points) {
            double[] exact = ExactObjective.valueAndGradient(
                    data.features(), data.columns(), data.targets(), data.sampleWeights(), w);
            double[] gradient = new double[4];

            double cost = fast.valueAndGradient(w, gradient);

            // The inputs are doubles near 1e6: a prediction there is rounded to about 1e-10 before any
            // formula starts, so 1e-9 relative is what any double-precision method can promise.
            assertThat(cost).isCloseTo(exact[0], within(PATHS_AGREE * exact[0]));
            assertThat(fast.value(w)).isEqualTo(cost);
            for (int k = 0; k < 4; k++) {
                double expected = k == 0 && !fitIntercept ? 0.0 : exact[k + 1];
                // ∂J/∂w_k = 2·Σ s·x_k·r / W sums terms up to 2·sqrt(J·mean(s·x_k²)) in size (Cauchy–
                // Schwarz), and can be far smaller than them near the optimum: the error of any
                // floating-point evaluation scales with the terms, so that is the scale of the bar.
                double scale = 2 * Math.sqrt(exact[0] * meanSquare(data, k));
                assertThat(gradient[k])
                        .as("∂J/∂w%d at %s", k, java.util.Arrays.toString(w))
                        .isCloseTo(expected, within(PATHS_AGREE * scale));
            }
        }
    }

    /** {@code Σ s·x_k² / W}, with {@code x_0 = 1} for the intercept. */
    private static double meanSquare(Dataset data, int k) {
        if (k == 0) {
            return 1.0;
        }
        double sum = 0;
        for (int i = 0; i < data.rows(); i++) {
            double v = data.feature(i, k - 1);
            sum += data.sampleWeight(i) * v * v;
        }
        return sum / data.weightSum();
    }

    @Test
    void reportsACostNearZeroForAPerfectFit() {
        // y = 4 + 2x exactly. The textbook expansion bᵀCb − 2b·Cxy + Cyy would leave ~1e-15 of rounding
        // (ε·Var(y)); the anchored form leaves the true cost, 0 at the solution.
        Dataset data = Dataset.of(new double[] {1, 2, 3, 4, 5}, new double[] {6, 8, 10, 12, 14});
        Objective fast = new SufficientStatisticsObjective(data);
        double[] gradient = new double[2];

        assertThat(fast.valueAndGradient(new double[] {4, 2}, gradient)).isEqualTo(0.0);
        assertThat(gradient).containsExactly(0.0, 0.0);
        // One ulp off the slope: the cost is (1 ulp)²·mean(x²) ≈ 2e-31, far below 1e-18.
        assertThat(fast.value(new double[] {4, Math.nextUp(2.0)})).isLessThan(1e-29);
    }

    @Test
    void handlesAConstantAndADuplicatedFeature() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 400;
        double[] x = new double[n * 3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = random.nextDouble(-1, 1);
            x[i * 3] = v;
            x[i * 3 + 1] = 42; // constant
            x[i * 3 + 2] = v; // duplicate of column 0
            y[i] = 1 + 3 * v + random.nextGaussian();
        }
        Dataset data = new Dataset(x, 3, y);
        Hyperparameters hyperparameters = new Hyperparameters(1e-4, 500, null);

        FitResult fast = new Trainer().fit(new SufficientStatisticsObjective(data), null, hyperparameters);
        FitResult direct = new Trainer().fit(new MeanLossObjective(data, SquaredLoss.INSTANCE), null, hyperparameters);

        // A singular covariance only changes the anchor, never the function: the paths still agree.
        assertCloseRelative(fast.weights().toVector(), direct.weights().toVector(), PATHS_AGREE);
        assertThat(fast.cost()).isCloseTo(direct.cost(), within(PATHS_AGREE * direct.cost()));
    }

    @Test
    void givesTheSameBitsForAnyPoolSize() {
        // 200,000 rows × 3 features: many chunks, so the statistics really run in parallel.
        Dataset data = awkward(5, 200_000);
        double[] w = {1, 2, 3, 4};
        double[] reference = null;
        for (int threads : new int[] {1, 2, 3, 8}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                for (int run = 0; run < 2; run++) {
                    double[] gradient = new double[4];
                    double cost = new SufficientStatisticsObjective(data, true, pool).valueAndGradient(w, gradient);
                    double[] bits = {cost, gradient[0], gradient[1], gradient[2], gradient[3]};
                    if (reference == null) {
                        reference = bits;
                    }
                    // Same chunks, same order of additions: identical, not merely close.
                    assertThat(bits).containsExactly(reference);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    /** Each entry within {@code tolerance} times the largest magnitude in {@code expected}. */
    static void assertCloseRelative(double[] actual, double[] expected, double tolerance) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("entry %d", k).isCloseTo(expected[k], within(tolerance * scale));
        }
    }
}
