package dev.gradfit.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.Lbfgs;
import dev.gradfit.fitting.schedule.StepSchedule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.EpochObserver;
import dev.gradfit.fitting.train.FitCanceledException;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The observer a fit can be given through {@link FitOptions}: what it sees, that it changes nothing, and
 * that it can cancel. Every comparison here is exact: an observer that changed a single bit of a result
 * would make a job's model differ from the same synchronous fit.
 */
class EpochObserverTest {

    private static final Duration AN_HOUR = Duration.ofHours(1);

    private final Fitter fitter = new Fitter(10_000);

    /** Two features on scales 1000 apart, a linear signal and seeded noise. */
    private static Dataset data(boolean labels) {
        SplittableRandom random = new SplittableRandom(11);
        int n = 60;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = random.nextDouble(-2, 2);
            x[2 * i + 1] = random.nextDouble(0, 2000);
            double signal = 0.5 - x[2 * i] + 0.001 * x[2 * i + 1] + 0.3 * random.nextGaussian();
            y[i] = labels ? (signal > 1 ? 1 : 0) : signal;
        }
        return new Dataset(x, 2, y);
    }

    static Stream<Arguments> fits() {
        return Stream.of(
                Arguments.of(
                        "the tutorial's descent",
                        false,
                        Hyperparameters.builder().learningRate(1e-7).epochs(300).build(),
                        false),
                Arguments.of(
                        "adam on shuffled mini-batches with a step schedule",
                        false,
                        Hyperparameters.builder()
                                .learningRate(0.05)
                                .epochs(150)
                                .optimizer(new Adam())
                                .schedule(new StepSchedule(0.5, 40))
                                .batching(new Batching(7, true))
                                .seed(3)
                                .build(),
                        false),
                Arguments.of(
                        "l-bfgs, whose epochs are iterations with a line search",
                        false,
                        Hyperparameters.builder()
                                .optimizer(new Lbfgs())
                                .epochs(200)
                                .build(),
                        false),
                Arguments.of(
                        "standardized descent",
                        false,
                        Hyperparameters.builder().learningRate(0.1).epochs(200).build(),
                        true),
                Arguments.of(
                        "logistic regression with early stopping, standardized",
                        true,
                        Hyperparameters.builder()
                                .loss(LogisticLoss.INSTANCE)
                                .learningRate(0.5)
                                .epochs(400)
                                .stoppingRules(List.of(new EarlyStoppingRule(0.2, 0.0, 5)))
                                .seed(5)
                                .build(),
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fits")
    void changesNoBitOfTheResult(String name, boolean labels, Hyperparameters hyperparameters, boolean standardize) {
        Dataset data = data(labels);
        Recorder recorder = new Recorder(Integer.MAX_VALUE);

        FitResult plain = fitter.fit(data, hyperparameters, new FitOptions(standardize, AN_HOUR))
                .result();
        FitResult observed = fitter.fit(data, hyperparameters, new FitOptions(standardize, AN_HOUR, recorder))
                .result();

        assertThat(observed.weights()).isEqualTo(plain.weights());
        assertThat(observed.costHistory()).isEqualTo(plain.costHistory());
        assertThat(observed.cost()).isEqualTo(plain.cost());
        assertThat(observed.epochs()).isEqualTo(plain.epochs());
        assertThat(observed.stopReason()).isEqualTo(plain.stopReason());
        assertThat(recorder.numbers).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fits")
    void seesEveryEpochFromTheStartToTheLastWithTheResultsCostsAndFinalWeights(
            String name, boolean labels, Hyperparameters hyperparameters, boolean standardize) {
        Recorder recorder = new Recorder(Integer.MAX_VALUE);

        FitResult result = fitter.fit(data(labels), hyperparameters, new FitOptions(standardize, AN_HOUR, recorder))
                .result();

        assertThat(recorder.numbers).hasSize(result.epochs() + 1);
        for (int e = 0; e < recorder.numbers.size(); e++) {
            assertThat(recorder.numbers.get(e)).isEqualTo(e);
        }
        // Fewer epochs than the history limit: the history holds every epoch's cost, the same double, but
        // for the last entry: the cost of the returned weights, computed once more with compensated
        // arithmetic, which may differ from the epoch's own by rounding.
        double[] seen = recorder.costs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] history = result.costHistory();
        int last = history.length - 1;
        assertThat(java.util.Arrays.copyOf(seen, last)).isEqualTo(java.util.Arrays.copyOf(history, last));
        assertThat(seen).hasSameSizeAs(history);
        assertThat(seen[last]).isCloseTo(history[last], org.assertj.core.api.Assertions.within(1e-12 * history[last]));
        // The weights of the last call are the result's, in the original units also when standardized:
        // both are mapped back by the same arithmetic from the same vector.
        assertThat(recorder.lastWeights).isEqualTo(result.weights());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fits")
    void seesTheRateOfTheEpochThatLedToTheWeights(
            String name, boolean labels, Hyperparameters hyperparameters, boolean standardize) {
        Recorder recorder = new Recorder(Integer.MAX_VALUE);
        Hyperparameters withRates =
                hyperparameters.toBuilder().recordLearningRates(true).build();

        FitResult result = fitter.fit(data(labels), withRates, new FitOptions(standardize, AN_HOUR, recorder))
                .result();

        // L-BFGS has no learning rate: its epochs report the step length of their line search, 1 before the first.
        double initial = hyperparameters.optimizer() instanceof Lbfgs ? 1.0 : hyperparameters.learningRate();
        assertThat(recorder.rates.get(0)).isEqualTo(initial);
        // learningRateHistory[e] is the rate of epoch e + 1, which led to the weights seen at e + 1.
        double[] history = result.learningRateHistory();
        for (int e = 0; e + 1 < recorder.rates.size(); e++) {
            assertThat(recorder.rates.get(e + 1)).as("epoch %d", e + 1).isEqualTo(history[e]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fits")
    void cancelsBetweenEpochsWhenTheObserverSaysSo(
            String name, boolean labels, Hyperparameters hyperparameters, boolean standardize) {
        Recorder recorder = new Recorder(5);

        assertThatThrownBy(
                        () -> fitter.fit(data(labels), hyperparameters, new FitOptions(standardize, AN_HOUR, recorder)))
                .isInstanceOfSatisfying(
                        FitCanceledException.class,
                        canceled -> assertThat(canceled.epoch()).isEqualTo(5));
        assertThat(recorder.numbers).containsExactly(0, 1, 2, 3, 4, 5);
    }

    /** Keeps what it sees, and cancels once it has seen epoch {@code cancelAt}. */
    private static final class Recorder implements EpochObserver {

        private final int cancelAt;
        final List<Integer> numbers = new ArrayList<>();
        final List<Double> costs = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        Weights lastWeights;

        Recorder(int cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public boolean afterEpoch(Epoch epoch) {
            numbers.add(epoch.number());
            costs.add(epoch.cost());
            rates.add(epoch.learningRate());
            lastWeights = epoch.weights();
            return epoch.number() < cancelAt;
        }
    }
}
