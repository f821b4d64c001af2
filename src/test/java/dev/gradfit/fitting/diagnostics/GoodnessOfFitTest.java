package dev.gradfit.fitting.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.reference.ReferenceFixture;
import org.junit.jupiter.api.Test;

class GoodnessOfFitTest {

    /** Every expected value below is a short sum worked out by hand; only rounding separates them. */
    private static final double HAND = 1e-15;

    @Test
    void measuresARegressionByHand() {
        // Model y' = 1 + x on x = {0, 1, 2, 3}, y = {1, 3, 2, 5}: residuals y' − y = {0, −1, 1, −1}.
        Dataset data = Dataset.of(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 5});
        Weights model = new Weights(1, new double[] {1});

        RegressionMetrics metrics = RegressionMetrics.of(data, model, true);

        // mse = 3/4, mae = 3/4; ȳ = 11/4, Σ(y − ȳ)² = 8.75, so r2 = 1 − 3/8.75.
        assertThat(metrics.mse()).isCloseTo(0.75, within(HAND));
        assertThat(metrics.rmse()).isCloseTo(Math.sqrt(0.75), within(HAND));
        assertThat(metrics.mae()).isCloseTo(0.75, within(HAND));
        assertThat(metrics.r2()).isCloseTo(1 - 3 / 8.75, within(HAND));
    }

    @Test
    void usesTheUncentredR2WithoutAnIntercept() {
        // The same residuals; without an intercept R² compares with the zero model: Σy² = 39.
        Dataset data = Dataset.of(new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 5});
        Weights model = new Weights(1, new double[] {1});

        assertThat(RegressionMetrics.of(data, model, false).r2()).isCloseTo(1 - 3 / 39.0, within(HAND));
    }

    @Test
    void weighsRowsBySampleWeights() {
        // Weights {2, 1, 1, 0}: mse = (0 + 1 + 1 + 0)/4, mae the same; the last row counts for nothing.
        Dataset data = new Dataset(new double[] {0, 1, 2, 3}, 1, new double[] {1, 3, 2, 5}, new double[] {2, 1, 1, 0});

        RegressionMetrics metrics = RegressionMetrics.of(data, new Weights(1, new double[] {1}), true);

        assertThat(metrics.mse()).isCloseTo(0.5, within(HAND));
        assertThat(metrics.mae()).isCloseTo(0.5, within(HAND));
    }

    @Test
    void leavesR2UndefinedForConstantTargets() {
        Dataset data = Dataset.of(new double[] {0, 1, 2}, new double[] {4, 4, 4});

        assertThat(RegressionMetrics.of(data, new Weights(4, new double[] {0}), true)
                        .r2())
                .isNaN();
    }

    @Test
    void countsTheConfusionOfAClassifier() {
        // Scores z = x − 1.5 on x = {0, 1, 2, 3}: predicted {0, 0, 1, 1}; labels {0, 1, 0, 1}.
        Dataset data = Dataset.of(new double[] {0, 1, 2, 3}, new double[] {0, 1, 0, 1});
        Weights model = new Weights(-1.5, new double[] {1});

        ClassificationMetrics metrics = ClassificationMetrics.of(data, model);

        assertThat(metrics.truePositives()).isEqualTo(1);
        assertThat(metrics.falsePositives()).isEqualTo(1);
        assertThat(metrics.trueNegatives()).isEqualTo(1);
        assertThat(metrics.falseNegatives()).isEqualTo(1);
        assertThat(metrics.accuracy()).isEqualTo(0.5);
        // log loss: rows 0 and 3 are right with |z| = 1.5, rows 1 and 2 wrong with |z| = 0.5:
        // (2·log(1 + e^−1.5) + 2·log(1 + e^0.5)) / 4.
        double expected = (2 * Math.log1p(Math.exp(-1.5)) + 2 * Math.log1p(Math.exp(0.5))) / 4;
        assertThat(metrics.logLoss()).isCloseTo(expected, within(HAND));
    }

    @Test
    void weighsTheConfusionMatrixAsScikitLearnDoes() {
        // confusion_weighted.py: scikit-learn's confusion_matrix and accuracy_score with sample_weight, for
        // scores x − 4.5 on x = 0…9, with weights 0 on two misclassified points and fractions elsewhere.
        ReferenceFixture sklearn = ReferenceFixture.load("confusion_weighted");
        Dataset data = new Dataset(sklearn.numbers("x"), 1, sklearn.numbers("y"), sklearn.numbers("sampleWeights"));
        Weights model = new Weights(sklearn.number("intercept"), new double[] {sklearn.number("coefficient")});

        ClassificationMetrics metrics = ClassificationMetrics.of(data, model);

        // Sums of a few binary fractions (halves and quarters): exact.
        assertThat(metrics.truePositives()).isEqualTo(sklearn.number("truePositives"));
        assertThat(metrics.falsePositives()).isEqualTo(sklearn.number("falsePositives"));
        assertThat(metrics.trueNegatives()).isEqualTo(sklearn.number("trueNegatives"));
        assertThat(metrics.falseNegatives()).isEqualTo(sklearn.number("falseNegatives"));
        assertThat(metrics.accuracy()).isCloseTo(sklearn.number("accuracy"), within(HAND));
        // scikit-learn clips probabilities at 1e-15; no score here is beyond ±5.5, so that changes nothing.
        assertThat(metrics.logLoss()).isCloseTo(sklearn.number("logLoss"), within(HAND));
    }

    @Test
    void refusesTargetsThatAreNotClassLabels() {
        Dataset data = Dataset.of(new double[] {0, 1}, new double[] {0, 0.5});

        assertThatThrownBy(() -> ClassificationMetrics.of(data, Weights.zeros(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Amounts near the largest double, y = {1e308, 1} three times, against the constant mean μ = e^log(5e307)
     * (4.999999999999775e307 once rounded), the weighted mean of y: every residual is about 5e307, so the mean
     * absolute and root mean squared residuals are 5e307, though the sums of the residuals and of their squares
     * overflow. The mean gamma deviance is scikit-learn's mean_gamma_deviance of the same arrays (1.2.1, printed
     * by /usr/bin/python3), and d2 is 0, since the model is the constant mean itself.
     */
    @Test
    void measuresAmountsNearTheLargestDoubleWithoutOverflow() {
        Dataset amounts = Dataset.of(new double[] {1, 2, 3, 4, 5, 6}, new double[] {1e308, 1, 1e308, 1, 1e308, 1});
        Weights mean = new Weights(Math.log(5e307), new double[] {0});

        DevianceMetrics gamma = DevianceMetrics.of(amounts, mean, GammaLoss.INSTANCE);

        assertThat(gamma.mae()).isCloseTo(5e307, within(1e-14 * 5e307));
        assertThat(gamma.rmse()).isCloseTo(5e307, within(1e-14 * 5e307));
        assertThat(gamma.meanDeviance()).isCloseTo(707.8099142810462, within(1e-12));
        assertThat(gamma.d2()).isCloseTo(0, within(1e-12));
    }

    /**
     * y = {0, 2, 5} with exposures {1, 2, 4} (offsets their logs), sample weights {3, 1, 0.5} and the model
     * 0.1 + 0.2·x on x = {1, 2, 3}: the expected values are scikit-learn's mean_tweedie_deviance,
     * d2_tweedie_score, mean_squared_error and mean_absolute_error (with sample_weight) of y against
     * exp(0.1 + 0.2·x + offset), printed by /usr/bin/python3 (scikit-learn 1.2.1) to 17 digits.
     */
    @Test
    void measuresALogLinkModelWithOffsetsAndSampleWeightsAsScikitLearnDoes() {
        double[] offset = {0, Math.log(2), Math.log(4)};
        Weights model = new Weights(0.1, new double[] {0.2});
        double[] x = {1, 2, 3};
        double[] s = {3, 1, 0.5};
        Dataset counts = new Dataset(x, 1, new double[] {0, 2, 5}, s, offset);
        Dataset amounts = new Dataset(x, 1, new double[] {0.5, 2, 5}, s, offset);

        DevianceMetrics poisson = DevianceMetrics.of(counts, model, PoissonLoss.INSTANCE);
        DevianceMetrics tweedie = DevianceMetrics.of(counts, model, new TweedieLoss(1.5));
        DevianceMetrics gamma = DevianceMetrics.of(amounts, model, GammaLoss.INSTANCE);

        // A handful of logarithms and powers: 1e-14 relative.
        assertThat(poisson.meanDeviance()).isCloseTo(2.0810592254909968, within(1e-14));
        assertThat(poisson.d2()).isCloseTo(0.13447704116056214, within(1e-14));
        assertThat(poisson.rmse()).isCloseTo(1.620442952799878, within(1e-14));
        assertThat(poisson.mae()).isCloseTo(1.527672084237604, within(1e-14));
        assertThat(tweedie.meanDeviance()).isCloseTo(3.2339662890652923, within(1e-14));
        assertThat(tweedie.d2()).isCloseTo(0.07554121523904844, within(1e-14));
        assertThat(gamma.meanDeviance()).isCloseTo(0.5537749207233654, within(1e-14));
        assertThat(gamma.d2()).isCloseTo(0.33587555848847095, within(1e-14));
        assertThat(GoodnessOfFit.of(counts, model, PoissonLoss.INSTANCE, true)).isEqualTo(poisson);
    }
}
