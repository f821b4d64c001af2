package dev.gradfit.fitting.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.TutorialLoop;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.schedule.StepSchedule;
import dev.gradfit.fitting.stopping.StopReason;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mini-batches and their seed, snapshots and the learning-rate history. */
class MiniBatchTest {

    private static final double[] X = {1, 2, 3, 4, 5};
    private static final double[] Y = {6, 8, 10, 12, 14};

    private final Trainer trainer = new Trainer();

    private static Dataset noisy(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * 2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = random.nextDouble(-2, 2);
            x[2 * i + 1] = random.nextDouble(-2, 2);
            y[i] = 0.5 - x[2 * i] + 2 * x[2 * i + 1] + random.nextGaussian();
        }
        return new Dataset(x, 2, y);
    }

    @Test
    void givesBitIdenticalWeightsForTheSameSeed() {
        Hyperparameters adam = Hyperparameters.builder()
                .learningRate(0.01)
                .epochs(200)
                .optimizer(new Adam())
                .batching(Batching.miniBatch(8))
                .seed(12345)
                .build();

        FitResult first = trainer.fit(noisy(1, 100), adam);
        FitResult second = trainer.fit(noisy(1, 100), adam);
        FitResult otherSeed =
                trainer.fit(noisy(1, 100), adam.toBuilder().seed(54321).build());

        assertThat(second.weights()).isEqualTo(first.weights());
        assertThat(second.costHistory()).containsExactly(first.costHistory());
        assertThat(otherSeed.weights()).isNotEqualTo(first.weights());
    }

    @Test
    void fitsExactDataWithStochasticGradientDescent() {
        // Points on y = 2x + 4 exactly: every single-point gradient vanishes at the solution, so SGD at a
        // constant rate converges to it like full-batch descent does.
        Hyperparameters sgd = Hyperparameters.builder()
                .learningRate(0.02)
                .epochs(3000)
                .batching(Batching.miniBatch(1))
                .build();

        FitResult result = trainer.fit(Dataset.of(X, Y), sgd);

        assertThat(result.weights().intercept()).isCloseTo(4.0, within(1e-9));
        assertThat(result.weights().coefficients()[0]).isCloseTo(2.0, within(1e-9));
        assertThat(result.costHistory()).hasSize(3001);
    }

    @Test
    void walksTheRowsInOrderWithoutShuffling() {
        // Two batches of one row each, in order, from zero at rate 0.1 (squared loss, slope 2·(p − y)):
        // row (1, 6): p = 0, g = (−12, −12), w = (1.2, 1.2);
        // row (2, 8): p = 1.2 + 2.4 = 3.6, g = (−8.8, −17.6), w = (2.08, 2.96).
        Hyperparameters ordered = Hyperparameters.builder()
                .learningRate(0.1)
                .epochs(1)
                .batching(new Batching(1, false))
                .build();

        FitResult result = trainer.fit(Dataset.of(new double[] {1, 2}, new double[] {6, 8}), ordered);

        assertThat(result.weights().intercept()).isCloseTo(2.08, within(1e-14));
        assertThat(result.weights().coefficients()[0]).isCloseTo(2.96, within(1e-14));
    }

    @Test
    void treatsABatchAsLargeAsTheDataAsFullBatch() {
        Hyperparameters large = new Hyperparameters(0.01, 100, null)
                .toBuilder().batching(Batching.miniBatch(5)).build();

        FitResult result = trainer.fit(Dataset.of(X, Y), large);

        // Bit for bit the tutorial's loop: the same sums in the same order.
        double[] expected = TutorialLoop.fit(X, Y, 0.01, 100);
        assertThat(result.weights().intercept()).isCloseTo(expected[0], within(1e-15 * Math.abs(expected[0])));
    }

    @Test
    void snapshotsTheWeightsAfterTheAskedEpochs() {
        Hyperparameters hyperparameters = new Hyperparameters(0.01, 30, null)
                .toBuilder().snapshotEpochs(List.of(30, 10, 20, 0, 1000)).build();

        FitResult result = trainer.fit(Dataset.of(X, Y), hyperparameters);

        // Sorted, and 1000 was never reached.
        assertThat(result.snapshots()).extracting(Snapshot::epoch).containsExactly(0, 10, 20, 30);
        for (Snapshot snapshot : result.snapshots()) {
            double[] expected = snapshot.epoch() == 0 ? new double[2] : TutorialLoop.fit(X, Y, 0.01, snapshot.epoch());
            // The same arithmetic as the tutorial's loop: agreement to rounding.
            assertThat(snapshot.weights().intercept()).isCloseTo(expected[0], within(1e-12));
            assertThat(snapshot.weights().coefficients()[0]).isCloseTo(expected[1], within(1e-12));
            assertThat(snapshot.cost()).isEqualTo(result.costHistory()[snapshot.epoch()]);
        }
    }

    @Test
    void recordsTheLearningRateOfEveryRecordedEpoch() {
        Hyperparameters hyperparameters = new Hyperparameters(0.01, 5, null)
                .toBuilder()
                        .schedule(new StepSchedule(0.5, 2))
                        .recordLearningRates(true)
                        .build();

        FitResult result = trainer.fit(Dataset.of(X, Y), hyperparameters);

        // Entry k is the rate of epoch k + 1: epochs 1–2 at 0.01, 3–4 at 0.005, 5 at 0.0025.
        assertThat(result.learningRateHistory()).containsExactly(0.01, 0.01, 0.005, 0.005, 0.0025);
        assertThat(result.costHistory()).hasSize(6);
    }

    @Test
    void leavesTheLearningRateHistoryOutUnlessAsked() {
        FitResult result = trainer.fit(Dataset.of(X, Y), new Hyperparameters(0.01, 5, null));

        assertThat(result.learningRateHistory()).isEmpty();
        assertThat(result.validationCostHistory()).isEmpty();
        assertThat(result.stopReason()).isEqualTo(StopReason.EPOCHS);
    }
}
