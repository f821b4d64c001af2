package dev.gradfit.fitting.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The first steps of every optimizer against values worked out by hand from the published update rules. */
class OptimizerTest {

    /** The hand values below are exact decimals or square roots; only double rounding separates them. */
    private static final double ROUNDING = 1e-12;

    /** Adaptive rules add epsilon = 1e-8 to a denominator of order 1; the hand values leave it out. */
    private static final double EPSILON_EFFECT = 1e-7;

    /** Feeds {@code gradients} (one weight) one step each, from weight 0, and returns the weight after each. */
    private static double[] walk(Optimizer optimizer, double learningRate, double... gradients) {
        Optimizer.State state = optimizer.start(1);
        double[] w = {0.0};
        double[] after = new double[gradients.length];
        for (int t = 0; t < gradients.length; t++) {
            state.step(w, new double[] {gradients[t]}, learningRate, t + 1);
            after[t] = w[0];
        }
        return after;
    }

    @Test
    void gradientDescentStepsAgainstTheGradient() {
        double[] w = {1.0, 2.0};

        new GradientDescent().start(2).step(w, new double[] {0.5, -1.0}, 0.1, 1);

        // 1 − 0.1·0.5 = 0.95 and 2 + 0.1·1 = 2.1.
        assertThat(w[0]).isCloseTo(0.95, within(ROUNDING));
        assertThat(w[1]).isCloseTo(2.1, within(ROUNDING));
    }

    @Test
    void momentumAccumulatesVelocity() {
        double[] w = walk(new Momentum(0.9), 0.1, 1, 1, 1);

        // v1 = −0.1, w1 = −0.1; v2 = 0.9·(−0.1) − 0.1 = −0.19, w2 = −0.29; v3 = −0.171 − 0.1 = −0.271, w3 = −0.561.
        assertThat(w[0]).isCloseTo(-0.1, within(ROUNDING));
        assertThat(w[1]).isCloseTo(-0.29, within(ROUNDING));
        assertThat(w[2]).isCloseTo(-0.561, within(ROUNDING));
    }

    @Test
    void nesterovLooksOneVelocityStepAhead() {
        double[] w = walk(new Nesterov(0.9), 0.1, 1, 1);

        // v1 = −0.1, w1 = 0.9·(−0.1) − 0.1 = −0.19; v2 = 0.9·(−0.1) − 0.1 = −0.19,
        // w2 = −0.19 + 0.9·(−0.19) − 0.1 = −0.461.
        assertThat(w[0]).isCloseTo(-0.19, within(ROUNDING));
        assertThat(w[1]).isCloseTo(-0.461, within(ROUNDING));
    }

    @Test
    void adaGradDividesByTheRootOfSummedSquares() {
        double[] w = walk(new AdaGrad(), 1.0, 2, 1);

        // G1 = 4, w1 = −2/√4 = −1; G2 = 5, w2 = −1 − 1/√5.
        assertThat(w[0]).isCloseTo(-1.0, within(EPSILON_EFFECT));
        assertThat(w[1]).isCloseTo(-1.0 - 1.0 / Math.sqrt(5), within(EPSILON_EFFECT));
    }

    @Test
    void rmsPropDividesByARunningRootMeanSquare() {
        double[] w = walk(new RmsProp(0.9, 1e-8), 1.0, 2, 1);

        // E1 = 0.1·4 = 0.4, w1 = −2/√0.4 = −√10; E2 = 0.9·0.4 + 0.1·1 = 0.46, w2 = −√10 − 1/√0.46.
        assertThat(w[0]).isCloseTo(-Math.sqrt(10), within(EPSILON_EFFECT));
        assertThat(w[1]).isCloseTo(-Math.sqrt(10) - 1 / Math.sqrt(0.46), within(EPSILON_EFFECT));
    }

    @Test
    void adamCorrectsItsMomentsForTheirStartAtZero() {
        double[] w = walk(new Adam(), 0.1, 2, 1);

        // Step 1: m = 0.2, v = 0.004, m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4, w1 = −0.1·2/√4 = −0.1.
        assertThat(w[0]).isCloseTo(-0.1, within(EPSILON_EFFECT));
        // Step 2: m = 0.9·0.2 + 0.1·1 = 0.28, v = 0.999·0.004 + 0.001·1 = 0.004996,
        // m̂ = 0.28/(1 − 0.81) = 0.28/0.19, v̂ = 0.004996/(1 − 0.998001) = 0.004996/0.001999.
        double expected = -0.1 - 0.1 * (0.28 / 0.19) / Math.sqrt(0.004996 / 0.001999);
        assertThat(w[1]).isCloseTo(expected, within(EPSILON_EFFECT));
        // The same number written out, as a check on the line above: −0.193217962...
        assertThat(w[1]).isCloseTo(-0.1932179628, within(1e-9));
    }

    @Test
    void clippingRescalesOnlyGradientsLongerThanTheBound() {
        double[] w = {0.0, 0.0};
        Optimizer.State clipped = new GradientClipping(new GradientDescent(), 1.0).start(2);

        clipped.step(w, new double[] {3, 4}, 1.0, 1);
        // ‖(3, 4)‖ = 5 → (0.6, 0.8).
        assertThat(w[0]).isCloseTo(-0.6, within(ROUNDING));
        assertThat(w[1]).isCloseTo(-0.8, within(ROUNDING));

        clipped.step(w, new double[] {0.3, 0.4}, 1.0, 2);
        // ‖(0.3, 0.4)‖ = 0.5 passes unchanged.
        assertThat(w[0]).isCloseTo(-0.9, within(ROUNDING));
        assertThat(w[1]).isCloseTo(-1.2, within(ROUNDING));
    }

    @Test
    void startsEveryFitWithFreshState() {
        Momentum momentum = new Momentum(0.9);
        walk(momentum, 0.1, 1, 1, 1);

        double[] again = walk(momentum, 0.1, 1);

        // A second fit starts from zero velocity: its first step is −0.1, not −0.1 + 0.9·v.
        assertThat(again[0]).isCloseTo(-0.1, within(ROUNDING));
    }

    @Test
    void neverMovesAWeightWhoseGradientIsZero() {
        for (Optimizer optimizer : new Optimizer[] {
            new GradientDescent(), new Momentum(), new Nesterov(), new AdaGrad(), new RmsProp(), new Adam()
        }) {
            double[] w = walk(optimizer, 0.5, 0, 0, 0);

            assertThat(w).as(optimizer.toString()).containsOnly(0.0);
        }
    }

    @Test
    void validatesHyperparametersAndPrintsThem() {
        assertThatThrownBy(() -> new Momentum(1.0)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new Nesterov(-0.1)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new RmsProp(1.5, 1e-8)).hasMessageContaining("rho");
        assertThatThrownBy(() -> new Adam(0.9, 1.0, 1e-8)).hasMessageContaining("beta2");
        assertThatThrownBy(() -> new Adam(0.9, 0.999, 0)).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new AdaGrad(Double.NaN)).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new GradientClipping(new Adam(), -1)).hasMessageContaining("clipNorm");

        assertThat(new Adam()).hasToString("Adam[beta1=0.9, beta2=0.999, epsilon=1.0E-8]");
        assertThat(new Momentum()).hasToString("Momentum[momentum=0.9]");
        assertThat(new RmsProp()).hasToString("RmsProp[rho=0.9, epsilon=1.0E-8]");
    }
}
