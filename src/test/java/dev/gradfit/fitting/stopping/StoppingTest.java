package dev.gradfit.fitting.stopping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.TutorialLoop;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Trainer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Convergence, early stopping, time budget and divergence. */
class StoppingTest {

    private static final double[] X = {1, 2, 3, 4, 5};
    private static final double[] Y = {6, 8, 10, 12, 14};

    private final Trainer trainer = new Trainer();

    @Test
    void stopsWhenTheCostNoLongerImprovesByTheTolerance() {
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(0.05)
                .epochs(9_000) // within the history limit, so every epoch is kept
                .stoppingRules(List.of(new ConvergenceRule(1e-6, 5)))
                .build();

        FitResult result = trainer.fit(Dataset.of(X, Y), hyperparameters);

        assertThat(result.stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(result.epochs()).isBetween(6, 8_999);
        double[] history = result.costHistory();
        assertThat(history).hasSize(result.epochs() + 1);
        assertThat(history[history.length - 1]).isEqualTo(result.cost());
        // The last five epochs each improved on the best by less than 1e-6 relative; the one before by more.
        int last = history.length - 1;
        for (int k = last - 4; k <= last; k++) {
            assertThat(history[k]).isGreaterThanOrEqualTo(history[last - 5] * (1 - 1e-6));
        }
    }

    @Test
    void stopsWhenTheTimeBudgetRunsOut() {
        // A fake clock that advances one millisecond each time it is read: the rule reads it once at the
        // start and once per epoch boundary, so a 5 ms budget is spent at the check after epoch 4.
        AtomicLong nanos = new AtomicLong();
        TimeBudgetRule budget = new TimeBudgetRule(Duration.ofMillis(5), () -> nanos.getAndAdd(1_000_000));
        Hyperparameters hyperparameters =
                Hyperparameters.builder().stoppingRules(List.of(budget)).build();

        FitResult result = trainer.fit(Dataset.of(X, Y), hyperparameters);

        assertThat(result.stopReason()).isEqualTo(StopReason.TIME_BUDGET);
        assertThat(result.epochs()).isEqualTo(4);
        // The weights are the tutorial's after 4 epochs.
        double[] expected = TutorialLoop.fit(X, Y, 0.001, 4);
        assertThat(result.weights().intercept()).isCloseTo(expected[0], within(1e-15));
    }

    @Test
    void stopsEarlyWhenTheHeldOutCostStopsImprovingAndReportsItsHistory() {
        SplittableRandom random = new SplittableRandom(7);
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-1, 1);
            y[i] = 1 + 3 * x[i] + 0.3 * random.nextGaussian();
        }
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(0.1)
                .epochs(50_000)
                .seed(3)
                .stoppingRules(List.of(new EarlyStoppingRule(0.25, 1e-4, 5)))
                .build();

        FitResult result = trainer.fit(Dataset.of(x, y), hyperparameters);
        FitResult again = trainer.fit(Dataset.of(x, y), hyperparameters);

        assertThat(result.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
        assertThat(result.epochs()).isLessThan(50_000);
        assertThat(result.validationCostHistory()).hasSize(result.costHistorySize());
        // The held-out cost falls from its start and ends near the noise variance 0.09 (10 points: loose).
        double[] validation = result.validationCostHistory();
        assertThat(validation[validation.length - 1]).isLessThan(validation[0]).isBetween(0.01, 0.5);
        // The split comes from the seed: the same request gives the same fit, bit for bit.
        assertThat(again.weights()).isEqualTo(result.weights());
        assertThat(again.validationCostHistory()).containsExactly(validation);
    }

    @Test
    void holdsOutASeededShareOfTheRows() {
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 100 + i;
        }
        Dataset data = Dataset.of(x, y);

        HoldOut split = HoldOut.split(data, 0.25, 42);
        HoldOut same = HoldOut.split(data, 0.25, 42);
        HoldOut other = HoldOut.split(data, 0.25, 43);

        assertThat(split.validation().rows()).isEqualTo(5);
        assertThat(split.training().rows()).isEqualTo(15);
        double[] held = column(split.validation());
        assertThat(held).containsExactly(column(same.validation()));
        assertThat(held).isNotEqualTo(column(other.validation()));
        // Together the parts are the rows, each once, targets still attached to their features.
        double[] all = new double[20];
        System.arraycopy(held, 0, all, 0, 5);
        System.arraycopy(column(split.training()), 0, all, 5, 15);
        java.util.Arrays.sort(all);
        assertThat(all).containsExactly(x);
        assertThat(split.validation().target(0))
                .isEqualTo(100 + split.validation().feature(0, 0));
        assertThatThrownBy(() -> HoldOut.split(Dataset.of(new double[] {1}, new double[] {1}), 0.5, 1))
                .isInstanceOf(HoldOut.UnusableSplitException.class);
    }

    @Test
    void reportsACostThatGrewAThousandfold() {
        FitDivergedException diverged = catchDivergence(new Hyperparameters(0.2, 1000, null), X, Y);

        // At 0.2, above 2/λmax ≈ 0.0845, the error grows by about |1 − 0.2·23.66| ≈ 3.7 per epoch: the
        // cost passes 1000× its start within a handful of epochs, long before it overflows.
        assertThat(diverged.divergence()).isEqualTo(FitDivergedException.Cause.GREW);
        assertThat(diverged.epoch()).isBetween(2, 10);
        assertThat(diverged.lastFiniteCost()).isGreaterThan(1000 * 108.0);
        assertThat(diverged.maxStableLearningRate()).isCloseTo(2 / (2 * (6 + Math.sqrt(34))), within(1e-14));
        assertThat(diverged.learningRate()).isEqualTo(0.2);
    }

    @Test
    void reportsACostThatStoppedBeingFinite() {
        // The first step puts the slope at about 2e200, so the next prediction overflows to infinity.
        FitDivergedException diverged =
                catchDivergence(new Hyperparameters(1.0, 10, null), new double[] {1e200}, new double[] {1});

        assertThat(diverged.divergence()).isEqualTo(FitDivergedException.Cause.NOT_FINITE);
        assertThat(diverged.epoch()).isEqualTo(1);
        assertThat(diverged.lastFiniteCost()).isEqualTo(1.0);
    }

    @Test
    void knowsNoStabilityBoundForALossWithoutCurvature() {
        Hyperparameters absolute = new Hyperparameters(1e200, 10, null)
                .toBuilder().loss(AbsoluteLoss.INSTANCE).build();

        FitDivergedException diverged = catchDivergence(absolute, X, Y);

        assertThat(diverged.maxStableLearningRate()).isNaN();
        assertThat(diverged.hint()).contains("smaller learningRate");
    }

    /**
     * For X = 1..5 with an intercept, ZᵀZ/n = [[1, 3], [3, 11]], whose largest eigenvalue is 6 + √34 (worked by
     * hand). The loss's largest second derivative scales it: 1 for huber, 1/4 for logistic, 1/2 for softmax
     * (Böhning 1992), so gd cannot diverge below 2/(c·(6 + √34)).
     */
    @Test
    void boundsTheCurvatureOfHuberLogisticAndSoftmax() {
        double lambda = 6 + Math.sqrt(34);
        Hyperparameters huge = new Hyperparameters(1e200, 10, null);

        FitDivergedException huber =
                catchDivergence(huge.toBuilder().loss(new HuberLoss(1.0)).build(), X, Y);
        FitDivergedException logistic =
                catchDivergence(huge.toBuilder().loss(LogisticLoss.INSTANCE).build(), X, new double[] {0, 0, 1, 0, 1});
        FitDivergedException softmax =
                catchDivergence(huge.toBuilder().loss(new SoftmaxLoss(3)).build(), X, new double[] {0, 1, 0, 2, 2});

        assertThat(huber.maxStableLearningRate()).isCloseTo(2 / lambda, within(1e-14));
        assertThat(logistic.maxStableLearningRate()).isCloseTo(8 / lambda, within(1e-14));
        assertThat(softmax.maxStableLearningRate()).isCloseTo(4 / lambda, within(1e-14));
        assertThat(softmax.hint()).contains("stable on this data for every learningRate below 0.338096");
    }

    /** Above the logistic bound descent may still converge: the guard does not call it divergence. */
    @Test
    void letsALogisticFitAboveItsGuaranteedRateConverge() {
        double bound = 8 / (6 + Math.sqrt(34));
        Hyperparameters aboveBound = new Hyperparameters(1.5 * bound, 2000, null)
                .toBuilder().loss(LogisticLoss.INSTANCE).build();

        FitResult result = trainer.fit(Dataset.of(X, new double[] {0, 0, 1, 0, 1}), aboveBound);

        assertThat(result.cost()).isLessThan(Math.log(2));
    }

    private FitDivergedException catchDivergence(Hyperparameters hyperparameters, double[] x, double[] y) {
        try {
            trainer.fit(Dataset.of(x, y), hyperparameters);
        } catch (FitDivergedException diverged) {
            return diverged;
        }
        throw new AssertionError("expected the fit to diverge");
    }

    private static double[] column(Dataset data) {
        double[] values = new double[data.rows()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.feature(i, 0);
        }
        return values;
    }
}
