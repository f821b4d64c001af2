package dev.gradfit.fitting.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.optimizer.GradientDescent;
import org.junit.jupiter.api.Test;

/** Where a log-link fit without initial weights starts: its null model, {@code log(Σ sᵢyᵢ / Σ sᵢe^oᵢ)}. */
class NullModelStartTest {

    private static final double[] X = {1, 2, 3, 4};
    private static final double[] Y = {1, 2, 4, 7};

    private static Dataset data(double[] y, double[] weights, double[] offsets) {
        return new Dataset(X, 1, y, weights, offsets);
    }

    @Test
    void isTheLogOfTheWeightedCountsOverTheWeightedExposure() {
        double[] weights = {1, 2, 0.5, 3};
        double[] offsets = {0.1, -0.2, 0.3, 1.5};
        double counts = 1 + 2 * 2 + 0.5 * 4 + 3 * 7;
        double exposure = Math.exp(0.1) + 2 * Math.exp(-0.2) + 0.5 * Math.exp(0.3) + 3 * Math.exp(1.5);

        assertThat(Trainer.logLinkNullIntercept(data(Y, weights, offsets)))
                .isCloseTo(Math.log(counts / exposure), within(1e-15));
        // Without offsets, e^0 = 1: the log of the weighted mean.
        assertThat(Trainer.logLinkNullIntercept(data(Y, null, null))).isCloseTo(Math.log(3.5), within(1e-15));
    }

    @Test
    void staysFiniteWhereTheRatioOfTheSumsIsNotADouble() {
        // e^710 overflows, and 1e300·e^700 (Σy over Σe^o of the -700 offsets) does too; the intercept does not.
        double[] big = {710, 710, 710, 710};
        assertThat(Trainer.logLinkNullIntercept(data(Y, null, big))).isCloseTo(Math.log(3.5) - 710, within(1e-12));
        double[] huge = {1e300, 2e300, 4e300, 7e300};
        double[] small = {-700, -700, -700, -700};
        assertThat(Trainer.logLinkNullIntercept(data(huge, null, small)))
                .isCloseTo(Math.log(3.5) + 300 * Math.log(10) + 700, within(1e-12));
        // 1e-300 / e^700 is below the smallest double.
        double[] tiny = {1e-300, 2e-300, 4e-300, 7e-300};
        double[] large = {700, 700, 700, 700};
        assertThat(Trainer.logLinkNullIntercept(data(tiny, null, large)))
                .isCloseTo(Math.log(3.5) - 300 * Math.log(10) - 700, within(1e-12));
    }

    @Test
    void isNaNWithoutAPositiveTargetOfPositiveWeight() {
        assertThat(Trainer.logLinkNullIntercept(data(new double[4], null, null)))
                .isNaN();
        assertThat(Trainer.logLinkNullIntercept(data(new double[] {0, 0, 0, 5}, new double[] {1, 1, 1, 0}, null)))
                .isNaN();
    }

    @Test
    void isTakenOnlyByALogLinkFitWithAnInterceptAndNoStartOfItsOwn() {
        Dataset data = data(Y, null, null);
        Hyperparameters poisson =
                Hyperparameters.builder().loss(PoissonLoss.INSTANCE).build();

        for (var loss : new Loss[] {PoissonLoss.INSTANCE, GammaLoss.INSTANCE, new TweedieLoss(1.5)}) {
            Weights start = Trainer.withStart(
                            data, poisson.toBuilder().loss(loss).build())
                    .initialWeights();
            assertThat(start.intercept()).as("%s", loss).isCloseTo(Math.log(3.5), within(1e-15));
            assertThat(start.coefficients()).containsExactly(0.0);
        }
        // The tutorial's zeros for every other loss, a held intercept, and a start of the caller's own.
        Hyperparameters squared = Hyperparameters.defaults();
        assertThat(Trainer.withStart(data, squared)).isSameAs(squared);
        Dataset labels = data(new double[] {0, 1, 0, 1}, null, null);
        Hyperparameters logistic =
                Hyperparameters.builder().loss(LogisticLoss.INSTANCE).build();
        assertThat(Trainer.withStart(labels, logistic)).isSameAs(logistic);
        Hyperparameters held = poisson.toBuilder().fitIntercept(false).build();
        assertThat(Trainer.withStart(data, held)).isSameAs(held);
        Hyperparameters given = poisson.toBuilder()
                .initialWeights(new Weights(0.5, new double[] {0.25}))
                .build();
        assertThat(Trainer.withStart(data, given)).isSameAs(given);
    }

    @Test
    void descentFromItCostsTheNullModelFirst() {
        // The half Poisson deviance at μ = e^b = 3.5 for every point: mean(μ − y − y·log(μ/y)) with y = 1, 2, 4, 7,
        // (10·log 2 + 7·log 7)/4 − 3.5·log 3.5.
        Hyperparameters poisson = Hyperparameters.builder()
                .loss(PoissonLoss.INSTANCE)
                .optimizer(new GradientDescent())
                .epochs(5)
                .build();

        FitResult result = new Trainer().fit(data(Y, null, null), poisson);

        assertThat(result.costHistory()[0])
                .isCloseTo((10 * Math.log(2) + 7 * Math.log(7)) / 4 - 3.5 * Math.log(3.5), within(1e-14));
    }

    @Test
    void aStepThatMakesTheModelWorseThanTheNullModelIsADivergence() {
        // From the null model, a rate of 1 overshoots: the cost after the step is above the null model's, which
        // the guard refuses rather than report a model worse than the mean.
        Hyperparameters poisson = Hyperparameters.builder()
                .loss(PoissonLoss.INSTANCE)
                .learningRate(1)
                .epochs(1)
                .build();

        assertThatThrownBy(() -> new Trainer().fit(data(Y, null, null), poisson))
                .isInstanceOf(FitDivergedException.class);
    }
}
