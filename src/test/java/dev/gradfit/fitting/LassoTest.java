package dev.gradfit.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.optimizer.AdaGrad;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Momentum;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.optimizer.RmsProp;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * L1 and elastic-net fits on scikit-learn's diabetes data against scikit-learn's Lasso and ElasticNet
 * (lasso_diabetes.py): the exact reference by coordinate descent, and descent's proximal steps, which put
 * the coefficients whose optimum is 0 on 0 exactly.
 */
class LassoTest {

    private static final ReferenceFixture SKLEARN = ReferenceFixture.load("lasso_diabetes");
    private static final Dataset DIABETES = new Dataset(SKLEARN.rows("x"), SKLEARN.columns("x"), SKLEARN.numbers("y"));
    private static final double L1 = SKLEARN.number("l1");
    private static final double L2 = SKLEARN.number("l2");

    private final Fitter fitter = new Fitter(10_000);

    private static Hyperparameters penalised(double l2, Optimizer optimizer, double rate, int epochs) {
        return Hyperparameters.builder()
                .regularization(new Regularization(L1, l2))
                .optimizer(optimizer)
                .learningRate(rate)
                .epochs(epochs)
                .build();
    }

    private static void assertMatches(Weights weights, String fixture, double tolerance) {
        assertThat(weights.intercept()).isCloseTo(SKLEARN.number(fixture, "intercept"), within(tolerance));
        double[] expected = SKLEARN.numbers(fixture, "coefficients");
        for (int j = 0; j < expected.length; j++) {
            assertThat(weights.coefficients()[j]).as("coefficient %d", j).isCloseTo(expected[j], within(tolerance));
        }
    }

    @Test
    void theReferenceIsScikitLearnsLassoAndElasticNet() {
        // The raw diabetes columns have norms of 1 over 442 rows: descent would need millions of epochs,
        // but the reference does not descend. scikit-learn stops at a duality gap of 1e-14 of ‖y‖²/n, which
        // leaves coefficients of size 500 right to about 1e-8.
        for (String fixture : new String[] {"lasso", "elasticNet"}) {
            double l2 = fixture.equals("lasso") ? 0.0 : L2;

            ExactSolution reference = fitter.fit(
                            DIABETES,
                            penalised(l2, new GradientDescent(), 0.001, 1),
                            new FitOptions(false, Duration.ofHours(1)))
                    .diagnostics()
                    .reference();

            assertThat(reference.method()).isEqualTo(ExactSolution.Method.COORDINATE_DESCENT);
            assertThat(reference.note()).isNull();
            assertMatches(reference.weights(), fixture, 1e-6);
        }
    }

    @Test
    void proximalGradientDescentPutsZeroCoefficientsOnZeroWhateverTheEpochCount() {
        // Standardized, the penalty acts on z-score coefficients, as scikit-learn on StandardScaler'd data.
        // Rate 0.1 is within 1/L of the standardized problem; 3000 epochs contract the error far below rounding.
        FitOptions standardized = new FitOptions(true, Duration.ofHours(1));
        double[] expected = SKLEARN.numbers("standardized", "lasso", "coefficients");
        for (int epochs : new int[] {3000, 3001}) {
            Fit fit = fitter.fit(DIABETES, penalised(0.0, new GradientDescent(), 0.1, epochs), standardized);

            double[] c = fit.result().weights().coefficients();
            for (int j = 0; j < expected.length; j++) {
                if (expected[j] == 0) {
                    // A subgradient step jumped across 0 every epoch; soft thresholding lands on it.
                    assertThat(c[j])
                            .as("coefficient %d after %d epochs", j, epochs)
                            .isEqualTo(0.0);
                }
            }
            assertThat(fit.diagnostics().optimalityGap()).isCloseTo(0.0, within(1e-9));
        }
    }

    @Test
    void everyOptimizerTakesTheL1PenaltyByAProximalStep() {
        FitOptions standardized = new FitOptions(true, Duration.ofHours(1));
        Optimizer[] optimizers = {new Momentum(), new Nesterov(), new AdaGrad(), new RmsProp(), new Adam()};
        double[] rates = {0.05, 0.05, 10, 0.05, 0.5};
        for (int k = 0; k < optimizers.length; k++) {
            Fit fit = fitter.fit(DIABETES, penalised(L2, optimizers[k], rates[k], 5000), standardized);

            // Adaptive rates with a constant learning rate settle near the minimiser, not on it: the gap
            // says how near, in the units of the cost (about 3000 here).
            assertThat(fit.diagnostics().optimalityGap())
                    .as(optimizers[k].toString())
                    .isLessThan(1e-3);
            assertThat(fit.diagnostics().optimalityGap())
                    .as(optimizers[k].toString())
                    .isGreaterThan(-1e-9);
        }
    }
}
