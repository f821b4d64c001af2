package dev.gradfit.fitting.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.TutorialLoop;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {

    /** Relative agreement with the literal loop; the two differ only in rounding order. */
    private static final double TUTORIAL_RELATIVE = 1e-12;

    private final Trainer trainer = new Trainer();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void matchesTheTutorialLoopOnRandomDataWithOneFeature(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 10 + random.nextInt(500);
        double[] x = new double[n];
        double[] y = new double[n];
        double slope = random.nextDouble(-5, 5);
        double intercept = random.nextDouble(-10, 10);
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-3, 3);
            y[i] = intercept + slope * x[i] + random.nextGaussian();
        }

        FitResult result = trainer.fit(Dataset.of(x, y), Hyperparameters.defaults());

        double[] expected = TutorialLoop.fit(x, y, 0.001, 1000);
        assertThat(result.weights().intercept()).isCloseTo(expected[0], within(relative(expected[0])));
        assertThat(result.weights().coefficients()[0]).isCloseTo(expected[1], within(relative(expected[1])));
        assertThat(result.epochs()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void matchesTheTutorialLoopOnRandomDataWithSeveralFeatures(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 50 + random.nextInt(300);
        int d = 2 + random.nextInt(5);
        double[][] rows = new double[n][d];
        double[] flat = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble(-1, 1);
            for (int j = 0; j < d; j++) {
                rows[i][j] = random.nextDouble(-2, 2);
                flat[i * d + j] = rows[i][j];
                y[i] += (j + 1) * rows[i][j];
            }
        }
        double learningRate = 0.01;

        FitResult result = trainer.fit(new Dataset(flat, d, y), new Hyperparameters(learningRate, 700, null));

        double[] expected = TutorialLoop.fit(rows, y, learningRate, 700);
        assertThat(result.weights().intercept()).isCloseTo(expected[0], within(relative(expected[0])));
        double[] coefficients = result.weights().coefficients();
        for (int j = 0; j < d; j++) {
            assertThat(coefficients[j]).isCloseTo(expected[j + 1], within(relative(expected[j + 1])));
        }
    }

    @Test
    void reachesTheClosedFormLeastSquaresLine() {
        // Ordinary least squares for one feature: b = Sxy / Sxx, b0 = ȳ − b·x̄ (closed form).
        double[] x = {1, 2, 4, 5, 7, 8};
        double[] y = {3.1, 4.9, 9.2, 10.8, 15.1, 17.2};
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < x.length; i++) {
            meanX += x[i] / x.length;
            meanY += y[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;

        FitResult result = trainer.fit(Dataset.of(x, y), new Hyperparameters(0.02, 20_000, null));

        // Gradient descent contracts the error by a constant factor per epoch; 20,000 epochs at this
        // step take it far below 1e-9.
        assertThat(result.weights().coefficients()[0]).isCloseTo(slope, within(1e-9));
        assertThat(result.weights().intercept()).isCloseTo(intercept, within(1e-9));
    }

    @Test
    void fitsTheTutorialLine() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {6, 8, 10, 12, 14};

        FitResult result = trainer.fit(Dataset.of(x, y), new Hyperparameters(0.05, 2000, null));

        // y = 2x + 4 exactly; the error after 2000 contracting epochs is around 1e-13.
        assertThat(result.weights().intercept()).isCloseTo(4.0, within(1e-9));
        assertThat(result.weights().coefficients()[0]).isCloseTo(2.0, within(1e-9));
        assertThat(result.cost()).isLessThan(1e-18);
    }

    @Test
    void recordsTheCostAfterEveryEpochStartingFromTheInitialWeights() {
        double[] x = {1, 2, 3};
        double[] y = {2, 4, 7};

        FitResult result = trainer.fit(Dataset.of(x, y), new Hyperparameters(0.01, 3, null));

        double[] history = result.costHistory();
        assertThat(history).hasSize(4);
        assertThat(result.costHistoryStride()).isEqualTo(1);
        // Entry i is the tutorial's cost at the weights after i epochs.
        for (int epochs = 0; epochs <= 3; epochs++) {
            double[] weights = epochs == 0 ? new double[2] : TutorialLoop.fit(x, y, 0.01, epochs);
            double expected = TutorialLoop.cost(x, y, weights);
            assertThat(history[epochs]).isCloseTo(expected, within(1e-12 * expected));
        }
        assertThat(history[3]).isEqualTo(result.cost());
    }

    @Test
    void samplesALongHistoryAtAFixedStrideEndingWithTheFinalCost() {
        double[] x = {1, 2, 3};
        double[] y = {2, 4, 7};

        FitResult result = new Trainer(10).fit(Dataset.of(x, y), new Hyperparameters(0.01, 100, null));

        // 101 costs into 10 entries: stride ceil(100 / 9) = 12, epochs 0, 12, ..., 96, then 100.
        assertThat(result.costHistoryStride()).isEqualTo(12);
        double[] history = result.costHistory();
        assertThat(history).hasSize(10);
        double[] after96 = TutorialLoop.fit(x, y, 0.01, 96);
        double expected = TutorialLoop.cost(x, y, after96);
        assertThat(history[8]).isCloseTo(expected, within(1e-12 * expected));
        assertThat(history[9]).isEqualTo(result.cost());
    }

    @Test
    void keepsEveryEntryWhenTheHistoryFitsExactly() {
        FitResult result = new Trainer(11)
                .fit(Dataset.of(new double[] {1, 2}, new double[] {1, 2}), new Hyperparameters(0.1, 10, null));

        assertThat(result.costHistory()).hasSize(11);
        assertThat(result.costHistoryStride()).isEqualTo(1);
    }

    @Test
    void reportsTheEpochWhereTheCostStoppedBeingFinite() {
        double[] x = {1e3, 2e3, 3e3};
        double[] y = {1, 2, 3};

        assertThatThrownBy(() -> trainer.fit(Dataset.of(x, y), new Hyperparameters(1.0, 1000, null)))
                .isInstanceOfSatisfying(FitDivergedException.class, ex -> {
                    assertThat(ex.epoch()).isBetween(1, 1000);
                    assertThat(ex.lastFiniteCost()).isFinite();
                });
    }

    @Test
    void startsFromTheGivenWeights() {
        Weights start = new Weights(4, new double[] {2});

        FitResult result = trainer.fit(
                Dataset.of(new double[] {1, 2, 3}, new double[] {6, 8, 10}), new Hyperparameters(0.001, 5, start));

        // Starting at the exact solution, the gradient is zero and nothing moves.
        assertThat(result.weights()).isEqualTo(start);
        assertThat(result.costHistory()).containsOnly(0.0);
    }

    @Test
    void weighsRowsBySampleWeightsLikeRepeatedRows() {
        // A row with weight 2 counts as that row twice.
        Dataset weighted = new Dataset(new double[] {1, 2, 3}, 1, new double[] {1, 3, 2}, new double[] {1, 2, 1});
        Dataset repeated = Dataset.of(new double[] {1, 2, 2, 3}, new double[] {1, 3, 3, 2});

        FitResult a = trainer.fit(weighted, new Hyperparameters(0.05, 300, null));
        FitResult b = trainer.fit(repeated, new Hyperparameters(0.05, 300, null));

        assertThat(a.weights().intercept()).isCloseTo(b.weights().intercept(), within(1e-12));
        assertThat(a.weights().coefficients()[0]).isCloseTo(b.weights().coefficients()[0], within(1e-12));
    }

    private static double relative(double expected) {
        return Math.max(Math.abs(expected), 1e-300) * TUTORIAL_RELATIVE;
    }
}
