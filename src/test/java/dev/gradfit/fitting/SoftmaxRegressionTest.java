package dev.gradfit.fitting;

import static dev.gradfit.fitting.diagnostics.SoftmaxReferenceTestSupport.assertClose;
import static dev.gradfit.fitting.diagnostics.SoftmaxReferenceTestSupport.dataset;
import static dev.gradfit.fitting.diagnostics.SoftmaxReferenceTestSupport.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.MulticlassMetrics;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.fitting.schedule.ExponentialSchedule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Trainer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multinomial logistic regression by gradient descent, against make_fixtures.py's minimisers. */
class SoftmaxRegressionTest {

    private static final SoftmaxLoss THREE = new SoftmaxLoss(3);
    private static final FitOptions STANDARDIZED = new FitOptions(true, Duration.ofMinutes(5));

    private final Fitter fitter = new Fitter(10_000);

    private static Hyperparameters softmax(double learningRate, int epochs, double l2) {
        return Hyperparameters.builder()
                .loss(THREE)
                .learningRate(learningRate)
                .epochs(epochs)
                .regularization(new Regularization(0, l2))
                .build();
    }

    @Test
    void convergesToTheMinimiserOfStandardizedWineByGradientDescent() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/wine");
        Dataset data = dataset(fixture);

        Fit fit = fitter.fit(data, softmax(1.0, 3000, fixture.number("fits", "0", "l2")), STANDARDIZED);

        Weights expected = weights(fixture, 0, "originalIntercepts", "originalCoefficients");
        assertClose(fit.result().weights(), expected, 1e-6);
        assertThat(fit.result().cost()).isCloseTo(fixture.number("fits", "0", "cost"), within(1e-12));
        ExactSolution reference = fit.diagnostics().reference();
        assertThat(reference.method()).isEqualTo(ExactSolution.Method.NEWTON_IRLS);
        assertClose(reference.weights(), expected, 1e-9);
        // The gap between two costs each within 1e-15 of itself, the fit converged to far below 1e-12.
        assertThat(fit.diagnostics().optimalityGap()).isBetween(-1e-14, 1e-12);
    }

    @Test
    void convergesToTheMinimiserOfIrisWithAdam() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/iris");
        Dataset data = dataset(fixture);
        // On the raw features (condition number 3.5e4), Adam at a rate that decays from 0.01 to 3e-6.
        Hyperparameters adam = softmax(0.01, 40_000, fixture.number("fits", "0", "l2")).toBuilder()
                .optimizer(new Adam())
                .schedule(new ExponentialSchedule(0.9998))
                .build();

        Fit fit = fitter.fit(data, adam, new FitOptions(false, Duration.ofMinutes(5)));

        assertClose(fit.result().weights(), weights(fixture, 0, "intercepts", "coefficients"), 1e-6);
        assertThat(fit.diagnostics().optimalityGap()).isBetween(-1e-14, 1e-10);
        // Adam breaks the classes' sums; the returned intercepts are centred again.
        Weights w = fit.result().weights();
        assertThat(w.intercept(0) + w.intercept(1) + w.intercept(2)).isCloseTo(0, within(1e-13));
    }

    @Test
    void reportsTheMetricsScikitLearnComputes() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/iris");
        Dataset data = dataset(fixture);

        Fit fit = fitter.fit(data, softmax(1.0, 3000, fixture.number("fits", "0", "l2")), STANDARDIZED);

        MulticlassMetrics metrics = (MulticlassMetrics) fit.diagnostics().metrics();
        double[] confusion = fixture.rows("fits", "0", "metrics", "confusion");
        assertThat(Arrays.stream(metrics.confusion())
                        .flatMapToDouble(Arrays::stream)
                        .toArray())
                .containsExactly(confusion);
        assertThat(metrics.accuracy()).isCloseTo(fixture.number("fits", "0", "metrics", "accuracy"), within(1e-15));
        assertThat(metrics.macroF1()).isCloseTo(fixture.number("fits", "0", "metrics", "macroF1"), within(1e-15));
        // The fit here penalises the standardized coefficients, not the fixture's raw ones: its log-loss is
        // checked against the fixture's weights, where it is the fixture's number.
        MulticlassMetrics atFixture =
                MulticlassMetrics.of(data, weights(fixture, 0, "intercepts", "coefficients"), THREE);
        assertThat(atFixture.logLoss()).isCloseTo(fixture.number("fits", "0", "metrics", "logLoss"), within(1e-14));
    }

    @Test
    void predictsProbabilitiesAndTheMostProbableClass() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/iris");
        Weights weights = weights(fixture, 0, "intercepts", "coefficients");
        Predictor predictor = new Predictor(weights, true);
        double[] x = fixture.rows("x");

        double[][] probabilities = predictor.classProbabilities(x);
        int[] classes = predictor.classes(x);

        assertThat(probabilities).hasNumberOfRows(150);
        double right = 0;
        for (int i = 0; i < 150; i++) {
            assertThat(probabilities[i][0] + probabilities[i][1] + probabilities[i][2])
                    .isCloseTo(1.0, within(1e-15));
            int best = 0;
            for (int k = 1; k < 3; k++) {
                best = probabilities[i][k] > probabilities[i][best] ? k : best;
            }
            assertThat(classes[i]).isEqualTo(best);
            right += classes[i] == fixture.numbers("y")[i] ? 1 : 0;
        }
        assertThat(right / 150).isEqualTo(fixture.number("fits", "0", "accuracy"));
        // A tie goes to the lowest index, as numpy's argmax: all-zero weights tie every class.
        assertThat(new Predictor(Weights.zeros(4, 3), true).classes(new double[] {1, 2, 3, 4}))
                .containsExactly(0);
        assertThatThrownBy(() -> predictor.predict(x)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withTwoClassesDescendsAsLogisticRegressionOnTheDifferenceOfTheRows() {
        // Gradient descent on softmax rows (w_0, w_1) from zero moves v = w_1 − w_0 by −η·(g_1 − g_0) =
        // −2η·(logistic gradient at v), and the penalty l2 on both rows acts on v as l2/2: the same iterates as
        // logistic regression at rate 2η with l2/2.
        ReferenceFixture fixture = ReferenceFixture.load("softmax/iris");
        double[] x = Arrays.copyOfRange(fixture.rows("x"), 4 * 50, 4 * 150);
        double[] y = new double[100];
        Arrays.fill(y, 50, 100, 1.0);
        Dataset data = new Dataset(x, 4, y);
        Trainer trainer = new Trainer();
        Hyperparameters two = Hyperparameters.builder()
                .loss(new SoftmaxLoss(2))
                .learningRate(0.01)
                .epochs(500)
                .regularization(new Regularization(0, 0.02))
                .build();
        Hyperparameters logistic = two.toBuilder()
                .loss(LogisticLoss.INSTANCE)
                .learningRate(0.02)
                .regularization(new Regularization(0, 0.01))
                .build();

        Weights rows = trainer.fit(data, two).weights();
        Weights v = trainer.fit(data, logistic).weights();

        for (int a = 0; a < 5; a++) {
            double difference = rows.toVector()[5 + a] - rows.toVector()[a];
            // 500 epochs of the same steps, computed by different formulas: rounding only.
            assertThat(difference).as("entry %d", a).isCloseTo(v.toVector()[a], within(1e-12));
        }
    }

    @Test
    void fitsByMiniBatchesNearTheMinimiser() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/wine");
        Hyperparameters batches = softmax(0.05, 300, fixture.number("fits", "0", "l2")).toBuilder()
                .batching(Batching.miniBatch(16))
                .seed(7)
                .build();

        Fit fit = fitter.fit(dataset(fixture), batches, STANDARDIZED);

        // Stochastic steps of a fixed rate stop near the minimiser, not at it: within 1e-3 of its cost.
        assertThat(fit.diagnostics().optimalityGap()).isBetween(0.0, 1e-3);
    }

    @Test
    void warmStartsFromKRowsAndKeepsKRowSnapshots() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/wine");
        Dataset data = dataset(fixture);
        Weights optimum = weights(fixture, 0, "originalIntercepts", "originalCoefficients");
        Hyperparameters warm = softmax(1.0, 20, fixture.number("fits", "0", "l2")).toBuilder()
                .initialWeights(optimum)
                .snapshotEpochs(List.of(0, 10))
                .build();

        Fit fit = fitter.fit(data, warm, STANDARDIZED);

        assertClose(fit.result().weights(), optimum, 1e-9);
        assertThat(fit.result().snapshots()).hasSize(2);
        assertClose(fit.result().snapshots().get(0).weights(), optimum, 1e-12);
        assertThat(fit.result().snapshots().get(1).weights().outputs()).isEqualTo(3);
        Hyperparameters wrong =
                warm.toBuilder().initialWeights(Weights.zeros(13, 2)).build();
        assertThatThrownBy(() -> fitter.fit(data, wrong, STANDARDIZED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows of weights");
    }

    @Test
    void holdsTheInterceptsWithoutAnInterceptAndMatchesTheReference() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/wine");
        // Without an intercept the standardizer scales but does not centre: the columns' common positive mean
        // is a direction of large curvature, so the rate is lower (1.0 diverges) and the epochs more.
        Hyperparameters noIntercept = softmax(0.2, 20_000, fixture.number("fits", "0", "l2")).toBuilder()
                .fitIntercept(false)
                .build();

        Fit fit = fitter.fit(dataset(fixture), noIntercept, STANDARDIZED);

        Weights weights = fit.result().weights();
        assertThat(weights.intercepts()).containsExactly(0, 0, 0);
        ExactSolution reference = fit.diagnostics().reference();
        assertThat(reference.available()).isTrue();
        assertThat(reference.weights().intercepts()).containsExactly(0, 0, 0);
        assertClose(weights, reference.weights(), 1e-6);
        assertThat(fit.diagnostics().optimalityGap()).isBetween(-1e-14, 1e-12);
    }

    @Test
    void stopsEarlyOnHeldOutRows() {
        ReferenceFixture fixture = ReferenceFixture.load("softmax/wine");
        Hyperparameters early = softmax(1.0, 5000, fixture.number("fits", "0", "l2")).toBuilder()
                .stoppingRules(List.of(new EarlyStoppingRule(0.2, 1e-9, 5)))
                .build();

        Fit fit = fitter.fit(dataset(fixture), early, STANDARDIZED);

        assertThat(fit.result().validationCostHistory()).isNotEmpty();
        assertThat(fit.result().epochs()).isLessThan(5000);
        // The reference minimises over the same training rows, so the gap stays meaningful.
        assertThat(fit.diagnostics().optimalityGap()).isBetween(-1e-14, 1e-3);
    }

    @Test
    void refusesL1() {
        assertThatThrownBy(() -> Hyperparameters.builder()
                        .loss(THREE)
                        .regularization(new Regularization(0.1, 0))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l1");
    }
}
