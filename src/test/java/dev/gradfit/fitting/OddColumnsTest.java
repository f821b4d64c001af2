package dev.gradfit.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Columns at the edges of double precision: values near the underflow, spreads of an ulp. */
class OddColumnsTest {

    private static final FitOptions PLAIN = new FitOptions(false, Duration.ofHours(1));
    private static final FitOptions STANDARDIZED = new FitOptions(true, Duration.ofHours(1));

    private final Fitter fitter = new Fitter(10_000);

    /** x = 1 and the next double after it, twice each: a spread of half an ulp. */
    private static final double[] ULP_COLUMN = {1.0, Math.nextUp(1.0), 1.0, Math.nextUp(1.0)};

    private static final double[] Y = {1, 2, 1.5, 2.5};

    @Test
    void refusesAFeatureWhoseSquaresUnderflow() {
        // 1e-310 is subnormal and its square is 0: the least-squares slope would be 1/(2·1e-310) = 5e309,
        // beyond the largest double, and the reference came out as ±Infinity.
        Dataset data = Dataset.of(new double[] {1e-310, 0, 2e-310}, new double[] {1, 2, 3});

        for (FitOptions options : new FitOptions[] {PLAIN, STANDARDIZED}) {
            assertThatThrownBy(() -> fitter.fit(data, Hyperparameters.defaults(), options))
                    .isInstanceOf(InvalidFeatureException.class)
                    .hasMessageContaining("feature 0")
                    .hasMessageContaining("2.0E-310");
        }
    }

    @Test
    void keepsAFeatureOfTinyButNormalValues() {
        // 1e-150 squares to 1e-300, a normal double: the minimiser of y = {1, 2, 3} on x = {s, 0, 2s} is, by
        // hand (x̄ = s, Sxx = 2s², Sxy = s), slope 1/(2s) and intercept 2 − 1/2, with mse (1 + 1/4 + 1/4)/3.
        double s = 1e-150;

        Fit fit = fitter.fit(
                Dataset.of(new double[] {s, 0, 2 * s}, new double[] {1, 2, 3}),
                Hyperparameters.defaults(),
                STANDARDIZED);

        ExactSolution reference = fit.diagnostics().reference();
        assertThat(reference.note()).isNull();
        assertThat(reference.weights().intercept()).isCloseTo(1.5, within(1e-15));
        assertThat(reference.weights().coefficients()[0] * s).isCloseTo(0.5, within(1e-15));
        assertThat(reference.cost()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void treatsAColumnThatVariesByAnUlpAsConstant() {
        // Standardized, the column's spread of 1.1e-16 became the unit: a coefficient of 3e15 fitted to
        // rounding, and an optimality gap below zero. As a constant, it leaves descent on the intercept alone:
        // b ← b − 0.001·2·(b − ȳ) from 0, so b = ȳ·(1 − 0.998^1000) with ȳ = 1.75 after the default 1000 epochs.
        Fit fit = fitter.fit(Dataset.of(ULP_COLUMN, Y), Hyperparameters.defaults(), STANDARDIZED);

        double expected = 1.75 * (1 - Math.pow(0.998, 1000));
        // The constant column still moves by about 1e-16 per unit of its coefficient: rounding of 1.75.
        assertThat(fit.result().weights().intercept()).isCloseTo(expected, within(1e-13));
        assertThat(fit.result().weights().coefficients()[0]).isCloseTo(0.0, within(1e-12));
        ExactSolution reference = fit.diagnostics().reference();
        assertThat(reference.available()).isFalse();
        assertThat(reference.note()).contains("feature 0 is constant").contains("not unique");
    }

    @Test
    void flagsTheConstantColumnBesideAnL2Reference() {
        // With l2 the minimiser is unique: the penalty alone decides the coefficient of a constant column.
        Hyperparameters ridge = Hyperparameters.builder()
                .regularization(new Regularization(0, 0.1))
                .build();

        for (FitOptions options : new FitOptions[] {PLAIN, STANDARDIZED}) {
            ExactSolution reference = fitter.fit(Dataset.of(ULP_COLUMN, Y), ridge, options)
                    .diagnostics()
                    .reference();

            assertThat(reference.available()).isTrue();
            assertThat(reference.note()).contains("feature 0 is constant");
            assertThat(reference.cost()).isFinite();
        }
    }
}
