package dev.gradfit.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.nist.NistDataset;
import dev.gradfit.fitting.optimizer.Lbfgs;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Trainer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * L-BFGS through the whole fit, against the exact references (Householder QR for least squares, Newton/IRLS
 * for the logistic and log-link losses) and the answers of NIST, scikit-learn and statsmodels on the data they
 * publish. Where descent needs thousands of epochs for a relative optimality gap of 1e-9, L-BFGS needs tens of
 * iterations, each an epoch.
 */
class QuasiNewtonTest {

    /** The relative optimality gap every fit here must close: far above rounding, far below descent's reach. */
    private static final double GAP = 1e-9;

    private static final FitOptions STANDARDIZED = new FitOptions(true, Duration.ofMinutes(1));
    private static final FitOptions AS_GIVEN = new FitOptions(false, Duration.ofMinutes(1));

    private final Fitter fitter = new Fitter(10_000);

    private static Hyperparameters lbfgs(Loss loss, int epochs) {
        return Hyperparameters.builder()
                .loss(loss)
                .optimizer(new Lbfgs())
                .epochs(epochs)
                .build();
    }

    private static void assertAtTheReference(String name, Fit fit) {
        ExactSolution reference = fit.diagnostics().reference();
        assertThat(reference.available()).as(name).isTrue();
        // Never below the minimum beyond rounding, and within GAP of it.
        assertThat(fit.diagnostics().optimalityGap())
                .as("%s: gap after %d iterations", name, fit.result().epochs())
                .isBetween(-1e-12 * reference.cost(), GAP * reference.cost());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"norris, 10", "pontius, 30", "longley, 70"})
    void reachesTheLeastSquaresOptimumOfNistDatasetsInTensOfIterations(String key, int iterations) {
        // Standardized, as the service fits badly scaled data; Longley's condition number is still about 1e4
        // after standardizing, which costs plain descent some 1e5 epochs and L-BFGS a few dozen.
        NistDataset set = NistDataset.load(key);
        Hyperparameters hyperparameters = lbfgs(SquaredLoss.INSTANCE, iterations).toBuilder()
                .fitIntercept(set.hasIntercept())
                .build();

        Fit fit = fitter.fit(set.data(), hyperparameters, STANDARDIZED);

        assertAtTheReference(key, fit);
        // The coefficients, too, are NIST's certified ones, to 7 digits or more: the line search compares costs,
        // which near the minimum change with the square of the error in the weights, so a cost accurate to about
        // 1e-16 places the weights to about 1e-8 times the conditioning (descent, which follows the gradient,
        // gets 9 to 15 digits, but only after 200,000 epochs of Nesterov's method, see NistStrdTest).
        assertThat(set.minLre(fit.result().weights())).as("%s LRE", key).isGreaterThanOrEqualTo(7.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "poisson_cpunish, 40",
        "poisson_randhie, 100",
        "gamma_scotland, 40",
        "gamma_diabetes, 60",
        "tweedie_randhie, 30"
    })
    void reachesScikitLearnsPoissonGammaAndTweedieOptimaInTensOfIterations(String name, int iterations) {
        ReferenceFixture fixture = ReferenceFixture.load("glm/" + name);
        double l2 = fixture.number("l2");
        Hyperparameters hyperparameters = lbfgs(TweedieLoss.of(fixture.number("power")), iterations).toBuilder()
                .regularization(new Regularization(0, l2))
                .build();
        Dataset data = new Dataset(fixture.rows("x"), fixture.columns("x"), fixture.numbers("y"));

        // Standardized only without L2, which standardizing would move onto other coefficients.
        Fit fit = fitter.fit(data, hyperparameters, l2 == 0 ? STANDARDIZED : AS_GIVEN);

        assertAtTheReference(name, fit);
        double optimum = fixture.number("cost");
        assertThat(fit.result().cost()).as(name).isCloseTo(optimum, within(GAP * optimum));
    }

    @Test
    void reachesStatsmodelsLogisticFitToThePrecisionOfTheCost() {
        // x near 1.7e9: scores are computed on the original data, so the cost L-BFGS compares carries rounding of
        // about 1e-8 relative, and it stops when no step lowers the cost by more than that; the accurate cost of
        // where it stops is still within GAP of statsmodels' Newton fit (descent, which never compares costs,
        // walks on to rounding of the gradient).
        ReferenceFixture fixture = ReferenceFixture.load("logistic_offset");

        Fit fit = fitter.fit(
                Dataset.of(fixture.numbers("x"), fixture.numbers("y")),
                lbfgs(LogisticLoss.INSTANCE, 100),
                STANDARDIZED);

        double optimum = fixture.number("meanLogLoss");
        assertThat(fit.result().cost()).isCloseTo(optimum, within(GAP * optimum));
        assertThat(fit.result().stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(fit.result().epochs()).isLessThan(20);
    }

    @Test
    void stopsAsConvergedWhenNoStepLowersTheCost() {
        NistDataset norris = NistDataset.load("norris");

        Fit fit = fitter.fit(norris.data(), lbfgs(SquaredLoss.INSTANCE, 1000), STANDARDIZED);

        // Norris is a straight line: two weights, found in a couple of iterations, after which only rounding is left.
        assertThat(fit.result().stopReason()).isEqualTo(StopReason.CONVERGED);
        assertThat(fit.result().epochs()).isLessThan(10);
        assertThat(fit.result().costHistory()).hasSize(fit.result().epochs() + 1);
        assertAtTheReference("norris", fit);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"glm/gamma_diabetes", "glm/poisson_randhie", "huber"})
    void neverRaisesTheCostFromOneIterationToTheNext(String name) {
        // The costs the trainer itself computes (the fitter replaces the last by an accurate recomputation, which
        // may differ by rounding): every accepted step lowers the cost strictly.
        Dataset data;
        Loss loss;
        if (name.equals("huber")) {
            NistDataset longley = NistDataset.load("longley");
            data = longley.data();
            loss = new HuberLoss(500.0);
        } else {
            ReferenceFixture fixture = ReferenceFixture.load(name);
            data = new Dataset(fixture.rows("x"), fixture.columns("x"), fixture.numbers("y"));
            loss = TweedieLoss.of(fixture.number("power"));
        }

        FitResult result = new Trainer().fit(data, lbfgs(loss, 500));

        double[] costs = result.costHistory();
        assertThat(costs.length).isGreaterThan(5);
        for (int i = 1; i < costs.length; i++) {
            assertThat(costs[i]).as("%s: cost after %d iterations", name, i).isLessThan(costs[i - 1]);
        }
    }

    @Test
    void fitsHubersOnceDifferentiableLossAtLeastAsWellAsLongDescent() {
        // Huber's loss has no exact reference in gradfit; its minimiser is where 50,000 epochs of Nesterov's
        // method lead, which L-BFGS must match, line search across the kinks of the second derivative and all.
        NistDataset longley = NistDataset.load("longley");
        Hyperparameters huber = lbfgs(new HuberLoss(500.0), 300);
        Hyperparameters descent = huber.toBuilder()
                .optimizer(new Nesterov(0.99))
                .learningRate(0.05)
                .epochs(50_000)
                .build();

        Fit quasiNewton = fitter.fit(longley.data(), huber, STANDARDIZED);
        Fit nesterov = fitter.fit(longley.data(), descent, STANDARDIZED);

        double best = nesterov.result().cost();
        assertThat(quasiNewton.result().cost()).isLessThanOrEqualTo(best * (1 + GAP));
        assertThat(quasiNewton.result().epochs()).isLessThan(300);
    }

    @Test
    void weighsRowsAsRepeatedRows() {
        // Sample weight 2 on a row is the row twice: the same cost, so the same minimiser.
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = {1, 0, 2, 4, 3, 9};
        double[] s = {1, 2, 1, 1, 2, 1};
        double[] xRepeated = {0, 1, 1, 2, 3, 4, 4, 5};
        double[] yRepeated = {1, 0, 0, 2, 4, 3, 3, 9};
        Hyperparameters hyperparameters = lbfgs(new TweedieLoss(1.5), 100);

        Fit weighted = fitter.fit(new Dataset(x, 1, y, s), hyperparameters, STANDARDIZED);
        Fit repeated = fitter.fit(Dataset.of(xRepeated, yRepeated), hyperparameters, STANDARDIZED);

        assertAtTheReference("weighted", weighted);
        assertAtTheReference("repeated", repeated);
        assertThat(weighted.result().weights().coefficients()[0])
                .isCloseTo(repeated.result().weights().coefficients()[0], within(1e-6));
    }

    @Test
    void continuesFromWarmStartedWeightsAtTheOptimum() {
        ReferenceFixture fixture = ReferenceFixture.load("glm/gamma_scotland");
        Dataset data = new Dataset(fixture.rows("x"), fixture.columns("x"), fixture.numbers("y"));
        Hyperparameters first = lbfgs(TweedieLoss.of(fixture.number("power")), 10);

        Fit start = fitter.fit(data, first, STANDARDIZED);
        Fit rest = fitter.fit(
                data,
                first.toBuilder()
                        .epochs(100)
                        .initialWeights(start.result().weights())
                        .build(),
                STANDARDIZED);

        // Ten iterations are not enough; a second fit from where they stopped reaches the optimum.
        assertThat(start.diagnostics().optimalityGap()).isGreaterThan(GAP * fixture.number("cost"));
        assertThat(rest.result().costHistory()[0])
                .isCloseTo(start.result().cost(), within(1e-9 * start.result().cost()));
        assertAtTheReference("gamma_scotland, continued", rest);
    }

    @Test
    void stopsEarlyOnTheValidationCostPerIteration() {
        NistDataset longley = NistDataset.load("longley");
        Hyperparameters hyperparameters = lbfgs(SquaredLoss.INSTANCE, 500).toBuilder()
                .stoppingRules(List.of(new EarlyStoppingRule(0.25, 0.0, 3)))
                .seed(1)
                .build();

        FitResult result =
                fitter.fit(longley.data(), hyperparameters, STANDARDIZED).result();

        assertThat(result.validationCostHistory()).hasSize(result.costHistory().length);
        assertThat(result.stopReason()).isIn(StopReason.EARLY_STOPPED, StopReason.CONVERGED);
        assertThat(result.epochs()).isLessThan(500);
    }

    @Test
    void refusesAnL1PenaltyAndMiniBatches() {
        Dataset data = Dataset.of(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7});
        Hyperparameters base = lbfgs(SquaredLoss.INSTANCE, 10);
        Trainer trainer = new Trainer();

        assertThatThrownBy(() -> trainer.fit(
                        data,
                        base.toBuilder()
                                .regularization(new Regularization(0.1, 0))
                                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l1");
        assertThatThrownBy(() -> trainer.fit(
                        data, base.toBuilder().batching(Batching.miniBatch(2)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("full batches");
        // A batch as large as the data is a full batch.
        assertThat(trainer.fit(
                                data,
                                base.toBuilder().batching(Batching.miniBatch(4)).build())
                        .cost())
                .isCloseTo(0.0, within(1e-20));
    }

    /**
     * Points near 1e150 give a gradient near 1e300 at the start, whose squared length (the line search's slope)
     * overflows: no step seems to lower the cost. That is a divergence to report, not a minimum: the fit used to
     * stop there as CONVERGED at zero weights, with a cost of 5e300.
     */
    @Test
    void reportsAGradientWhoseLengthOverflowsAsADivergenceNotAMinimum() {
        Dataset huge = Dataset.of(new double[] {1e150, 2e150, 3e150}, new double[] {1e150, 3e150, 2e150});

        assertThatThrownBy(() -> new Trainer().fit(huge, lbfgs(SquaredLoss.INSTANCE, 100)))
                .isInstanceOf(dev.gradfit.fitting.train.FitDivergedException.class);
    }
}
