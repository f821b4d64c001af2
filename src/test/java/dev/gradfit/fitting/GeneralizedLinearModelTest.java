package dev.gradfit.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.fitting.schedule.ConstantSchedule;
import dev.gradfit.fitting.schedule.ExponentialSchedule;
import dev.gradfit.fitting.schedule.Schedule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Poisson, Gamma and Tweedie regression by gradient descent, against scikit-learn's minimisers of the same
 * objectives on data statsmodels and scikit-learn ship ({@code reference/glm}, made by the script beside the
 * fixtures). Descent is not asked for the optimum to the last digit, which it approaches only geometrically,
 * but for a cost within {@value #NEAR_OPTIMUM} of scikit-learn's, relative; the exact reference
 * ({@link dev.gradfit.fitting.diagnostics.LogLinkReference}) gives the optimality gap of every fit.
 */
class GeneralizedLinearModelTest {

    /** How close to scikit-learn's optimal cost a fit of enough epochs comes, relative. */
    private static final double NEAR_OPTIMUM = 1e-6;

    /** The exact reference's cost equals scikit-learn's to rounding, see LogLinkReferenceTest. */
    private static final double SAME_COST = 1e-12;

    private final Fitter fitter = new Fitter(1000);

    private static Loss lossOf(ReferenceFixture fixture) {
        double power = fixture.number("power");
        return TweedieLoss.of(power);
    }

    private static Dataset dataOf(ReferenceFixture fixture) {
        return new Dataset(fixture.rows("x"), fixture.columns("x"), fixture.numbers("y"));
    }

    /**
     * Fits {@code name}'s data with its loss and L2; standardized only without L2, where standardizing leaves
     * the objective as it is (with L2 it would move the penalty onto the standardized coefficients, which is
     * another objective than scikit-learn's).
     */
    private Fit fit(String name, Optimizer optimizer, Schedule schedule, double learningRate, int epochs) {
        ReferenceFixture fixture = ReferenceFixture.load("glm/" + name);
        double l2 = fixture.number("l2");
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .loss(lossOf(fixture))
                .optimizer(optimizer)
                .schedule(schedule)
                .learningRate(learningRate)
                .epochs(epochs)
                .regularization(new Regularization(0, l2))
                .build();
        return fitter.fit(dataOf(fixture), hyperparameters, new FitOptions(l2 == 0, Duration.ofMinutes(1)));
    }

    private static void assertNearScikitLearn(String name, Fit fit) {
        double optimum = ReferenceFixture.load("glm/" + name).number("cost");
        assertThat(fit.result().cost()).as(name).isCloseTo(optimum, within(NEAR_OPTIMUM * optimum));
        ExactSolution reference = fit.diagnostics().reference();
        assertThat(reference.method()).isEqualTo(ExactSolution.Method.NEWTON_IRLS);
        assertThat(reference.cost()).isCloseTo(optimum, within(SAME_COST * optimum));
        // The gap is the fit's cost less the optimum's: never below it beyond rounding, and here small.
        assertThat(fit.diagnostics().optimalityGap()).isBetween(-SAME_COST * optimum, NEAR_OPTIMUM * optimum);
    }

    @Test
    void fitsStatsmodelsExecutionCountsWithPoissonByNesterov() {
        Fit fit = fit("poisson_cpunish", new Nesterov(), ConstantSchedule.INSTANCE, 0.03, 20_000);

        assertNearScikitLearn("poisson_cpunish", fit);
        // The weights, too, are scikit-learn's (and statsmodels'), to the precision of the cost's square root.
        ReferenceFixture fixture = ReferenceFixture.load("glm/poisson_cpunish");
        assertThat(fit.result().weights().intercept())
                .isCloseTo(fixture.number("intercept"), within(1e-6 * Math.abs(fixture.number("intercept"))));
    }

    @Test
    void fitsThePenalisedDoctorVisitsWithPoissonByAdamWithADecayingRate() {
        // Unstandardized, so that the penalty is scikit-learn's; Adam's steps ignore the features' scales, and
        // the decaying rate stops it from circling the optimum at the size of its rate.
        Fit fit = fit("poisson_randhie", new Adam(), new ExponentialSchedule(0.998), 0.01, 3000);

        assertNearScikitLearn("poisson_randhie", fit);
    }

    @Test
    void fitsTheScottishReferendumWithGammaByNesterov() {
        Fit fit = fit("gamma_scotland", new Nesterov(), ConstantSchedule.INSTANCE, 0.1, 20_000);

        assertNearScikitLearn("gamma_scotland", fit);
    }

    @Test
    void fitsThePenalisedDiabetesProgressionWithGammaByNesterov() {
        Fit fit = fit("gamma_diabetes", new Nesterov(), ConstantSchedule.INSTANCE, 0.3, 20_000);

        assertNearScikitLearn("gamma_diabetes", fit);
    }

    @Test
    void fitsTheDoctorVisitsWithTweedieByNesterov() {
        Fit fit = fit("tweedie_randhie", new Nesterov(), ConstantSchedule.INSTANCE, 0.1, 2000);

        assertNearScikitLearn("tweedie_randhie", fit);
    }

    @Test
    void continuesAWarmStartedFitToTheSameOptimum() {
        // 500 epochs, then 19,500 more from where they stopped: plain descent has no state beyond the weights, so
        // the second leg ends where one fit of 20,000 epochs does.
        ReferenceFixture fixture = ReferenceFixture.load("glm/gamma_scotland");
        Hyperparameters first = Hyperparameters.builder()
                .loss(GammaLoss.INSTANCE)
                .optimizer(new GradientDescent())
                .learningRate(0.5)
                .epochs(500)
                .build();
        FitOptions standardized = new FitOptions(true, Duration.ofMinutes(1));
        Fit start = fitter.fit(dataOf(fixture), first, standardized);
        Fit rest = fitter.fit(
                dataOf(fixture),
                first.toBuilder()
                        .epochs(19_500)
                        .initialWeights(start.result().weights())
                        .build(),
                standardized);
        Fit whole = fitter.fit(dataOf(fixture), first.toBuilder().epochs(20_000).build(), standardized);

        assertThat(start.result().cost()).isGreaterThan(rest.result().cost());
        // The weights pass through the original units between the legs, which rounds them: 1e-9 relative.
        assertThat(rest.result().cost())
                .isCloseTo(whole.result().cost(), within(1e-9 * whole.result().cost()));
        assertNearScikitLearn("gamma_scotland", whole);
    }

    @Test
    void reportsALearningRateTooLargeAsDivergence() {
        // e^z overflows within a few steps: the cost becomes infinite, and the fit fails rather than
        // returning weights.
        ReferenceFixture fixture = ReferenceFixture.load("glm/poisson_randhie");
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .loss(PoissonLoss.INSTANCE)
                .optimizer(new GradientDescent())
                .learningRate(0.3)
                .epochs(1000)
                .build();

        assertThatThrownBy(() ->
                        fitter.fit(dataOf(fixture), hyperparameters, new FitOptions(false, Duration.ofMinutes(1))))
                .isInstanceOf(FitDivergedException.class);
    }

    @Test
    void weighsRowsAsRepeatedRowsAndFitsThemWithMiniBatches() {
        // Sample weight 2 on a row is the row twice, in the cost and so in the exact reference's minimiser.
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = {1, 0, 2, 4, 3, 9};
        double[] s = {1, 2, 1, 1, 2, 1};
        double[] xRepeated = {0, 1, 1, 2, 3, 4, 4, 5};
        double[] yRepeated = {1, 0, 0, 2, 4, 3, 3, 9};
        Hyperparameters fullBatch = Hyperparameters.builder()
                .loss(new TweedieLoss(1.5))
                .optimizer(new Nesterov())
                .learningRate(0.1)
                .epochs(5000)
                .build();
        Hyperparameters miniBatch = fullBatch.toBuilder()
                .optimizer(new Adam())
                .schedule(new ExponentialSchedule(0.998))
                .learningRate(0.05)
                .batching(Batching.miniBatch(2))
                .seed(7)
                .build();
        FitOptions options = new FitOptions(true, Duration.ofMinutes(1));

        Fit weighted = fitter.fit(new Dataset(x, 1, y, s), fullBatch, options);
        Fit repeated = fitter.fit(Dataset.of(xRepeated, yRepeated), miniBatch, options);

        ExactSolution a = weighted.diagnostics().reference();
        ExactSolution b = repeated.diagnostics().reference();
        assertThat(a.weights().coefficients()[0]).isCloseTo(b.weights().coefficients()[0], within(1e-12));
        assertThat(a.cost()).isCloseTo(b.cost(), within(1e-14));
        assertThat(weighted.diagnostics().optimalityGap()).isBetween(-1e-14, 1e-12);
        // Mini-batches of two leave noise of the size of the last rates, e^-10 of the first at the end.
        assertThat(repeated.diagnostics().optimalityGap()).isBetween(-1e-14, 1e-6 * b.cost());
    }
}
