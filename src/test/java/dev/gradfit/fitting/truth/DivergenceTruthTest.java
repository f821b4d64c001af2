package dev.gradfit.fitting.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.Fit;
import dev.gradfit.fitting.FitOptions;
import dev.gradfit.fitting.Fitter;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.optimizer.AdaGrad;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.Momentum;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.optimizer.RmsProp;
import dev.gradfit.fitting.stopping.ConvergenceRule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.fitting.train.Hyperparameters;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fit that diverged is never answered as converged, early-stopped or finished, and a fit that did not
 * diverge is not refused: each verdict checked against descent replayed in exact arithmetic or against
 * the closed-form stability bounds of the optimizers.
 */
class DivergenceTruthTest {

    /** x = 1..10, y = 2x + 4: H = 2·[[1, 5.5], [5.5, 38.5]], λmax = 39.5 + √1527.25. */
    private static final double[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    private static final double[] Y = {6, 8, 10, 12, 14, 16, 18, 20, 22, 24};
    private static final double LAMBDA_MAX = 39.5 + Math.sqrt(1527.25);
    private static final double GD_BOUND = 2 / LAMBDA_MAX;

    private final Fitter fitter = new Fitter(10_000);

    @Test
    void aToleranceDoesNotCallAGrowingCostConverged() {
        // 0.03 is above 2/λmax = 0.02545: the cost grows every epoch, and the tolerance's patience of 5
        // epochs without improvement used to end the fit as CONVERGED at 21 times its starting cost.
        Hyperparameters hyperparameters = rate(0.03)
                .epochs(1000)
                .stoppingRules(List.of(new ConvergenceRule(1e-6, 5)))
                .build();

        FitDivergedException diverged = diverge(hyperparameters);

        BigDecimal[] exact = ExactSquares.descentCosts(X, 1, Y, new double[2], 0.03, 5, true);
        assertThat(diverged.divergence()).isEqualTo(FitDivergedException.Cause.ROSE);
        assertThat(diverged.epoch()).isEqualTo(5);
        // Five steps of plain descent; the fit's rounding is far below 1e-12 of costs this size.
        assertThat(ExactSquares.relativeError(diverged.lastFiniteCost(), exact[5]))
                .isLessThan(1e-12);
        assertThat(exact[5].compareTo(exact[0])).isPositive();
        assertThat(diverged.maxStableLearningRate()).isCloseTo(GD_BOUND, within(1e-15));
    }

    @Test
    void earlyStoppingDoesNotCallAGrowingCostEarlyStopped() {
        Hyperparameters hyperparameters = rate(0.03)
                .epochs(1000)
                .stoppingRules(List.of(new EarlyStoppingRule(0.2, 1e-4, 5)))
                .build();

        assertThat(diverge(hyperparameters).divergence()).isEqualTo(FitDivergedException.Cause.ROSE);
    }

    @Test
    void theLastEpochDoesNotCallAGrowingCostFinished() {
        Hyperparameters hyperparameters = rate(0.03).epochs(8).build();

        FitDivergedException diverged = diverge(hyperparameters);

        BigDecimal[] exact = ExactSquares.descentCosts(X, 1, Y, new double[2], 0.03, 8, true);
        // Below the thousandfold growth that stops a fit early, above the start: ended worse than it began.
        assertThat(exact[8].doubleValue()).isBetween(exact[0].doubleValue(), 1000 * exact[0].doubleValue());
        assertThat(diverged.divergence()).isEqualTo(FitDivergedException.Cause.ROSE);
        assertThat(diverged.epoch()).isEqualTo(8);
    }

    @Test
    void aCostStillRisingAboveTheStableRateIsNotFinishedEvenBelowItsStart() {
        // Two orthogonal columns without intercept: H = diag(1, 0.01), so 2/λmax = 2. At 2.2 the stiff
        // weight grows by |1 − 2.2| = 1.2 per epoch from 1e-6 while the soft one decays from 100; after
        // 80 epochs the cost is a tenth of its start, and rising.
        double[] x = {1, 0, -1, 0, 0, 0.1, 0, -0.1};
        double[] y = {0, 0, 0, 0};
        double[] start = {0, 1e-6, 100};
        Hyperparameters hyperparameters = Hyperparameters.defaults().toBuilder()
                .fitIntercept(false)
                .learningRate(2.2)
                .epochs(80)
                .initialWeights(Weights.fromVector(start))
                .build();

        FitDivergedException diverged = catchThrowableOfType(
                FitDivergedException.class, () -> fitter.fit(new Dataset(x, 2, y), hyperparameters, options()));

        BigDecimal[] exact = ExactSquares.descentCosts(x, 2, y, start, 2.2, 80, false);
        assertThat(exact[80].compareTo(exact[79])).isPositive();
        assertThat(exact[80].compareTo(exact[0])).isNegative();
        assertThat(diverged.divergence()).isEqualTo(FitDivergedException.Cause.RISING);
        assertThat(ExactSquares.relativeError(diverged.lastFiniteCost(), exact[80]))
                .isLessThan(1e-9);
        assertThat(diverged.maxStableLearningRate()).isEqualTo(2.0);
    }

    static Stream<Optimizer> adaptive() {
        return Stream.of(new Adam(), new RmsProp(), new AdaGrad());
    }

    @ParameterizedTest
    @MethodSource("adaptive")
    void warmStartingAtTheOptimumIsNotRefused(Optimizer optimizer) {
        // The starting cost is 7.9e-31, one ulp off the line; the first adaptive steps move each weight by
        // about the learning rate, a cost near 1e-5: that grew 1e25-fold from the start and was refused
        // as GREW at epoch 1, though it is 1e-6 of the variance of y (33).
        Hyperparameters hyperparameters = rate(0.001)
                .optimizer(optimizer)
                .epochs(100)
                .initialWeights(new Weights(4 + 1e-15, new double[] {2}))
                .build();

        Fit fit = fitter.fit(Dataset.of(X, Y), hyperparameters, options());

        assertThat(fit.result().costHistory()[0]).isLessThan(1e-29);
        assertThat(fit.result().stopReason()).isEqualTo(StopReason.EPOCHS);
        // The cost of a constant prediction is the variance of y, 33; the fit stays a thousandth below it.
        assertThat(fit.result().cost()).isLessThan(0.033);
    }

    @Test
    void momentumIsStableUpToTwiceOnePlusItsMomentumOverLambdaMax() {
        double bound = 2 * (1 + 0.9) / LAMBDA_MAX;
        Hyperparameters below =
                rate(0.95 * bound).optimizer(new Momentum(0.9)).epochs(3000).build();
        Hyperparameters above =
                rate(1.05 * bound).optimizer(new Momentum(0.9)).epochs(3000).build();

        Fit fit = fitter.fit(Dataset.of(X, Y), below, options());
        FitDivergedException diverged = diverge(above);

        // Below its bound (1.8 times plain descent's) heavy ball converges to the line.
        assertThat(fit.result().cost()).isLessThan(1e-20);
        assertThat(diverged.maxStableLearningRate()).isCloseTo(bound, within(1e-15));
    }

    @Test
    void nesterovIsStableUpToTwiceOnePlusMuOverOnePlusTwoMuLambdaMax() {
        double bound = 2 * (1 + 0.9) / ((1 + 2 * 0.9) * LAMBDA_MAX);
        Hyperparameters below =
                rate(0.95 * bound).optimizer(new Nesterov(0.9)).epochs(3000).build();
        Hyperparameters above =
                rate(1.05 * bound).optimizer(new Nesterov(0.9)).epochs(3000).build();

        Fit fit = fitter.fit(Dataset.of(X, Y), below, options());
        FitDivergedException diverged = diverge(above);

        // Nesterov's look-ahead makes its bound 0.68 of plain descent's, not more.
        assertThat(fit.result().cost()).isLessThan(1e-20);
        assertThat(diverged.maxStableLearningRate()).isCloseTo(bound, within(1e-15));
    }

    @Test
    void anOverflowAtTheStartSaysToRescaleYNotToTryAnotherOptimizer() {
        double[] y = new double[X.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1e155 * X[i];
        }

        FitDivergedException diverged = catchThrowableOfType(
                FitDivergedException.class, () -> fitter.fit(Dataset.of(X, y), Hyperparameters.defaults(), options()));

        assertThat(diverged.epoch()).isZero();
        assertThat(diverged.hint()).contains("Rescale y").doesNotContain("plain gd");
    }

    private Hyperparameters.Builder rate(double learningRate) {
        return Hyperparameters.defaults().toBuilder().learningRate(learningRate);
    }

    private FitDivergedException diverge(Hyperparameters hyperparameters) {
        assertThatThrownBy(() -> fitter.fit(Dataset.of(X, Y), hyperparameters, options()))
                .isInstanceOf(FitDivergedException.class);
        return catchThrowableOfType(
                FitDivergedException.class, () -> fitter.fit(Dataset.of(X, Y), hyperparameters, options()));
    }

    private static FitOptions options() {
        return new FitOptions(false, Duration.ofSeconds(30));
    }
}
