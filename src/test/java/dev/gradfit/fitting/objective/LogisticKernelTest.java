package dev.gradfit.fitting.objective;

import static dev.gradfit.fitting.objective.SufficientStatisticsObjectiveTest.assertCloseRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.LogisticLoss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticKernelTest {

    @Test
    void computesLog1pToAFewUlps() {
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 100_000; k++) {
            // e = exp(−|z|) spans (0, 1]: draw its exponent uniformly to cover tiny values as well.
            double e = Math.exp(-random.nextDouble(0, 60));
            double w = 1.0 + e;

            double value = LogisticKernel.log1p(e, w, 1.0 / w);

            // StrictMath.log1p is fdlibm's, within 1 ulp of the true value; 4 ulps leaves room for the
            // rounding of log(w) and of the correction term.
            double expected = StrictMath.log1p(e);
            assertThat(value).as("log1p(%s)", e).isCloseTo(expected, within(4 * Math.ulp(expected)));
        }
    }

    @Test
    void givesTheCostAndGradientOfTheLogisticLoss() {
        SplittableRandom random = new SplittableRandom(2);
        int n = 100_000;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = random.nextDouble(-10, 10);
            x[2 * i + 1] = random.nextGaussian();
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-0.5 * x[2 * i])) ? 1 : 0;
        }
        Dataset data = new Dataset(x, 2, y);
        // Scores up to about ±40: e = exp(−|z|) reaches 1e-18, where log1p(e) = e matters.
        double[] w = {0.2, 4, -1};
        double[] fastGradient = new double[3];
        double[] directGradient = new double[3];

        double fast =
                new ParallelMeanLossObjective(data, LogisticLoss.INSTANCE, true).valueAndGradient(w, fastGradient);
        double direct = new MeanLossObjective(data, LogisticLoss.INSTANCE, true).valueAndGradient(w, directGradient);

        // Sums of 100,000 terms in different orders, each term within a few ulps: 1e-12 relative.
        assertThat(fast).isCloseTo(direct, within(1e-12 * direct));
        assertCloseRelative(fastGradient, directGradient, 1e-12);
        assertThat(new ParallelMeanLossObjective(data, LogisticLoss.INSTANCE, true).value(w))
                .isEqualTo(fast);
    }
}
