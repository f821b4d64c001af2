package dev.gradfit.fitting.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Values and derivatives of each loss against the formulas worked out by hand. */
class LossTest {

    /** Exact decimals and logarithms of small integers: only rounding separates them. */
    private static final double ROUNDING = 1e-14;

    /**
     * A second derivative by central differences of the first with step 1e-4: truncation about h²·|ℓ⁗| < 1e-8,
     * rounding about ε/h ≈ 1e-12.
     */
    private static final double CURVATURE = 1e-6;

    private static final double STEP = 1e-4;

    @Test
    void squaredLossIsTheSquaredResidual() {
        assertThat(SquaredLoss.INSTANCE.value(3, 1)).isEqualTo(4.0);
        assertThat(SquaredLoss.INSTANCE.derivative(3, 1)).isEqualTo(4.0);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        HuberLoss huber = new HuberLoss(1.0);

        // r = 0.5: r²/2 = 0.125, slope r = 0.5.
        assertThat(huber.value(1.5, 1)).isCloseTo(0.125, within(ROUNDING));
        assertThat(huber.derivative(1.5, 1)).isCloseTo(0.5, within(ROUNDING));
        // r = 3: δ·(|r| − δ/2) = 2.5, slope δ = 1; r = −3 mirrors it.
        assertThat(huber.value(4, 1)).isCloseTo(2.5, within(ROUNDING));
        assertThat(huber.derivative(4, 1)).isCloseTo(1.0, within(ROUNDING));
        assertThat(huber.value(-2, 1)).isCloseTo(2.5, within(ROUNDING));
        assertThat(huber.derivative(-2, 1)).isCloseTo(-1.0, within(ROUNDING));
        // At |r| = δ both pieces give δ²/2 = 0.5: the loss is continuous.
        assertThat(huber.value(2, 1)).isCloseTo(0.5, within(ROUNDING));
    }

    @Test
    void huberScalesWithDelta() {
        HuberLoss huber = new HuberLoss(2.0);

        // r = 5 > δ = 2: 2·(5 − 1) = 8, slope 2.
        assertThat(huber.value(5, 0)).isCloseTo(8.0, within(ROUNDING));
        assertThat(huber.derivative(5, 0)).isCloseTo(2.0, within(ROUNDING));
    }

    @Test
    void absoluteLossIsTheAbsoluteResidualWithSubgradientZeroAtZero() {
        assertThat(AbsoluteLoss.INSTANCE.value(-1, 1)).isEqualTo(2.0);
        assertThat(AbsoluteLoss.INSTANCE.derivative(-1, 1)).isEqualTo(-1.0);
        assertThat(AbsoluteLoss.INSTANCE.derivative(3, 1)).isEqualTo(1.0);
        assertThat(AbsoluteLoss.INSTANCE.derivative(1, 1)).isEqualTo(0.0);
    }

    @Test
    void logisticLossIsTheCrossEntropyOfTheSigmoid() {
        LogisticLoss loss = LogisticLoss.INSTANCE;

        // z = 0: σ = 1/2, ℓ = ln 2 for either class; slope σ − y.
        assertThat(loss.value(0, 1)).isCloseTo(Math.log(2), within(ROUNDING));
        assertThat(loss.derivative(0, 1)).isCloseTo(-0.5, within(ROUNDING));
        // z = ln 3: σ = 3/4; y = 0 gives −ln(1/4) = ln 4, slope 3/4; y = 1 gives −ln(3/4), slope −1/4.
        double z = Math.log(3);
        assertThat(loss.value(z, 0)).isCloseTo(Math.log(4), within(ROUNDING));
        assertThat(loss.derivative(z, 0)).isCloseTo(0.75, within(ROUNDING));
        assertThat(loss.value(z, 1)).isCloseTo(Math.log(4.0 / 3), within(ROUNDING));
        assertThat(loss.derivative(z, 1)).isCloseTo(-0.25, within(ROUNDING));
    }

    @Test
    void logisticLossStaysFiniteAndAccurateForLargeScores() {
        LogisticLoss loss = LogisticLoss.INSTANCE;

        // log(1 + e^1000) − 1000 would overflow computed naively; the answer is 1000 + log1p(e^−1000) = 1000.
        assertThat(loss.value(1000, 0)).isEqualTo(1000.0);
        assertThat(loss.value(-1000, 1)).isEqualTo(1000.0);
        // A confident right answer costs e^−40 ≈ 4.25e-18, which 1 − σ would round to 0.
        assertThat(loss.value(40, 1)).isCloseTo(Math.exp(-40), within(1e-30));
        assertThat(LogisticLoss.probability(-1000)).isEqualTo(0.0);
        assertThat(LogisticLoss.probability(1000)).isEqualTo(1.0);
    }

    @Test
    void logisticLossAcceptsOnlyZeroAndOne() {
        assertThat(LogisticLoss.INSTANCE.acceptsTarget(0)).isTrue();
        assertThat(LogisticLoss.INSTANCE.acceptsTarget(1)).isTrue();
        assertThat(LogisticLoss.INSTANCE.acceptsTarget(0.5)).isFalse();
        assertThat(LogisticLoss.INSTANCE.acceptsTarget(-1)).isFalse();
        assertThat(SquaredLoss.INSTANCE.acceptsTarget(0.5)).isTrue();
    }

    /** A probability exactly at the threshold is class 1 (scikit-learn's predict labels 1 from σ ≥ 0.5 too). */
    @Test
    void labelsClassOneFromTheThresholdUp() {
        assertThat(LogisticLoss.label(0.5, LogisticLoss.DEFAULT_THRESHOLD)).isEqualTo(1);
        assertThat(LogisticLoss.label(Math.nextDown(0.5), LogisticLoss.DEFAULT_THRESHOLD))
                .isZero();
        assertThat(LogisticLoss.label(0.29, 0.3)).isZero();
        assertThat(LogisticLoss.label(0.3, 0.3)).isEqualTo(1);
        assertThat(LogisticLoss.label(LogisticLoss.probability(0), LogisticLoss.DEFAULT_THRESHOLD))
                .isEqualTo(1);
    }

    /** The bound holds at every score and target, and is reached: no smaller one would do. */
    @Test
    void eachSmoothLossBoundsItsSecondDerivativeByTheLeastBound() {
        for (Loss loss : List.of(SquaredLoss.INSTANCE, new HuberLoss(0.5), new HuberLoss(2.0), LogisticLoss.INSTANCE)) {
            double most = 0;
            for (double target : new double[] {0, 1}) {
                for (double z = -8; z <= 8; z += 1.0 / 64) {
                    double second =
                            (loss.derivative(z + STEP, target) - loss.derivative(z - STEP, target)) / (2 * STEP);
                    most = Math.max(most, second);
                }
            }
            assertThat(most).as(loss.toString()).isCloseTo(loss.maxCurvature(), within(CURVATURE));
        }
        assertThat(SquaredLoss.INSTANCE.maxCurvature()).isEqualTo(2.0);
        assertThat(LogisticLoss.INSTANCE.maxCurvature()).isEqualTo(0.25);
    }

    /**
     * Böhning's bound of the softmax Hessian: 1/2 along every direction of a row's scores, reached with two
     * classes of equal scores along (1, −1)/√2, and not passed with three classes at random scores.
     */
    @Test
    void softmaxLossBoundsItsCurvatureByOneHalf() {
        SoftmaxLoss two = new SoftmaxLoss(2);
        double[] along = {Math.sqrt(0.5), -Math.sqrt(0.5)};
        assertThat(directionalCurvature(two, new double[] {0, 0}, along, 0)).isCloseTo(0.5, within(CURVATURE));

        SoftmaxLoss three = new SoftmaxLoss(3);
        Random random = new Random(7);
        for (int trial = 0; trial < 1000; trial++) {
            double[] scores = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double[] direction = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double norm =
                    Math.sqrt(direction[0] * direction[0] + direction[1] * direction[1] + direction[2] * direction[2]);
            for (int k = 0; k < 3; k++) {
                direction[k] /= norm;
            }
            assertThat(directionalCurvature(three, scores, direction, trial % 3))
                    .isLessThanOrEqualTo(three.maxCurvature() + CURVATURE);
        }
    }

    @Test
    void theLossesWithoutACurvatureBoundSayNaN() {
        for (Loss loss :
                List.of(AbsoluteLoss.INSTANCE, PoissonLoss.INSTANCE, GammaLoss.INSTANCE, new TweedieLoss(1.5))) {
            assertThat(loss.maxCurvature()).as(loss.toString()).isNaN();
        }
    }

    /** {@code vᵀ·H·v} of a row's softmax loss at {@code scores}, by central differences of its gradient. */
    private static double directionalCurvature(SoftmaxLoss loss, double[] scores, double[] v, int target) {
        int k = scores.length;
        double[] up = new double[k];
        double[] down = new double[k];
        for (int j = 0; j < k; j++) {
            up[j] = scores[j] + STEP * v[j];
            down[j] = scores[j] - STEP * v[j];
        }
        double[] gradientUp = new double[k];
        double[] gradientDown = new double[k];
        loss.valueAndGradient(up, 0, target, gradientUp, 0);
        loss.valueAndGradient(down, 0, target, gradientDown, 0);
        double curvature = 0;
        for (int j = 0; j < k; j++) {
            curvature += v[j] * (gradientUp[j] - gradientDown[j]) / (2 * STEP);
        }
        return curvature;
    }
}
