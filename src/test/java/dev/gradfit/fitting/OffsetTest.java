package dev.gradfit.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.DevianceMetrics;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.LogLinkReference;
import dev.gradfit.fitting.diagnostics.LogisticReference;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.objective.CostOfWeights;
import dev.gradfit.fitting.objective.MeanLossObjective;
import dev.gradfit.fitting.objective.ParallelMeanLossObjective;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.fitting.stopping.HoldOut;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Standardizer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Log-link models with an offset: statsmodels' {@code GLM(cancer, [1, population/1000],
 * offset=log(population))} on the cancer counts statsmodels ships ({@code reference/glm/*_cancer_offset}, made
 * by the script beside them and cross-checked there against scikit-learn's regressors on the rates with sample
 * weights), and cases solved by hand.
 */
class OffsetTest {

    /** Newton stops at machine precision, statsmodels' IRLS and scikit-learn agree to 6e-12: 1e-9 is rounding. */
    private static final double SAME_MINIMISER = 1e-9;

    /** The cost at two minimisers that agree to 1e-9 agrees to about its square: only rounding is left. */
    private static final double SAME_COST = 1e-12;

    /** Descent approaches the minimiser geometrically; after enough epochs it is within 1e-6 of each weight. */
    private static final double CONVERGED = 1e-6;

    private static Dataset dataOf(ReferenceFixture fixture) {
        return new Dataset(
                fixture.rows("x"), fixture.columns("x"), fixture.numbers("y"), null, fixture.numbers("offset"));
    }

    private static LogLinkLoss lossOf(ReferenceFixture fixture) {
        return (LogLinkLoss) TweedieLoss.of(fixture.number("power"));
    }

    private static void assertWeights(String name, Weights actual, ReferenceFixture fixture, double relative) {
        double intercept = fixture.number("intercept");
        assertThat(actual.intercept())
                .as(name + " intercept")
                .isCloseTo(intercept, within(relative * Math.abs(intercept)));
        double[] expected = fixture.numbers("coefficients");
        for (int j = 0; j < expected.length; j++) {
            assertThat(actual.coefficients()[j])
                    .as("%s coefficient %s", name, j)
                    .isCloseTo(expected[j], within(relative * Math.abs(expected[j])));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"poisson_cancer_offset", "tweedie_cancer_offset"})
    void theExactReferenceEqualsStatsmodelsWithTheExposureOffset(String name) {
        ReferenceFixture fixture = ReferenceFixture.load("glm/" + name);
        Dataset data = dataOf(fixture);

        LogisticReference.Solution solution = LogLinkReference.solve(data, lossOf(fixture), true, 0.0, 0.0);

        assertThat(solution.problem()).isNull();
        assertWeights(name, solution.weights(), fixture, SAME_MINIMISER);
        double cost =
                CostOfWeights.of(data, lossOf(fixture), solution.weights().toVector(), new Regularization(0, 0), null);
        assertThat(cost).isCloseTo(fixture.number("cost"), within(SAME_COST * fixture.number("cost")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"poisson_cancer_offset", "tweedie_cancer_offset"})
    void aConvergedStandardizedDescentEqualsStatsmodelsWithTheExposureOffset(String name) {
        ReferenceFixture fixture = ReferenceFixture.load("glm/" + name);
        // From zeros every mean would be its county's population, a thousand times the counts, where the
        // curvature is a thousand times the optimum's; GLM software starts from the null model's rate instead,
        // log(Σ y / Σ exposure), and so does this fit.
        double[] y = fixture.numbers("y");
        double[] offset = fixture.numbers("offset");
        double counts = 0;
        double exposure = 0;
        for (int i = 0; i < y.length; i++) {
            counts += y[i];
            exposure += Math.exp(offset[i]);
        }
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .loss(lossOf(fixture))
                .optimizer(new GradientDescent())
                // Below 2/λ for the largest curvature at the optimum in standardized space (186 for the Poisson
                // fit, 13 for the Tweedie one, by numpy from the fixtures), and far enough below it that the
                // smallest (23 and 4.4) shrinks the error by 1e-6 in a few hundred epochs.
                .learningRate(0.005)
                .epochs(5_000)
                .initialWeights(new Weights(Math.log(counts / exposure), new double[] {0}))
                .build();

        Fit fit = new Fitter(1000).fit(dataOf(fixture), hyperparameters, new FitOptions(true, Duration.ofMinutes(1)));

        assertWeights(name, fit.result().weights(), fixture, CONVERGED);
        assertThat(fit.diagnostics().reference().method()).isEqualTo(ExactSolution.Method.NEWTON_IRLS);
        assertWeights(name, fit.diagnostics().reference().weights(), fixture, SAME_MINIMISER);
        // The metrics are of the counts, μ = exp(score + offset), as scikit-learn's metrics compute them.
        DevianceMetrics metrics = (DevianceMetrics) fit.diagnostics().metrics();
        double deviance = fixture.number("metrics", "meanDeviance");
        assertThat(metrics.meanDeviance()).isCloseTo(deviance, within(CONVERGED * deviance));
        assertThat(metrics.d2()).isCloseTo(fixture.number("metrics", "d2"), within(CONVERGED));
        assertThat(metrics.rmse()).isCloseTo(fixture.number("metrics", "rmse"), within(1e-4));
        assertThat(metrics.mae()).isCloseTo(fixture.number("metrics", "mae"), within(1e-4));
    }

    @Test
    void solvesTheTwoGroupPoissonRatesByHand() {
        // Saturated: each group's fitted rate is its count over its exposure, 5/3 at x = 0 and 10/4 at x = 1, so
        // b0 = log(5/3) and c = log(2.5 / (5/3)) = log 1.5.
        double[] x = {0, 0, 1, 1};
        double[] y = {1, 4, 3, 7};
        double[] exposure = {1, 2, 1, 3};
        double[] offset = new double[4];
        for (int i = 0; i < 4; i++) {
            offset[i] = Math.log(exposure[i]);
        }
        Dataset data = new Dataset(x, 1, y, null, offset);

        Weights solution = LogLinkReference.solve(data, PoissonLoss.INSTANCE, true, 0.0, 0.0)
                .weights();

        assertThat(solution.intercept()).isCloseTo(Math.log(5.0 / 3.0), within(1e-14));
        assertThat(solution.coefficients()[0]).isCloseTo(Math.log(1.5), within(1e-14));
        // Both objectives see the offset: their gradient vanishes at the minimiser, not at the offset-free one.
        double[] gradient = new double[2];
        double[] w = solution.toVector();
        new MeanLossObjective(data, PoissonLoss.INSTANCE).valueAndGradient(w, gradient);
        assertThat(gradient).containsExactly(new double[] {0, 0}, within(1e-14));
        new ParallelMeanLossObjective(data, PoissonLoss.INSTANCE, true).valueAndGradient(w, gradient);
        assertThat(gradient).containsExactly(new double[] {0, 0}, within(1e-14));
        new MeanLossObjective(data, PoissonLoss.INSTANCE)
                .batchValueAndGradient(w, gradient, new int[] {3, 0, 2, 1}, 0, 4);
        assertThat(gradient).containsExactly(new double[] {0, 0}, within(1e-14));
        // The means are the fitted counts: rate × exposure.
        Predictor predictor = new Predictor(solution, false, true);
        assertThat(predictor.predict(x, offset))
                .containsExactly(new double[] {5.0 / 3.0, 10.0 / 3.0, 2.5, 7.5}, within(1e-13));
        assertThat(predictor.predict(new double[] {1})).containsExactly(new double[] {2.5}, within(1e-14));
    }

    @Test
    void aConstantOffsetMovesOnlyTheIntercept() {
        ReferenceFixture fixture = ReferenceFixture.load("glm/poisson_cpunish");
        double[] y = fixture.numbers("y");
        double[] shift = new double[y.length];
        java.util.Arrays.fill(shift, 2.5);
        Dataset plain = new Dataset(fixture.rows("x"), fixture.columns("x"), y);
        Dataset shifted = new Dataset(fixture.rows("x"), fixture.columns("x"), y, null, shift);

        Weights without =
                LogLinkReference.solve(plain, PoissonLoss.INSTANCE, true, 0, 0).weights();
        Weights with = LogLinkReference.solve(shifted, PoissonLoss.INSTANCE, true, 0, 0)
                .weights();

        assertThat(with.intercept()).isCloseTo(without.intercept() - 2.5, within(1e-9));
        assertThat(with.coefficients()).containsExactly(without.coefficients(), within(1e-9));
    }

    @Test
    void theSplitAndTheStandardizerKeepEachRowsOffset() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] y = {1, 0, 2, 3, 1, 4, 2, 5, 3, 6};
        double[] offset = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        Dataset data = new Dataset(x, 1, y, null, offset);

        HoldOut split = HoldOut.split(data, 0.3, 7);
        Dataset standardized = Standardizer.of(data, true).transform(data);

        for (Dataset part : new Dataset[] {split.training(), split.validation()}) {
            for (int i = 0; i < part.rows(); i++) {
                // x = 10·offset in every row, so a row that lost its offset shows.
                assertThat(part.offset(i)).isEqualTo(part.feature(i, 0) / 10);
            }
        }
        assertThat(standardized.offsets()).isSameAs(offset);
    }

    @Test
    void refusesOffsetsWithALossThatHasNoLogLink() {
        Dataset data = new Dataset(new double[] {1, 2, 3}, 1, new double[] {1, 2, 3}, null, new double[] {0, 0, 1});
        Hyperparameters squared =
                Hyperparameters.builder().loss(SquaredLoss.INSTANCE).build();

        assertThatThrownBy(() -> new Fitter(100).fit(data, squared, new FitOptions(false, Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log-link");
        assertThatThrownBy(() -> new Dataset(new double[] {1, 2}, 1, new double[] {1, 2}, null, new double[] {0}))
                .hasMessageContaining("offsets hold 1 values");
        assertThatThrownBy(() ->
                        new Dataset(new double[] {1, 2}, 1, new double[] {1, 2}, null, new double[] {0, Double.NaN}))
                .hasMessageContaining("offsets[1]");
    }

    @Test
    void aMeanBeyondTheLargestDoubleIsInfinite() {
        Predictor predictor = new Predictor(new Weights(700, new double[] {1}), false, true);

        assertThat(predictor.predict(new double[] {9, 10}, new double[] {0, 0}))
                .containsExactly(Math.exp(709), Double.POSITIVE_INFINITY);
    }

    @Test
    void earlyStoppingChecksTheFitAgainstTheReferenceOnItsTrainingRowsWithTheirOffsets() {
        ReferenceFixture fixture = ReferenceFixture.load("glm/poisson_cancer_offset");
        Dataset data = dataOf(fixture);
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .loss(PoissonLoss.INSTANCE)
                .learningRate(0.005)
                .epochs(50)
                .initialWeights(new Weights(-5.6, new double[] {0}))
                .stoppingRules(java.util.List.of(new dev.gradfit.fitting.stopping.EarlyStoppingRule(0.2, 0, 5)))
                .seed(3)
                .build();

        Fit fit = new Fitter(1000).fit(data, hyperparameters, new FitOptions(true, Duration.ofMinutes(1)));

        Dataset training = HoldOut.split(data, 0.2, 3).training();
        Weights expected = LogLinkReference.solve(training, PoissonLoss.INSTANCE, true, 0, 0)
                .weights();
        Weights reference = fit.diagnostics().reference().weights();
        assertThat(reference.intercept())
                .isCloseTo(expected.intercept(), within(1e-9 * Math.abs(expected.intercept())));
        assertThat(reference.coefficients()[0])
                .isCloseTo(expected.coefficients()[0], within(1e-9 * Math.abs(expected.coefficients()[0])));
        // Held-out rows keep their exposures: the validation cost is that of counts, not of rates.
        assertThat(fit.result().validationCostHistory()[0]).isLessThan(10);
    }
}
