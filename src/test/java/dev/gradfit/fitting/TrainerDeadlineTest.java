package dev.gradfit.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrainerDeadlineTest {

    private static final double[] X = {1, 2, 3, 4, 5};
    private static final double[] Y = {6, 8, 10, 12, 14};

    /** Relative agreement with the literal loop; the two differ only in rounding order. */
    private static final double TUTORIAL_RELATIVE = 1e-12;

    private final Trainer trainer = new Trainer();

    @Test
    void stopsAtTheDeadlineWithTheWeightsOfTheEpochsRun() {
        AtomicInteger asked = new AtomicInteger();
        // Passes on the 37th question, asked before epoch 37: so 37 epochs ran.
        Deadline deadline = () -> asked.incrementAndGet() >= 37;

        FitResult result = trainer.fit(Dataset.of(X, Y), new Hyperparameters(0.01, 1000, null), deadline);

        assertThat(result.epochs()).isEqualTo(37);
        double[] expected = TutorialLoop.fit(X, Y, 0.01, 37);
        assertThat(result.weights().intercept())
                .isCloseTo(expected[0], within(TUTORIAL_RELATIVE * Math.abs(expected[0])));
        assertThat(result.weights().coefficients()[0])
                .isCloseTo(expected[1], within(TUTORIAL_RELATIVE * Math.abs(expected[1])));
        double[] history = result.costHistory();
        assertThat(history).hasSize(38);
        assertThat(history[history.length - 1]).isEqualTo(result.cost());
    }

    @Test
    void runsOneEpochEvenWhenTheDeadlineHasPassedAlready() {
        FitResult result =
                trainer.fit(Dataset.of(X, Y), new Hyperparameters(0.01, 1000, null), Deadline.after(Duration.ZERO));

        assertThat(result.epochs()).isEqualTo(1);
    }

    @Test
    void runsEveryEpochWhenTheDeadlineNeverPasses() {
        FitResult result = trainer.fit(
                Dataset.of(X, Y), new Hyperparameters(0.01, 1000, null), Deadline.after(Duration.ofDays(365_000)));

        assertThat(result.epochs()).isEqualTo(1000);
    }

    @Test
    void refusesANegativeBudget() {
        assertThatThrownBy(() -> Deadline.after(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
