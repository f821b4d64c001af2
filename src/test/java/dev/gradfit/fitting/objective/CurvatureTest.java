package dev.gradfit.fitting.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Trainer;
import org.junit.jupiter.api.Test;

/** The largest stable learning rate of squared-loss gradient descent, checked in closed form and by running it. */
class CurvatureTest {

    private static final double[] X = {1, 2, 3, 4, 5};
    private static final double[] Y = {6, 8, 10, 12, 14};

    /** For x = 1..5, H = 2·[[1, mean x], [mean x, mean x²]] = 2·[[1, 3], [3, 11]], λmax = 2·(6 + √34). */
    private static final double MAX_STABLE = 2 / (2 * (6 + Math.sqrt(34)));

    @Test
    void findsTwoOverTheLargestEigenvalueOfTheHessian() {
        double bound = Curvature.maxStableLearningRate(Dataset.of(X, Y), true, 0.0);

        // A 2×2 eigenvalue from the quadratic formula; Jacobi gets it to rounding.
        assertThat(bound).isCloseTo(MAX_STABLE, within(1e-14));
    }

    @Test
    void leavesTheInterceptOutWhenItIsNotFittedAndAddsTheL2Curvature() {
        // Without intercept H = 2·mean x² + 2·l2 = 22 + 1 = 23.
        double bound = Curvature.maxStableLearningRate(Dataset.of(X, Y), false, 0.5);

        assertThat(bound).isCloseTo(2.0 / 23, within(1e-15));
    }

    @Test
    void findsTheLargestEigenvalueOfATridiagonalMatrix() {
        // [[2, 1, 0], [1, 2, 1], [0, 1, 2]] has eigenvalues 2 − √2, 2, 2 + √2.
        double[][] a = {{2, 1, 0}, {1, 2, 1}, {0, 1, 2}};

        assertThat(Curvature.largestEigenvalue(a)).isCloseTo(2 + Math.sqrt(2), within(1e-14));
    }

    @Test
    void marksTheBoundaryBetweenConvergingAndDivergingFits() {
        Trainer trainer = new Trainer();

        FitResult below = trainer.fit(Dataset.of(X, Y), new Hyperparameters(0.98 * MAX_STABLE, 3000, null));
        // Just below the bound the slowest mode shrinks by |1 − 0.98·2| = 0.96 per epoch: converged.
        assertThat(below.weights().coefficients()[0]).isCloseTo(2.0, within(1e-6));

        try {
            trainer.fit(Dataset.of(X, Y), new Hyperparameters(1.02 * MAX_STABLE, 3000, null));
            throw new AssertionError("expected the fit above the bound to diverge");
        } catch (FitDivergedException diverged) {
            // Just above it that mode grows by 1.04 per epoch until the cost passes 1000× its start.
            assertThat(diverged.divergence()).isEqualTo(FitDivergedException.Cause.GREW);
            assertThat(diverged.maxStableLearningRate()).isCloseTo(MAX_STABLE, within(1e-14));
            // The hint rounds it to six digits: 0.0845241.
            assertThat(diverged.hint()).contains("below 0.0845241");
        }
    }
}
