package dev.gradfit.fitting.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.optimizer.AdaGrad;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.Momentum;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Trainer;
import org.junit.jupiter.api.Test;

/** The elastic-net penalty, its gradient, and ridge regression against its closed form. */
class RegularizationTest {

    private final Trainer trainer = new Trainer();

    @Test
    void penalisesCoefficientsButNeverTheIntercept() {
        Regularization penalty = new Regularization(0.5, 2.0);
        double[] w = {100.0, 1.0, -2.0};
        double[] gradient = {7.0, 0.0, 0.0};

        // 0.5·(1 + 2) + 2·(1 + 4) = 11.5; the intercept 100 does not count.
        assertThat(penalty.penalty(w)).isCloseTo(11.5, within(1e-15));
        penalty.addGradient(w, gradient);
        // ∂/∂c = l1·sign(c) + 2·l2·c: 0.5 + 4 = 4.5 and −0.5 − 8 = −8.5; the intercept's entry untouched.
        assertThat(gradient).containsExactly(7.0, 4.5, -8.5);
    }

    @Test
    void fitsTheRidgeSolutionWithoutAnIntercept() {
        // J(b) = (1/n)·Σ(b·x − y)² + l2·b² is minimised at b = (Σxy/n) / (Σx²/n + l2).
        double[] x = {1, 2, 3, 4};
        double[] y = {2.5, 3.5, 7.0, 8.0};
        double l2 = 0.5;
        double sxy = (2.5 + 7.0 + 21.0 + 32.0) / 4;
        double sxx = (1 + 4 + 9 + 16) / 4.0;
        double ridge = sxy / (sxx + l2);
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(0.05)
                .epochs(2000)
                .fitIntercept(false)
                .regularization(new Regularization(0, l2))
                .build();

        FitResult result = trainer.fit(Dataset.of(x, y), hyperparameters);

        // J'' = 2·(7.5 + 0.5) = 16; at rate 0.05 the error shrinks by 0.2 per epoch: exact after 2000.
        assertThat(result.weights().coefficients()[0]).isCloseTo(ridge, within(1e-12));
        // Without fitIntercept the intercept never leaves 0.
        assertThat(result.weights().intercept()).isEqualTo(0.0);
        // The cost includes the penalty.
        double b = result.weights().coefficients()[0];
        double mse = 0;
        for (int i = 0; i < x.length; i++) {
            mse += (b * x[i] - y[i]) * (b * x[i] - y[i]) / x.length;
        }
        assertThat(result.cost()).isCloseTo(mse + l2 * b * b, within(1e-12));
    }

    @Test
    void leavesAnUnpenalisedObjectiveAsItIs() {
        Objective plain = new MeanLossObjective(Dataset.of(new double[] {1}, new double[] {1}), SquaredLoss.INSTANCE);

        assertThat(RegularizedObjective.of(plain, Regularization.NONE)).isSameAs(plain);
    }

    @Test
    void holdsTheInterceptForEveryOptimizerWhenNotFitted() {
        for (Optimizer optimizer : new Optimizer[] {new Momentum(), new Nesterov(), new AdaGrad(), new Adam()}) {
            Hyperparameters hyperparameters = Hyperparameters.builder()
                    .learningRate(0.01)
                    .epochs(50)
                    .fitIntercept(false)
                    .optimizer(optimizer)
                    .build();

            FitResult result = trainer.fit(Dataset.of(new double[] {1, 2, 3}, new double[] {5, 6, 7}), hyperparameters);

            assertThat(result.weights().intercept()).as(optimizer.toString()).isEqualTo(0.0);
        }
    }
}
