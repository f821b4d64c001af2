package dev.gradfit.fitting.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The first epochs of every schedule against rates worked out by hand. */
class ScheduleTest {

    /** The hand values are products of at most a few exact factors: only rounding separates them. */
    private static final double ROUNDING = 1e-15;

    private static double[] rates(Schedule schedule, double initial, int epochs) {
        Schedule.State state = schedule.start(initial);
        double[] rates = new double[epochs];
        for (int e = 1; e <= epochs; e++) {
            rates[e - 1] = state.learningRate(e);
        }
        return rates;
    }

    @Test
    void constantKeepsTheInitialRate() {
        assertThat(rates(ConstantSchedule.INSTANCE, 0.01, 3)).containsExactly(0.01, 0.01, 0.01);
    }

    @Test
    void inverseScalingDividesByAPowerOfTheEpoch() {
        double[] r = rates(new InverseScalingSchedule(0.5), 1.0, 4);

        // 1/1, 1/√2, 1/√3, 1/√4.
        assertThat(r[0]).isCloseTo(1.0, within(ROUNDING));
        assertThat(r[1]).isCloseTo(1 / Math.sqrt(2), within(ROUNDING));
        assertThat(r[2]).isCloseTo(1 / Math.sqrt(3), within(ROUNDING));
        assertThat(r[3]).isCloseTo(0.5, within(ROUNDING));
    }

    @Test
    void stepMultipliesByTheFactorEveryKEpochs() {
        double[] r = rates(new StepSchedule(0.5, 2), 1.0, 5);

        // Epochs 1–2 at 1, 3–4 at 0.5, 5 at 0.25.
        assertThat(r).containsExactly(new double[] {1.0, 1.0, 0.5, 0.5, 0.25}, within(ROUNDING));
    }

    @Test
    void exponentialMultipliesByTheFactorEveryEpoch() {
        double[] r = rates(new ExponentialSchedule(0.9), 2.0, 3);

        // 2, 2·0.9, 2·0.81.
        assertThat(r).containsExactly(new double[] {2.0, 1.8, 1.62}, within(ROUNDING));
    }

    @Test
    void plateauReducesAfterPatienceEpochsWithoutImprovement() {
        Schedule.State state = new PlateauSchedule(0.5, 2, 0.0, 0.0).start(1.0);

        state.observe(0, 10);
        assertThat(state.learningRate(1)).isEqualTo(1.0);
        state.observe(1, 9); // an improvement: the count stays at 0
        assertThat(state.learningRate(2)).isEqualTo(1.0);
        state.observe(2, 9); // first epoch without improvement
        assertThat(state.learningRate(3)).isEqualTo(1.0);
        state.observe(3, 9.5); // second: patience 2 reached, the rate halves and the count restarts
        assertThat(state.learningRate(4)).isEqualTo(0.5);
        state.observe(4, 9);
        assertThat(state.learningRate(5)).isEqualTo(0.5);
        state.observe(5, 9);
        assertThat(state.learningRate(6)).isEqualTo(0.25);
    }

    @Test
    void plateauCountsOnlyImprovementsBeyondTheThresholdAndStopsAtTheFloor() {
        Schedule.State state = new PlateauSchedule(0.1, 1, 0.01, 0.05).start(1.0);

        state.observe(0, 100);
        state.observe(1, 99.5); // 0.5 % better, less than the 1 % threshold: one bad epoch, patience 1
        assertThat(state.learningRate(2)).isCloseTo(0.1, within(ROUNDING));
        state.observe(2, 99.4);
        // 0.1·0.1 = 0.01 is below the floor of 0.05.
        assertThat(state.learningRate(3)).isEqualTo(0.05);
    }

    @Test
    void validatesHyperparametersAndPrintsThem() {
        assertThatThrownBy(() -> new StepSchedule(1.0, 10)).hasMessageContaining("factor");
        assertThatThrownBy(() -> new StepSchedule(0.5, 0)).hasMessageContaining("every");
        assertThatThrownBy(() -> new ExponentialSchedule(0)).hasMessageContaining("factor");
        assertThatThrownBy(() -> new InverseScalingSchedule(-1)).hasMessageContaining("power");
        assertThatThrownBy(() -> new PlateauSchedule(0.1, 0, 1e-4, 0)).hasMessageContaining("patience");

        assertThat(new StepSchedule()).hasToString("StepSchedule[factor=0.1, every=100]");
        assertThat(new PlateauSchedule())
                .hasToString("PlateauSchedule[factor=0.1, patience=10, threshold=1.0E-4, minLearningRate=0.0]");
    }
}
