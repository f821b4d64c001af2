package dev.gradfit.fitting.diagnostics;

import static dev.gradfit.fitting.diagnostics.SoftmaxReferenceTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.objective.CostOfWeights;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Standardizer;
import dev.gradfit.fitting.train.Trainer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The softmax reference against make_fixtures.py's minimisers (an independent Newton solve in numpy that
 * scipy's trust-exact does not move, cross-checked there against scikit-learn and statsmodels).
 */
class SoftmaxReferenceTest {

    private static final SoftmaxLoss THREE = new SoftmaxLoss(3);

    private static Weights solved(Dataset data, double l2) {
        LogisticReference.Solution solution = SoftmaxReference.solve(data, THREE, true, null, l2);
        assertThat(solution.problem()).isNull();
        return solution.weights();
    }

    @Test
    void matchesThePenalisedFitOfIris() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/iris");
        Dataset data = dataset(fixture);
        double l2 = fixture.number("fits", "0", "l2");

        Weights weights = solved(data, l2);

        // Both solves stop at a gradient of rounding size (1e-16) on a Hessian of condition 3.5e4 in the raw
        // features: 1e-9 of the largest weight (12) is far outside what either leaves.
        assertClose(weights, weights(fixture, 0, "intercepts", "coefficients"), 1e-9);
        double cost = CostOfWeights.of(data, THREE, weights.toVector(), new Regularization(0, l2), null);
        assertThat(cost).isCloseTo(fixture.number("fits", "0", "cost"), within(1e-14));
        // scikit-learn's lbfgs stops early (its ftol): the minimiser's cost is below its cost, and its
        // weights are as far from ours as from the fixture's minimiser.
        assertThat(cost).isLessThan(fixture.number("fits", "0", "sklearnCost"));
        assertThat(maxAbsDifference(weights, weights(fixture, 0, "sklearnIntercepts", "sklearnCoefficients")))
                .isCloseTo(fixture.number("fits", "0", "sklearnMaxAbsDifference"), within(1e-9));
    }

    @Test
    void matchesThePenalisedFitOfStandardizedWine() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/wine");
        Dataset raw = dataset(fixture);
        Standardizer standardizer = Standardizer.of(raw, true);
        // The script's mean and population standard deviation are the standardizer's.
        double[] means = fixture.numbers("means");
        double[] scales = fixture.numbers("scales");
        for (int j = 0; j < means.length; j++) {
            assertThat(standardizer.means()[j]).isCloseTo(means[j], within(1e-13 * Math.abs(means[j])));
            assertThat(standardizer.scales()[j]).isCloseTo(scales[j], within(1e-13 * scales[j]));
        }

        Weights weights = solved(standardizer.transform(raw), fixture.number("fits", "0", "l2"));

        assertClose(weights, weights(fixture, 0, "intercepts", "coefficients"), 1e-9);
        assertClose(
                standardizer.toOriginal(weights),
                weights(fixture, 0, "originalIntercepts", "originalCoefficients"),
                1e-9);
        assertThat(maxAbsDifference(weights, weights(fixture, 0, "sklearnIntercepts", "sklearnCoefficients")))
                .isCloseTo(fixture.number("fits", "0", "sklearnMaxAbsDifference"), within(1e-9));
    }

    @Test
    void matchesTheUnpenalisedFitAndStatsmodelsReferenceClass() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/iris");
        double[] x = fixture.rows("x");
        double[] width = new double[150];
        for (int i = 0; i < 150; i++) {
            width[i] = x[4 * i + 1];
        }
        Dataset data = new Dataset(width, 1, fixture.numbers("y"));

        Weights weights = solved(data, 0.0);

        assertClose(weights, weights(fixture, 1, "intercepts", "coefficients"), 1e-9);
        // statsmodels' MNLogit fixes class 0 at zero: its parameters are our rows minus row 0.
        double[] statsmodels = fixture.rows("fits", "1", "statsmodelsMNLogit");
        for (int k = 1; k < 3; k++) {
            assertThat(weights.intercept(k) - weights.intercept(0))
                    .isCloseTo(statsmodels[2 * (k - 1)], within(1e-9 * 19));
            assertThat(weights.coefficient(k, 0) - weights.coefficient(0, 0))
                    .isCloseTo(statsmodels[2 * (k - 1) + 1], within(1e-9 * 19));
        }
        // The convention: intercepts and coefficients sum to zero over the classes.
        assertThat(weights.intercept(0) + weights.intercept(1) + weights.intercept(2))
                .isCloseTo(0, within(1e-13));
        assertThat(weights.coefficient(0, 0) + weights.coefficient(1, 0) + weights.coefficient(2, 0))
                .isCloseTo(0, within(1e-13));
    }

    @Test
    void leavesProblemsBeyondTheWorkLimitUnchecked() {
        // 10 classes of 50 features and an intercept: 510 unknowns, 1000 rows × 510² = 2.6e8 > 2.5e8.
        int n = 1000;
        int d = 50;
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i * d + i % d] = 1;
            y[i] = i % 10;
        }
        Hyperparameters hyperparameters =
                Hyperparameters.builder().loss(new SoftmaxLoss(10)).epochs(1).build();
        Dataset data = new Dataset(x, d, y);
        FitResult fit = new Trainer().fit(data, hyperparameters);

        FitDiagnostics diagnostics = Diagnostician.of(data, hyperparameters, fit, null);

        assertThat(diagnostics.reference().available()).isFalse();
        assertThat(diagnostics.reference().method()).isEqualTo(ExactSolution.Method.NEWTON_IRLS);
        assertThat(diagnostics.reference().note()).contains("too large to check");
        assertThat(diagnostics.optimalityGap()).isNaN();
        assertThat(diagnostics.metrics()).isInstanceOf(MulticlassMetrics.class);
    }

    @Test
    void reportsThatUnpenalisedIrisHasNoFiniteMinimiser() {
        // Setosa is linearly separable from the other two species: the cost falls towards 0 as its scores grow.
        LogisticReference.Solution solution =
                SoftmaxReference.solve(dataset(ReferenceFixture.load("softmax/iris")), THREE, true, null, 0.0);

        assertThat(solution.weights()).isNull();
        assertThat(solution.problem()).contains("no finite minimiser");
    }

    @Test
    void withTwoClassesIsTheLogisticReferenceOfTheDifferenceOfTheRows() {
        // Versicolor (0) against virginica (1). With w_0 = −v/2 and w_1 = v/2 (the sum-to-zero convention) the
        // softmax cost is the logistic cost of v, and l2·(|c_0|² + |c_1|²) = (l2/2)·|c_v|².
        ReferenceFixture fixture = ReferenceFixture.load("softmax/iris");
        double[] x = Arrays.copyOfRange(fixture.rows("x"), 4 * 50, 4 * 150);
        double[] y = new double[100];
        Arrays.fill(y, 50, 100, 1.0);
        Dataset data = new Dataset(x, 4, y);
        double l2 = 1e-3;

        Weights softmax =
                SoftmaxReference.solve(data, new SoftmaxLoss(2), true, null, l2).weights();
        Weights logistic = LogisticReference.solve(data, true, 0.0, l2 / 2).weights();

        double[] v = logistic.toVector();
        double scale = Arrays.stream(v).map(Math::abs).max().orElseThrow();
        for (int a = 0; a < 5; a++) {
            double difference = softmax.toVector()[5 + a] - softmax.toVector()[a];
            // Two Newton solves to rounding, in different coordinates: 1e-10 of the largest weight.
            assertThat(difference).as("entry %d", a).isCloseTo(v[a], within(1e-10 * scale));
        }
    }
}
