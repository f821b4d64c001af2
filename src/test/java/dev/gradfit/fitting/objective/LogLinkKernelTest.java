package dev.gradfit.fitting.objective;

import static dev.gradfit.fitting.objective.SufficientStatisticsObjectiveTest.assertCloseRelative;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLinkKernelTest {

    private static LogLinkLoss loss(double power) {
        return power == 1 ? PoissonLoss.INSTANCE : power == 2 ? GammaLoss.INSTANCE : new TweedieLoss(power);
    }

    /** 100,000 rows of two features with sample weights: many chunks, run in parallel. */
    private static Dataset counts(double power, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 100_000;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = random.nextDouble(-2, 2);
            x[2 * i + 1] = random.nextGaussian();
            double mean = Math.exp(0.5 + 0.8 * x[2 * i] - 0.3 * x[2 * i + 1]);
            // Gamma needs y > 0; the others get zeros too, about one row in five.
            y[i] = power == 2
                    ? mean * random.nextDouble(0.2, 2)
                    : random.nextDouble() < 0.2 ? 0 : mean * random.nextDouble(0, 2);
            s[i] = random.nextInt(4);
        }
        return new Dataset(x, 2, y, s);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5, 1.2, 2.0})
    void givesTheCostAndGradientOfTheDirectLoop(double power) {
        Dataset data = counts(power, 3);
        double[] w = {0.1, 0.7, -0.2};
        double[] fastGradient = new double[3];
        double[] directGradient = new double[3];
        LogLinkLoss loss = loss(power);

        ParallelMeanLossObjective parallel = new ParallelMeanLossObjective(data, loss, true);
        double fast = parallel.valueAndGradient(w, fastGradient);
        double direct = new MeanLossObjective(data, loss, true).valueAndGradient(w, directGradient);

        // The kernel sums ℓ − constant(y) and the constants apart, which cancel to the half deviance: its sum
        // agrees with the direct loop to the rounding of the larger sums, about 1e-13 of the cost here.
        assertThat(fast).isCloseTo(direct, within(1e-12 * direct));
        assertCloseRelative(fastGradient, directGradient, 1e-12);
        assertThat(parallel.value(w)).isEqualTo(fast);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5, 2.0})
    void givesTheGradientOfItsCost(double power) {
        Dataset data = counts(power, 4);
        double[] w = {0.3, 0.5, 0.1};
        double[] gradient = new double[3];
        ParallelMeanLossObjective objective = new ParallelMeanLossObjective(data, loss(power), true);
        objective.valueAndGradient(w, gradient);
        for (int k = 0; k < 3; k++) {
            // A central difference: truncation error h²·J'''/6 ≈ 1e-10, rounding ε·J/h ≈ 1e-11.
            double h = 1e-5;
            double[] up = w.clone();
            double[] down = w.clone();
            up[k] += h;
            down[k] -= h;
            double difference = (objective.value(up) - objective.value(down)) / (2 * h);
            assertThat(gradient[k]).as("∂J/∂w%s", k).isCloseTo(difference, within(1e-8 * (1 + Math.abs(difference))));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5, 2.0})
    void sumsTheDevianceOfARangeFromItsPartAndTheConstants(double power) {
        Dataset data = counts(power, 5);
        LogLinkLoss loss = loss(power);
        double[] w = {-0.2, 0.9, 0.4};
        double[] partials = new double[4];

        LogLinkKernel.valueAndGradient(data, loss, w, 100, 900, partials, 0);
        double kernel = partials[0] + LogLinkKernel.constants(data, loss, 100, 900);

        double expected = 0.0;
        double slope = 0.0;
        for (int i = 100; i < 900; i++) {
            double z = w[0] + w[1] * data.feature(i, 0) + w[2] * data.feature(i, 1);
            expected += data.sampleWeight(i) * loss.value(z, data.target(i));
            slope += data.sampleWeight(i) * loss.derivative(z, data.target(i));
        }
        assertThat(kernel).isCloseTo(expected, within(1e-12 * expected));
        assertThat(partials[1]).isCloseTo(slope, within(1e-12 * Math.abs(slope) + 1e-12));
        assertThat(LogLinkKernel.value(data, loss, w, 100, 900))
                .isCloseTo(partials[0], within(1e-12 * Math.abs(partials[0])));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5, 2.0})
    void isTheKernelTheParallelObjectiveRuns(double power) {
        // One chunk: the objective's cost is the kernel's sum plus the constants over the weight sum, to the
        // bit. The direct loop rounds differently, so a fall-back to it fails this.
        Dataset whole = counts(power, 6);
        int n = 1000;
        Dataset data = new Dataset(
                java.util.Arrays.copyOf(whole.features(), 2 * n),
                2,
                java.util.Arrays.copyOf(whole.targets(), n),
                java.util.Arrays.copyOf(whole.sampleWeights(), n));
        LogLinkLoss loss = loss(power);
        double[] w = {0.4, -0.3, 0.8};

        double expected = (LogLinkKernel.value(data, loss, w, 0, n) + LogLinkKernel.constants(data, loss, 0, n))
                / data.weightSum();

        assertThat(new ParallelMeanLossObjective(data, loss, true).value(w)).isEqualTo(expected);
        assertThat(new MeanLossObjective(data, loss, true).value(w)).isNotEqualTo(expected);
    }
}
