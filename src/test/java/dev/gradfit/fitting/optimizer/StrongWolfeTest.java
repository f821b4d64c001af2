package dev.gradfit.fitting.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The line search returns steps that satisfy the strong Wolfe conditions as Nocedal and Wright state them
 * (eq. 3.7), whatever the first step it is given: far too short, about right, or far too long.
 */
class StrongWolfeTest {

    /** f(x) = eˣ − 2x, minimum at ln 2; from x = −3 along d = +1 the slope is e⁻³ − 2 < 0. */
    private static double f(double[] x, double[] g) {
        g[0] = Math.exp(x[0]) - 2;
        return Math.exp(x[0]) - 2 * x[0];
    }

    @ParameterizedTest(name = "first step {0}")
    @ValueSource(doubles = {1e-6, 0.1, 1.0, 3.0, 100.0, 1e6})
    void acceptsOnlyStepsOfSufficientDecreaseAndFlatEnoughSlope(double firstStep) {
        double[] x = {-3.0};
        double[] d = {1.0};
        double[] g = new double[1];
        double f0 = f(x, g);
        double slope0 = g[0] * d[0];
        StrongWolfe search = new StrongWolfe(1);

        double step = search.search(StrongWolfeTest::f, x, f0, d, slope0, firstStep);

        assertThat(step).isPositive();
        double[] at = {x[0] + step * d[0]};
        double[] gradient = new double[1];
        double cost = f(at, gradient);
        assertThat(search.point()).containsExactly(at[0]);
        assertThat(search.cost()).isEqualTo(cost);
        assertThat(search.gradient()).containsExactly(gradient[0]);
        assertThat(cost).isLessThanOrEqualTo(f0 + StrongWolfe.C1 * step * slope0);
        assertThat(Math.abs(gradient[0] * d[0])).isLessThanOrEqualTo(StrongWolfe.C2 * Math.abs(slope0));
    }
}
