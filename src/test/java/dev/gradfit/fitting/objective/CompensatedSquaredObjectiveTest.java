package dev.gradfit.fitting.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.SquaredLoss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompensatedSquaredObjectiveTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void computesTheSameCostAndGradientAsTheDirectLoop(boolean fitIntercept) {
        SplittableRandom random = new SplittableRandom(fitIntercept ? 1 : 2);
        int n = 300;
        int d = 4;
        double[] features = new double[n * d];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                features[i * d + j] = random.nextDouble(-3, 3);
            }
            y[i] = random.nextDouble(-10, 10);
            s[i] = random.nextInt(4);
        }
        s[0] = 1;
        Dataset data = new Dataset(features, d, y, s);
        double[] w = {0.4, 1.5, -2.0, 0.25, 3.0};
        double[] expected = new double[d + 1];
        double[] actual = new double[d + 1];

        double expectedCost =
                new MeanLossObjective(data, SquaredLoss.INSTANCE, fitIntercept).valueAndGradient(w, expected);
        double actualCost = new CompensatedSquaredObjective(data, fitIntercept).valueAndGradient(w, actual);

        // Same function; the direct loop's rounding on 300 well-scaled rows is far below 1e-12 relative.
        assertThat(actualCost).isCloseTo(expectedCost, within(1e-12 * expectedCost));
        assertThat(new CompensatedSquaredObjective(data, fitIntercept).value(w)).isEqualTo(actualCost);
        for (int k = 0; k <= d; k++) {
            assertThat(actual[k]).isCloseTo(expected[k], within(1e-12 * (1 + Math.abs(expected[k]))));
        }
        if (!fitIntercept) {
            assertThat(actual[0]).isZero();
        }
    }

    @Test
    void keepsWhatPlainSummationLoses() {
        // At w = 0 the residuals are −y = {−1e16, −1, 1e16}; their exact sum is −1, so ∂J/∂b0 = (2/3)·(−1).
        // Summed in doubles, −1e16 − 1 rounds back to −1e16 and the −1 is lost.
        Dataset data = Dataset.of(new double[] {0, 0, 0}, new double[] {1e16, 1, -1e16});
        double[] plain = new double[2];
        double[] compensated = new double[2];

        new MeanLossObjective(data, SquaredLoss.INSTANCE).valueAndGradient(new double[2], plain);
        new CompensatedSquaredObjective(data, true).valueAndGradient(new double[2], compensated);

        assertThat(plain[0]).isZero();
        // Double-double carries the exact sum; the only rounding is the final division by 3.
        assertThat(compensated[0]).isCloseTo(-2.0 / 3, within(1e-16));
    }
}
