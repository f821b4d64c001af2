package dev.gradfit.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.schedule.ExponentialSchedule;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Trainer;
import org.junit.jupiter.api.Test;

/** Logistic regression by gradient descent on small cases whose optimum is known in closed form. */
class LogisticRegressionTest {

    private final Trainer trainer = new Trainer();

    private static Hyperparameters logistic(double learningRate, int epochs) {
        return Hyperparameters.builder()
                .loss(LogisticLoss.INSTANCE)
                .learningRate(learningRate)
                .epochs(epochs)
                .build();
    }

    @Test
    void matchesTheClassFrequenciesOnASymmetricDataset() {
        // At x = 1 three of four points are class 1, at x = −1 one of four. The data are symmetric under
        // (x, y) → (−x, 1 − y), so the intercept is 0, and the maximum-likelihood slope makes σ(b) = 3/4:
        // b = ln 3. Not separable, so the optimum is finite without a penalty.
        double[] x = {1, 1, 1, 1, -1, -1, -1, -1};
        double[] y = {1, 1, 1, 0, 0, 0, 0, 1};

        FitResult result = trainer.fit(Dataset.of(x, y), logistic(2.0, 2000));

        // The Hessian at the optimum is diag(3/16, 3/16); at rate 2 the error shrinks by 5/8 per epoch,
        // so 2000 epochs leave only rounding.
        assertThat(result.weights().intercept()).isCloseTo(0.0, within(1e-12));
        assertThat(result.weights().coefficients()[0]).isCloseTo(Math.log(3), within(1e-12));
        // The cost there is the entropy of a 3:1 split: −(3/4)·ln(3/4) − (1/4)·ln(1/4).
        double entropy = -0.75 * Math.log(0.75) - 0.25 * Math.log(0.25);
        assertThat(result.cost()).isCloseTo(entropy, within(1e-14));
    }

    @Test
    void keepsASeparableDatasetFiniteWithAnL2Penalty() {
        // Two points, (1, 1) and (−1, 0), are separable: without a penalty the slope grows for ever. With
        // J = log(1 + e^−b) + l2·b² (the intercept is 0 by the same symmetry), J'(b) = −σ(−b) + 2·l2·b = 0.
        // Choosing l2 = 1/(8·ln 3) puts the optimum at b = ln 3, where σ(−b) = 1/4 = 2·l2·ln 3.
        double[] x = {1, -1};
        double[] y = {1, 0};
        double l2 = 1 / (8 * Math.log(3));
        Hyperparameters hyperparameters = logistic(1.0, 3000).toBuilder()
                .regularization(new Regularization(0, l2))
                .build();

        FitResult result = trainer.fit(Dataset.of(x, y), hyperparameters);

        // J'' = 3/16 + 2·l2 ≈ 0.41 and the intercept's curvature is 3/16: at rate 1 both errors shrink by
        // at least 13/16 per epoch, far below 1e-12 after 3000 epochs.
        assertThat(result.weights().intercept()).isCloseTo(0.0, within(1e-12));
        assertThat(result.weights().coefficients()[0]).isCloseTo(Math.log(3), within(1e-12));
    }

    @Test
    void reachesTheSameOptimumWithAdam() {
        double[] x = {1, 1, 1, 1, -1, -1, -1, -1};
        double[] y = {1, 1, 1, 0, 0, 0, 0, 1};
        Hyperparameters hyperparameters = logistic(0.01, 5000).toBuilder()
                .optimizer(new Adam())
                .schedule(new ExponentialSchedule(0.999))
                .build();

        FitResult result = trainer.fit(Dataset.of(x, y), hyperparameters);

        // Adam's step size does not shrink with the gradient, so convergence rests on the decaying rate;
        // 1e-4 is a loose bound for that (a run lands within 1e-14, but that is not a promise of Adam's).
        assertThat(result.weights().coefficients()[0]).isCloseTo(Math.log(3), within(1e-4));
        assertThat(result.weights().intercept()).isCloseTo(0.0, within(1e-4));
    }
}
