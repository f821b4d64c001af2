package dev.gradfit.fitting.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.Fit;
import dev.gradfit.fitting.FitOptions;
import dev.gradfit.fitting.Fitter;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.Hyperparameters;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cost a fit reports ({@code cost}, the last history entry, {@code reference.cost}) is the cost of the
 * weights it returns, as returned, to 1e-12 of itself; and the optimality gap between two such costs is not
 * negative beyond rounding. Checked against exact arithmetic: every linear predictor {@code b0 + Σ cⱼ·xⱼ} is
 * formed in BigDecimal without rounding, so the cancellation that plain doubles suffer at features near
 * 1.7e9 or 1e6 does not reach the expected answer.
 */
class ReportedCostTest {

    private static final double PROMISED = 1e-12;
    private static final MathContext DIGITS = new MathContext(60);

    private final Fitter fitter = new Fitter(10_000);

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aLogisticCostWhoseInterceptCancelsTimestampsIsTheCostOfItsWeights(boolean standardize) {
        double[] x =
                IntStream.range(0, 20).mapToDouble(i -> 1699999995.0 + 0.5 * i).toArray();
        double[] y = {0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1};
        Hyperparameters hyperparameters = Hyperparameters.defaults().toBuilder()
                .loss(LogisticLoss.INSTANCE)
                .learningRate(standardize ? 0.5 : 1e-20)
                .epochs(standardize ? 3000 : 10)
                .build();

        Fit fit = fitter.fit(Dataset.of(x, y), hyperparameters, new FitOptions(standardize, Duration.ofSeconds(30)));

        // Before, the cost was 0.5537046632633889 and the reference's 0.5537046647748373, a gap of −1.5e-9,
        // where both weights cost 0.5537046653736274.
        assertHonest(fit, x, 1, y, null, LogisticLoss.INSTANCE);
    }

    @Test
    void miniBatchesOnStandardizedFeaturesNearAMillionReportTheCostOfTheReturnedWeights() {
        double[] x = {
            999998.569,
            999999.063,
            1000000.394,
            999999.476,
            1000000.526,
            1000000.807,
            999998.556,
            1000001.017,
            999999.404,
            1000002.094,
            1000000.729,
            999999.461
        };
        double[] y = {-1.842, -0.853, 1.821, 0.091, 2.105, 2.78, -1.825, 3.016, -0.344, 5.032, 2.478, -0.009};
        for (Loss loss : new Loss[] {SquaredLoss.INSTANCE, new HuberLoss(1.0), AbsoluteLoss.INSTANCE}) {
            Hyperparameters hyperparameters = Hyperparameters.defaults().toBuilder()
                    .loss(loss)
                    .learningRate(0.1)
                    .epochs(500)
                    .batching(loss instanceof SquaredLoss ? Batching.miniBatch(4) : Batching.FULL)
                    .build();

            Fit fit = fitter.fit(Dataset.of(x, y), hyperparameters, new FitOptions(true, Duration.ofSeconds(30)));

            assertHonest(fit, x, 1, y, null, loss);
        }
    }

    @Test
    void anExactFitReportsTheTinyCostOfItsWeights() {
        double[] x = {0.3, 1.7, 1.1, -0.4, -0.8, 0.9, 2.2, 0.1, -1.3, -1.9, 0.7, 2.4};
        double[] y = {6.699999999999999, 3.3, 4.0, 5.4, -2.0999999999999996, 8.5};
        for (Loss loss : new Loss[] {SquaredLoss.INSTANCE, new HuberLoss(1.0)}) {
            Hyperparameters hyperparameters = Hyperparameters.defaults().toBuilder()
                    .loss(loss)
                    .learningRate(0.3)
                    .epochs(3000)
                    .build();

            Fit fit = fitter.fit(new Dataset(x, 2, y), hyperparameters, new FitOptions(false, Duration.ofSeconds(30)));

            // Squared: the weights land on (3, 1, 2) and the cost of 9.1e-32 had been reported as 3.7e-32.
            BigDecimal exact = cost(x, 2, y, null, loss, fit.result().weights().toVector());
            assertThat(ExactSquares.relativeError(fit.result().cost(), exact))
                    .as("%s: %s against %s", loss, fit.result().cost(), exact)
                    .isLessThan(PROMISED);
        }
    }

    /** The reported costs against the exact costs of the returned weights, and a gap that is not negative. */
    private static void assertHonest(Fit fit, double[] x, int d, double[] y, double[] s, Loss loss) {
        BigDecimal exact = cost(x, d, y, s, loss, fit.result().weights().toVector());
        double[] history = fit.result().costHistory();
        assertThat(ExactSquares.relativeError(fit.result().cost(), exact))
                .as("%s: cost %s against %s", loss, fit.result().cost(), exact)
                .isLessThan(PROMISED);
        assertThat(history[history.length - 1]).isEqualTo(fit.result().cost());
        var reference = fit.diagnostics().reference();
        if (reference.available()) {
            BigDecimal referenceExact =
                    cost(x, d, y, s, loss, reference.weights().toVector());
            assertThat(ExactSquares.relativeError(reference.cost(), referenceExact))
                    .as("%s: reference cost %s against %s", loss, reference.cost(), referenceExact)
                    .isLessThan(PROMISED);
            assertThat(fit.diagnostics().optimalityGap()).isGreaterThanOrEqualTo(-4 * Math.ulp(reference.cost()));
        }
    }

    /**
     * {@code Σ sᵢ·ℓ(zᵢ, yᵢ) / Σ sᵢ} with each {@code zᵢ} exact. The logistic loss, a logarithm, is taken in
     * double from the exact score rounded once: about 1e-16 of itself, where the cancellation is the concern.
     */
    static BigDecimal cost(double[] x, int d, double[] y, double[] s, Loss loss, double[] w) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < y.length; i++) {
            BigDecimal z = new BigDecimal(w[0]);
            for (int j = 0; j < d; j++) {
                z = z.add(new BigDecimal(w[j + 1]).multiply(new BigDecimal(x[i * d + j])));
            }
            BigDecimal r = z.subtract(new BigDecimal(y[i]));
            BigDecimal value;
            if (loss instanceof LogisticLoss) {
                value = new BigDecimal(LogisticLoss.INSTANCE.value(z.doubleValue(), y[i]));
            } else if (loss instanceof AbsoluteLoss) {
                value = r.abs();
            } else if (loss instanceof HuberLoss huber) {
                BigDecimal delta = new BigDecimal(huber.delta());
                value = r.abs().compareTo(delta) <= 0
                        ? r.multiply(r).multiply(new BigDecimal("0.5"))
                        : delta.multiply(r.abs().subtract(delta.multiply(new BigDecimal("0.5"))));
            } else {
                value = r.multiply(r);
            }
            BigDecimal weight = s == null ? BigDecimal.ONE : new BigDecimal(s[i]);
            sum = sum.add(weight.multiply(value));
            total = total.add(weight);
        }
        return sum.divide(total, DIGITS);
    }
}
