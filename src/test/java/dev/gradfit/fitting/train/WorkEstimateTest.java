package dev.gradfit.fitting.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.optimizer.Lbfgs;
import org.junit.jupiter.api.Test;

class WorkEstimateTest {

    @Test
    void countsAPassPerEpochOverEveryFeatureOfEveryRowAndTheIntercept() {
        // 10 rows × (2 features + 1) × (99 epochs + 1 final cost).
        assertThat(WorkEstimate.of(10, 2, 99, false)).isEqualTo(10 * 3 * 100);
    }

    @Test
    void countsSufficientStatisticsOnceThenASquarePerEpoch() {
        // 10 rows × 3² for the covariance, 3³ for the solve, (99 + 1) × 3² for the epochs.
        assertThat(WorkEstimate.of(10, 2, 99, true)).isEqualTo(10 * 9 + 27 + 100 * 9);
    }

    @Test
    void usesSufficientStatisticsForTheDefaultFit() {
        assertThat(WorkEstimate.of(1_000_000, 1, Hyperparameters.defaults()))
                .isEqualTo(WorkEstimate.of(1_000_000, 1, 1000, true));
    }

    @Test
    void countsTwoEvaluationsOfTheCostPerLbfgsIteration() {
        Hyperparameters lbfgs = Hyperparameters.builder()
                .optimizer(new Lbfgs())
                .loss(LogisticLoss.INSTANCE)
                .epochs(99)
                .build();

        // 10 rows × (2 features + 1) × (2 × 99 evaluations + 1 final cost).
        assertThat(WorkEstimate.of(10, 2, lbfgs)).isEqualTo(10 * 3 * 199);
    }

    @Test
    void countsTheCompensatedObjectiveAsFiveDirectPasses() {
        assertThat(WorkEstimate.compensated(10, 2, 99)).isEqualTo(5L * 10 * 3 * 100);
        assertThat(WorkEstimate.compensated(Long.MAX_VALUE / 8, 1, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        assertThat(WorkEstimate.of(Long.MAX_VALUE / 2, 1000, 1_000_000, false)).isEqualTo(Long.MAX_VALUE);
        assertThat(WorkEstimate.of(Long.MAX_VALUE / 2, 1000, 1_000_000, true)).isEqualTo(Long.MAX_VALUE);
    }
}
