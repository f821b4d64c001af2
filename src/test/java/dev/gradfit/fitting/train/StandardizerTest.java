package dev.gradfit.fitting.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.MeanLossObjective;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.ObjectiveFactory;
import dev.gradfit.fitting.objective.Objectives;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    // Two features, x0 = {1, 2, 3, 4} (mean 2.5, population SD √1.25) and x1 = {10, 10, 10, 10} (constant).
    private static final double[] FEATURES = {1, 10, 2, 10, 3, 10, 4, 10};
    private static final double[] TARGETS = {2, 4, 5, 9};

    @Test
    void centresAndScalesEachColumnByItsMeanAndPopulationDeviation() {
        Standardizer standardizer = Standardizer.of(new Dataset(FEATURES, 2, TARGETS), true);

        // Exact in binary except √1.25, which is one correctly rounded operation.
        assertThat(standardizer.means()).containsExactly(2.5, 10.0);
        assertThat(standardizer.scales()[0]).isCloseTo(Math.sqrt(1.25), within(1e-15));
        // A constant column has no spread; it keeps the scale 1 rather than dividing by zero.
        assertThat(standardizer.scales()[1]).isEqualTo(1.0);

        Dataset z = standardizer.transform(new Dataset(FEATURES, 2, TARGETS));
        assertThat(z.feature(0, 0)).isCloseTo(-1.5 / Math.sqrt(1.25), within(1e-15));
        assertThat(z.feature(0, 1)).isZero();
        assertThat(z.target(3)).isEqualTo(9.0);
    }

    @Test
    void scalesWithoutCentringWhenThereIsNoIntercept() {
        Standardizer standardizer = Standardizer.of(new Dataset(FEATURES, 2, TARGETS), false);

        // Without an intercept a shift cannot be absorbed: the centre is 0 and the scale the root mean
        // square, √((1 + 4 + 9 + 16)/4) = √7.5 and 10.
        assertThat(standardizer.means()).containsExactly(0.0, 0.0);
        assertThat(standardizer.scales()[0]).isCloseTo(Math.sqrt(7.5), within(1e-15));
        assertThat(standardizer.scales()[1]).isCloseTo(10.0, within(1e-15));
        Weights original = new Weights(0.25, new double[] {3, -1});
        assertThat(standardizer.toStandardized(original).intercept()).isEqualTo(0.25);
    }

    @Test
    void weighsTheStatisticsBySampleWeights() {
        // Weights {1, 3} on x = {0, 4}: mean 3, spread √((1·9 + 3·1)/4) = √3.
        Dataset data = new Dataset(new double[] {0, 4}, 1, new double[] {1, 2}, new double[] {1, 3});

        Standardizer standardizer = Standardizer.of(data, true);

        assertThat(standardizer.means()[0]).isEqualTo(3.0);
        assertThat(standardizer.scales()[0]).isCloseTo(Math.sqrt(3), within(1e-15));
    }

    @Test
    void mapsWeightsBothWaysWithoutChangingPredictions() {
        Dataset data = new Dataset(FEATURES, 2, TARGETS);
        Standardizer standardizer = Standardizer.of(data, true);
        Dataset z = standardizer.transform(data);
        Weights original = new Weights(0.5, new double[] {2, -0.25});

        Weights standardized = standardizer.toStandardized(original);

        // The same model in two coordinate systems: equal predictions, to rounding of values near 10.
        for (int i = 0; i < data.rows(); i++) {
            double onOriginal = original.predict(new double[] {data.feature(i, 0), data.feature(i, 1)});
            double onZ = standardized.predict(new double[] {z.feature(i, 0), z.feature(i, 1)});
            assertThat(onZ).isCloseTo(onOriginal, within(1e-13));
        }
        Weights back = standardizer.toOriginal(standardized);
        assertThat(back.intercept()).isCloseTo(0.5, within(1e-14));
        assertThat(back.coefficients()[0]).isCloseTo(2.0, within(1e-15));
        assertThat(back.coefficients()[1]).isCloseTo(-0.25, within(1e-15));
    }

    @Test
    void seesTheSameCostAndGradientAsTheTransformedData() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 40;
        int d = 3;
        double[] features = new double[n * d];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            features[i * d] = random.nextDouble(1e3, 1e3 + 5);
            features[i * d + 1] = random.nextDouble(-1, 1);
            features[i * d + 2] = random.nextDouble(0, 100);
            y[i] = random.nextDouble(-5, 5);
            s[i] = random.nextDouble(0.5, 2);
        }
        Dataset data = new Dataset(features, d, y, s);
        Standardizer standardizer = Standardizer.of(data, true);
        Objective onZ = new MeanLossObjective(standardizer.transform(data), SquaredLoss.INSTANCE, true);
        Objective throughChange = standardizer.objective(new MeanLossObjective(data, SquaredLoss.INSTANCE, true));
        double[] w = {0.3, -1.2, 2.0, 0.7};
        double[] expected = new double[4];
        double[] actual = new double[4];

        double expectedCost = onZ.valueAndGradient(w, expected);
        double actualCost = throughChange.valueAndGradient(w, actual);

        // The chain rule in exact arithmetic; in doubles the two differ by rounding of the data and of
        // the cancellation ∂J/∂c − μ·∂J/∂b0 with μ = 1e3: relative 1e-11 leaves ample room for both.
        assertThat(actualCost).isCloseTo(expectedCost, within(1e-11 * expectedCost));
        for (int k = 0; k < 4; k++) {
            assertThat(actual[k]).isCloseTo(expected[k], within(1e-11 * (1 + Math.abs(expected[k]))));
        }
    }

    @Test
    void fitsInStandardizedSpaceAndReportsOriginalUnits() {
        // Points of y = 3 + 0.002·x with x near 1e4: plain descent at a stable rate would crawl along the
        // intercept for millions of epochs; standardized, 200 epochs at rate 0.25 suffice.
        double[] x = {10_000, 10_010, 10_020, 10_030, 10_040};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 + 0.002 * x[i];
        }
        Dataset data = Dataset.of(x, y);
        Standardizer standardizer = Standardizer.of(data, true);
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(0.25)
                .epochs(200)
                .snapshotEpochs(List.of(0, 200))
                .build();

        FitResult fit = standardizer.fit(data, hyperparameters, 10, ObjectiveFactory.DIRECT);

        // GD on a standardized one-feature problem at rate 0.25 halves the error each epoch (the
        // Hessian is 2·I): after 200 epochs only rounding is left, of order 1e-16·|3 + 20| per value.
        assertThat(fit.weights().coefficients()[0]).isCloseTo(0.002, within(1e-15));
        assertThat(fit.weights().intercept()).isCloseTo(3.0, within(1e-11));
        // The cost is the mean squared error in units of y, and its first entry is at the zero start.
        double startCost = 0;
        for (double v : y) {
            startCost += v * v / y.length;
        }
        assertThat(fit.costHistory()[0]).isCloseTo(startCost, within(1e-12 * startCost));
        assertThat(fit.snapshots().get(0).weights()).isEqualTo(Weights.zeros(1));
        assertThat(fit.snapshots().get(1).weights()).isEqualTo(fit.weights());
    }

    @Test
    void runsMiniBatchesThroughTheChangeOfVariables() {
        // Exact data y = 1 + 0.01·x0 − 50·x1 with badly scaled columns; mini-batches of 3 in a seeded order.
        // Each batch's gradient vanishes at the exact weights too, so SGD converges to them, not near them.
        double[] features = new double[24];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            features[2 * i] = 1000 + 37 * i % 11 * 10;
            features[2 * i + 1] = 0.001 * (i % 5);
            y[i] = 1 + 0.01 * features[2 * i] - 50 * features[2 * i + 1];
        }
        Dataset data = new Dataset(features, 2, y);
        Standardizer standardizer = Standardizer.of(data, true);
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(0.05)
                .epochs(3000)
                .batching(Batching.miniBatch(3))
                .seed(11)
                .build();

        FitResult fit = standardizer.fit(data, hyperparameters, 10, Objectives.FASTEST);

        // Tolerances scale with each coefficient's sensitivity: x1 spans only 0.004, so its slope is the
        // least determined.
        assertThat(fit.weights().intercept()).isCloseTo(1.0, within(1e-9));
        assertThat(fit.weights().coefficients()[0]).isCloseTo(0.01, within(1e-12));
        assertThat(fit.weights().coefficients()[1]).isCloseTo(-50.0, within(1e-7));
    }

    @Test
    void startsFromTheGivenOriginalWeights() {
        Dataset data = Dataset.of(new double[] {1, 2, 3}, new double[] {6, 8, 10});
        Standardizer standardizer = Standardizer.of(data, true);
        Weights exact = new Weights(4, new double[] {2});
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(0.1)
                .epochs(5)
                .initialWeights(exact)
                .build();

        FitResult fit = standardizer.fit(data, hyperparameters, 10, ObjectiveFactory.DIRECT);

        // Starting at the exact line y = 2x + 4, mapped in and out: the cost is zero to rounding.
        assertThat(fit.costHistory()[0]).isLessThan(1e-28);
        assertThat(fit.weights().intercept()).isCloseTo(4.0, within(1e-14));
        assertThat(fit.weights().coefficients()[0]).isCloseTo(2.0, within(1e-14));
    }
}
