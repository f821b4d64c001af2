package dev.gradfit.fitting.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.objective.CostOfWeights;
import dev.gradfit.fitting.reference.ReferenceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLinkReferenceTest {

    /**
     * scikit-learn's Newton–Cholesky solver and gradfit's Newton both stop at machine precision; the two
     * minimisers differ by rounding amplified by the conditioning of the problems (statsmodels' IRLS agrees with
     * scikit-learn to 1e-12 on the same data, see the fixtures), well inside 1e-9 of each weight.
     */
    private static final double SAME_MINIMISER = 1e-9;

    /** The cost at two minimisers that agree to 1e-9 agrees to about its square: only rounding is left. */
    private static final double SAME_COST = 1e-12;

    static LogLinkLoss lossOf(ReferenceFixture fixture) {
        double power = fixture.number("power");
        return power == 1 ? PoissonLoss.INSTANCE : power == 2 ? GammaLoss.INSTANCE : new TweedieLoss(power);
    }

    static Dataset dataOf(ReferenceFixture fixture) {
        return new Dataset(fixture.rows("x"), fixture.columns("x"), fixture.numbers("y"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"poisson_cpunish", "poisson_randhie", "gamma_scotland", "gamma_diabetes", "tweedie_randhie"})
    void equalsScikitLearnsMinimiser(String name) {
        ReferenceFixture fixture = ReferenceFixture.load("glm/" + name);
        Dataset data = dataOf(fixture);
        LogLinkLoss loss = lossOf(fixture);
        double l2 = fixture.number("l2");

        LogisticReference.Solution solution = LogLinkReference.solve(data, loss, true, 0.0, l2);

        assertThat(solution.problem()).isNull();
        assertThat(solution.iterations()).isLessThan(50);
        Weights weights = solution.weights();
        double intercept = fixture.number("intercept");
        assertThat(weights.intercept()).isCloseTo(intercept, within(SAME_MINIMISER * Math.abs(intercept)));
        double[] expected = fixture.numbers("coefficients");
        double[] actual = weights.coefficients();
        for (int j = 0; j < expected.length; j++) {
            assertThat(actual[j])
                    .as("%s coefficient %s", name, j)
                    .isCloseTo(expected[j], within(SAME_MINIMISER * Math.abs(expected[j])));
        }
        double cost = CostOfWeights.of(data, loss, weights.toVector(), new Regularization(0, l2), null);
        assertThat(cost).isCloseTo(fixture.number("cost"), within(SAME_COST * fixture.number("cost")));
    }

    @Test
    void solvesTheTwoGroupPoissonCaseByHand() {
        // A saturated model: each group's fitted mean is its observed mean, 2 at x = 0 and 6 at x = 1, so
        // b0 = log 2 and c = log 3; with sample weights standing for repeated rows.
        double[] x = {0, 0, 1, 1};
        double[] y = {1, 4, 3, 7};
        double[] s = {2, 1, 1, 3};

        LogisticReference.Solution solution =
                LogLinkReference.solve(new Dataset(x, 1, y, s), PoissonLoss.INSTANCE, true, 0.0, 0.0);

        assertThat(solution.weights().intercept()).isCloseTo(Math.log(2), within(1e-14));
        assertThat(solution.weights().coefficients()[0]).isCloseTo(Math.log(3), within(1e-14));
    }

    @Test
    void solvesTheTwoGroupGammaCaseWithoutAnInterceptByHand() {
        // Without an intercept, fixed at 0.5: the one coefficient solves Σ (1 − y·e^−(0.5 + c·x))·x = 0 over the
        // rows with x ≠ 0, which is e^(0.5 + c) = mean of y at x = 1 = 3.
        double[] x = {0, 0, 1, 1};
        double[] y = {1, 5, 2, 4};

        LogisticReference.Solution solution =
                LogLinkReference.solve(Dataset.of(x, y), GammaLoss.INSTANCE, false, 0.5, 0.0);

        assertThat(solution.weights().intercept()).isEqualTo(0.5);
        assertThat(solution.weights().coefficients()[0]).isCloseTo(Math.log(3) - 0.5, within(1e-14));
    }

    @Test
    void reportsTargetsThatAreAllZero() {
        LogisticReference.Solution solution = LogLinkReference.solve(
                Dataset.of(new double[] {1, 2, 3}, new double[] {0, 0, 0}), PoissonLoss.INSTANCE, true, 0, 0.1);

        assertThat(solution.weights()).isNull();
        assertThat(solution.problem()).contains("every target is 0");
    }

    @Test
    void reportsZeroTargetsThatTheWeightsCanSendToAMeanOfZero() {
        // The zero targets are exactly the rows with x = 1: c → −∞ sends their means to 0 and leaves the
        // others' alone (the analogue of separation), so without l2 there is no finite minimiser; with it
        // there is.
        double[] x = {1, 1, 0, 0, 0};
        double[] y = {0, 0, 1, 3, 2};

        LogisticReference.Solution unpenalised =
                LogLinkReference.solve(Dataset.of(x, y), PoissonLoss.INSTANCE, true, 0, 0.0);
        LogisticReference.Solution penalised =
                LogLinkReference.solve(Dataset.of(x, y), PoissonLoss.INSTANCE, true, 0, 0.01);

        assertThat(unpenalised.weights()).isNull();
        assertThat(unpenalised.problem()).contains("no finite minimiser");
        assertThat(penalised.problem()).isNull();
        assertThat(penalised.weights().coefficients()[0]).isNegative();
    }
}
