package dev.gradfit.fitting.train;

import static dev.gradfit.fitting.diagnostics.SoftmaxReferenceTestSupport.dataset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.ObjectiveFactory;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.reference.ReferenceFixture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SoftmaxTrainingTest {

    private static final SoftmaxLoss THREE = new SoftmaxLoss(3);

    @Test
    void measuresDivergenceAgainstTheConstantModelOfTheClassFrequencies() {
        // Iris has 50 rows of each class: the constant model predicts 1/3 everywhere, at a cost of log 3.
        Dataset data = dataset(ReferenceFixture.load("softmax/iris"));
        double[] constant = DivergenceGuard.constantSoftmax(data, THREE);
        Objective objective = ObjectiveFactory.DIRECT.create(data, THREE, true, true);

        assertThat(constant).hasSize(15);
        // A running sum of 150 equal terms: a few ulps of rounding per term.
        assertThat(DivergenceGuard.nullCost(objective, constant).getAsDouble()).isCloseTo(Math.log(3), within(1e-14));
        // Unequal frequencies 1:2:3: intercepts log(k/6) centred, cost the entropy of the frequencies.
        Dataset skewed = new Dataset(new double[6], 1, new double[] {0, 1, 1, 2, 2, 2});
        double[] logs = DivergenceGuard.constantSoftmax(skewed, THREE);
        assertThat(logs[2] - logs[0]).isCloseTo(Math.log(2), within(1e-15));
        assertThat(logs[0] + logs[2] + logs[4]).isCloseTo(0, within(1e-15));
        double entropy = -(Math.log(1 / 6.0) + 2 * Math.log(2 / 6.0) + 3 * Math.log(3 / 6.0)) / 6;
        Objective skewedObjective = ObjectiveFactory.DIRECT.create(skewed, THREE, true, true);
        assertThat(DivergenceGuard.nullCost(skewedObjective, logs).getAsDouble())
                .isCloseTo(entropy, within(1e-15));
    }

    @Test
    void mapsEveryClassBetweenStandardizedAndOriginalUnits() {
        Dataset data = dataset(ReferenceFixture.load("softmax/wine"));
        Standardizer standardizer = Standardizer.of(data, true);
        Weights original = Weights.ofRows(
                new double[] {0.5, -1, 0.5}, new double[][] {row(13, 0.1), row(13, -0.2), row(13, 0.05)});

        Weights standardized = standardizer.toStandardized(original);
        Dataset z = standardizer.transform(data);

        assertThat(standardized.outputs()).isEqualTo(3);
        for (int i = 0; i < data.rows(); i += 17) {
            double[] x = new double[13];
            double[] zi = new double[13];
            for (int j = 0; j < 13; j++) {
                x[j] = data.feature(i, j);
                zi[j] = z.feature(i, j);
            }
            double[] expected = original.scores(x);
            double[] actual = standardized.scores(zi);
            for (int k = 0; k < 3; k++) {
                // Scores of order 100 built from features up to 1680: rounding of the z-scores, 1e-12.
                assertThat(actual[k]).isCloseTo(expected[k], within(1e-12 * 100));
            }
        }
        double[] back = standardizer.toOriginal(standardized).toVector();
        double[] start = original.toVector();
        for (int k = 0; k < start.length; k++) {
            assertThat(back[k]).isCloseTo(start[k], within(1e-13 * (1 + Math.abs(start[k]))));
        }
    }

    @Test
    void centresTheWeightsAdamReturnsWithoutChangingTheirCost() {
        // Adam scales each entry by its own history, so the class sums of the intercepts drift from zero; the
        // cost does not see them, and the result reports the same model centred.
        Dataset data = dataset(ReferenceFixture.load("softmax/iris"));
        Hyperparameters adam = Hyperparameters.builder()
                .loss(THREE)
                .optimizer(new Adam())
                .learningRate(0.05)
                .epochs(50)
                .build();
        AtomicReference<Weights> seen = new AtomicReference<>();

        FitResult result = new Trainer().fit(data, adam, epoch -> {
            seen.set(epoch.weights());
            return true;
        });

        Weights raw = seen.get();
        Weights returned = result.weights();
        assertThat(Math.abs(raw.intercept(0) + raw.intercept(1) + raw.intercept(2)))
                .isGreaterThan(1e-3);
        assertThat(returned.intercept(0) + returned.intercept(1) + returned.intercept(2))
                .isCloseTo(0, within(1e-14));
        assertThat(returned).isEqualTo(raw.centred(true));
        Objective objective = ObjectiveFactory.DIRECT.create(data, THREE, true, true);
        assertThat(objective.value(returned.toVector())).isCloseTo(result.cost(), within(1e-14));
    }

    @Test
    void countsTheWorkOfEveryClass() {
        Hyperparameters softmax =
                Hyperparameters.builder().loss(THREE).epochs(99).build();

        // Each of the 100 passes computes 3 scores and 3 gradient blocks of 5 features and an intercept.
        assertThat(WorkEstimate.of(1000, 5, softmax)).isEqualTo(3L * 1000 * 6 * 100);
    }

    private static double[] row(int d, double value) {
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            out[j] = value * (j % 3 - 1);
        }
        return out;
    }
}
