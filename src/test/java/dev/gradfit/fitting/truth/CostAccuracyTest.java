package dev.gradfit.fitting.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.Fit;
import dev.gradfit.fitting.FitOptions;
import dev.gradfit.fitting.Fitter;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.Hyperparameters;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every cost a fit reports is the cost of its weights: checked against exact decimal arithmetic on two
 * nearly collinear columns, where the fast sufficient-statistics form cancels at the minimiser's large
 * weights (about ∓1.3e7).
 */
class CostAccuracyTest {

    /** The accuracy promised for the cost a fit reports at its end and for the reference's cost. */
    private static final double PROMISED = 1e-12;

    /** The accuracy the fast objective promises, by its worst-case bound, for the cost of every epoch. */
    private static final double PROMISED_PER_EPOCH = 1e-6;

    private static final double[] X = {
        100, 100, -50, -50.00000001, 30, 30.00000002, 80, 80, -120, -120.00000001, 10, 10.00000001
    };
    private static final double[] Y = {301.2, -149.1, 91.3, 240.8, -359.5, 31.0};

    private final Fitter fitter = new Fitter(10_000);

    @Test
    void theReferenceCostIsTheCostOfTheReferenceWeights() {
        Fit fit = fitter.fit(new Dataset(X, 2, Y), new Hyperparameters(1e-5, 100, null), options());

        Weights reference = fit.diagnostics().reference().weights();
        BigDecimal exact = ExactSquares.cost(X, 2, Y, null, reference.toVector());
        BigDecimal minimum = ExactSquares.cost(X, 2, Y, null, ExactSquares.minimiser(X, 2, Y, null));

        // The true minimum is 0.02175…; the cost had been reported as 610.
        assertThat(minimum.doubleValue()).isBetween(0.0217, 0.0218);
        assertThat(ExactSquares.relativeError(fit.diagnostics().reference().cost(), exact))
                .isLessThan(PROMISED);
        // Householder QR on a condition number near 1e10 lands within rounding of the minimum's cost.
        assertThat(ExactSquares.relativeError(fit.diagnostics().reference().cost(), minimum))
                .isLessThan(1e-6);
        assertThat(fit.diagnostics().optimalityGap()).isPositive();
    }

    @Test
    void everyCostInTheHistoryIsTheCostOfItsWeightsFromAWarmStartAtTheMinimiser() {
        BigDecimal[] exactMinimiser = ExactSquares.minimiser(X, 2, Y, null);
        Weights start = new Weights(
                exactMinimiser[0].doubleValue(),
                new double[] {exactMinimiser[1].doubleValue(), exactMinimiser[2].doubleValue()});
        Hyperparameters hyperparameters = Hyperparameters.defaults().toBuilder()
                .learningRate(1e-5)
                .epochs(20)
                .initialWeights(start)
                .snapshotEpochs(
                        java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList())
                .build();

        Fit fit = fitter.fit(new Dataset(X, 2, Y), hyperparameters, options());

        double[] history = fit.result().costHistory();
        var snapshots = fit.result().snapshots();
        assertThat(history).hasSize(21);
        for (int epoch = 0; epoch <= 20; epoch++) {
            BigDecimal exact = ExactSquares.cost(
                    X, 2, Y, null, snapshots.get(epoch).weights().toVector());
            assertThat(ExactSquares.relativeError(history[epoch], exact))
                    .as("cost after %d epochs", epoch)
                    .isLessThan(epoch == 20 ? PROMISED : PROMISED_PER_EPOCH);
        }
        BigDecimal last =
                ExactSquares.cost(X, 2, Y, null, fit.result().weights().toVector());
        assertThat(ExactSquares.relativeError(fit.result().cost(), last)).isLessThan(PROMISED);
    }

    private static FitOptions options() {
        return new FitOptions(false, Duration.ofSeconds(30));
    }
}
