package dev.gradfit.fitting.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.Fit;
import dev.gradfit.fitting.FitOptions;
import dev.gradfit.fitting.Fitter;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.train.Hyperparameters;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only the ratios of sample weights matter: the cost divides by their sum. So uniform weights of any size
 * are no weights at all, exactly, and the fit must say the same, from subnormal weights to ones near the
 * largest double. The weighted loops multiply by the weights where the plain ones do not, so the two agree
 * to rounding (1e-12 relative), not bit for bit.
 */
class SampleWeightScaleTest {

    private static final double[] X = {1, 2, 4, 5, 7, 8};
    private static final double[] Y = {3.1, 4.9, 9.2, 10.8, 15.1, 17.2};

    private final Fitter fitter = new Fitter(10_000);

    @ParameterizedTest
    @ValueSource(doubles = {1e-320, 4.9e-324, 1e-200, 3.0, 1e250, 1e308})
    void uniformWeightsOfAnySizeFitAsNoWeights(double weight) {
        double[] weights = new double[X.length];
        Arrays.fill(weights, weight);
        Hyperparameters hyperparameters = new Hyperparameters(0.01, 500, null);
        FitOptions options = new FitOptions(false, Duration.ofSeconds(30));

        Fit weighted = fitter.fit(new Dataset(X.clone(), 1, Y.clone(), weights), hyperparameters, options);
        Fit plain = fitter.fit(new Dataset(X.clone(), 1, Y.clone()), hyperparameters, options);

        double[] w = weighted.result().weights().toVector();
        double[] p = plain.result().weights().toVector();
        for (int k = 0; k < p.length; k++) {
            assertThat(w[k]).isCloseTo(p[k], within(1e-12 * Math.abs(p[k])));
        }
        double[] costs = weighted.result().costHistory();
        double[] plainCosts = plain.result().costHistory();
        assertThat(costs).hasSameSizeAs(plainCosts);
        for (int e = 0; e < costs.length; e++) {
            assertThat(costs[e]).as("cost after %d epochs", e).isCloseTo(plainCosts[e], within(1e-12 * plainCosts[e]));
        }
        BigDecimal minimum = ExactSquares.cost(X, 1, Y, null, ExactSquares.minimiser(X, 1, Y, null));
        assertThat(ExactSquares.relativeError(weighted.diagnostics().reference().cost(), minimum))
                .isLessThan(1e-12);
        assertThat(weighted.diagnostics().optimalityGap()).isGreaterThanOrEqualTo(0.0);
    }
}
