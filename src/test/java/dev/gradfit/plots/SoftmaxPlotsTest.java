package dev.gradfit.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Snapshot;
import dev.gradfit.model.Classes;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/**
 * A softmax model drawn: its class probability curves over one feature, and its deviance residuals √(−2·log p of
 * the own class), which are scikit-learn's ({@code predict_log_proba}) for the fits of the iris fixture,
 * computed by {@code reference/softmax/deviance_residuals.py}.
 */
class SoftmaxPlotsTest {

    private static final ReferenceFixture IRIS = ReferenceFixture.load("softmax/iris");
    private static final ReferenceFixture RESIDUALS = ReferenceFixture.load("softmax/deviance_residuals");
    private static final Classes SPECIES = Classes.ofNames(List.of("setosa", "versicolor", "virginica"));
    private static final PlotLabels WIDTH = new PlotLabels(List.of("sepal width"), "species");

    /**
     * A residual is √(2ℓ), ℓ = log Σ e^z − z_y a difference of numbers up to about 30 (the scores of the 4-feature
     * fit): ℓ is known to a few ulps of 30 (≈ 1e-14), and √ divides that error by 2r, r ≥ 0.045 here, to 1e-13 at
     * the worst; scikit-learn's own log of a rounded probability agrees with numpy's log-sum-exp to 1.2e-14.
     */
    private static final double RESIDUAL_TOLERANCE = 1e-12;

    @Test
    void drawsTheProbabilityOfEveryClassOverOneFeature() {
        FittedModel model = sepalWidth(List.of(new Snapshot(10, Weights.zeros(1, 3), 1.1)));
        JFreeChart chart = FitPlot.chart(model, WIDTH);

        XYDataset lines = chart.getXYPlot().getDataset(0);
        assertThat(lines.getSeriesCount()).isEqualTo(3);
        double[] b = IRIS.numbers("fits", "1", "intercepts");
        double[] c = IRIS.rows("fits", "1", "coefficients");
        for (int k = 0; k < 3; k++) {
            assertThat(lines.getSeriesKey(k)).isEqualTo(SPECIES.text(k));
            assertThat(lines.getItemCount(k)).isEqualTo(161);
            // From the least to the greatest sepal width of iris, 2.0 and 4.4 cm.
            assertThat(lines.getXValue(k, 0)).isEqualTo(2.0);
            assertThat(lines.getXValue(k, 160)).isEqualTo(4.4);
        }
        for (int i = 0; i < 161; i++) {
            double x = lines.getXValue(0, i);
            // softmax written out here: e^(z_k) / Σ_m e^(z_m), the scores small (|z| < 30), so no shift is needed.
            double[] e = new double[3];
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                e[k] = Math.exp(b[k] + c[k] * x);
                sum += e[k];
            }
            double total = 0;
            for (int k = 0; k < 3; k++) {
                double p = lines.getYValue(k, i);
                assertThat(p).as("p_%s(%s)", k, x).isCloseTo(e[k] / sum, within(1e-14));
                total += p;
            }
            assertThat(total).isCloseTo(1, within(1e-15 * 4));
        }

        // Each class's points at probability 1, at the sepal widths of that class's rows.
        XYDataset points = chart.getXYPlot().getDataset(1);
        double[] x = column(IRIS.rows("x"), 4, 1);
        double[] y = IRIS.numbers("y");
        for (int k = 0; k < 3; k++) {
            int j = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] == k) {
                    assertThat(points.getXValue(k, j)).isEqualTo(x[i]);
                    assertThat(points.getYValue(k, j)).isEqualTo(1.0);
                    j++;
                }
            }
            assertThat(points.getItemCount(k)).isEqualTo(50);
        }

        Svg svg = Svg.parse(ModelPlots.fit(model, WIDTH, 800, 500));
        assertThat(svg.legend()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(svg.lines()).containsExactly("class-0", "class-1", "class-2");
        assertThat(svg.count("points", "path")).isEqualTo(150);
        assertThat(svg.texts()).contains("sepal width", "P(species = class) / points at 1");
        assertThat(String.join(" ", svg.texts())).contains("not those of 1 snapshots");
    }

    @Test
    void namesWithCharactersXmlForbidsStillMakeWellFormedDocuments() {
        // JSON and CSV labels may hold NUL, other control characters and U+FFFE; XML 1.0 allows none of them,
        // not even as character references, so they are drawn as U+FFFD.
        double[] c = IRIS.rows("fits", "1", "coefficients");
        Classes odd = Classes.ofNames(List.of("\u0000setosa", "versi\u0001color", "virginica\uFFFE"));
        FittedModel model = model(
                Weights.ofRows(IRIS.numbers("fits", "1", "intercepts"), new double[][] {{c[0]}, {c[1]}, {c[2]}}),
                column(IRIS.rows("x"), 4, 1),
                1,
                List.of(),
                odd);
        PlotLabels labels = new PlotLabels(List.of("sepal\u0007width"), "species\u001b");

        Svg fit = Svg.parse(ModelPlots.fit(model, labels, 800, 500));
        Svg residuals = Svg.parse(ModelPlots.residuals(model, labels, 800, 500));

        assertThat(fit.legend()).containsExactly("\uFFFDsetosa", "versi\uFFFDcolor", "virginica\uFFFD");
        assertThat(fit.texts()).contains("sepal\uFFFDwidth");
        assertThat(residuals.legend())
                .contains("\uFFFDsetosa (50 points)", "versi\uFFFDcolor (50 points)", "virginica\uFFFD (50 points)");
        assertThat(SvgCharts.xmlCharacters("a\uD83D\uDE00b\uD800c\tz")).isEqualTo("a\uD83D\uDE00b\uFFFDc\tz");
    }

    @Test
    void aSoftmaxModelOfSeveralFeaturesHasNoFitPlot() {
        FittedModel model = fourFeatures();

        assertThatThrownBy(() -> ModelPlots.fit(model, PlotLabels.defaults(4), 800, 500))
                .isInstanceOf(PlotNotApplicableException.class)
                .hasMessageContaining("over 4 features")
                .hasMessageContaining("one feature only");
    }

    @Test
    void residualsAreScikitLearnsDevianceResidualsOfTheFourFeatureFit() {
        assertResiduals(fourFeatures(), PlotLabels.defaults(4), 0);
    }

    @Test
    void residualsAreScikitLearnsDevianceResidualsOfTheSepalWidthFit() {
        assertResiduals(sepalWidth(List.of()), WIDTH, 1);
    }

    @Test
    void aPointThatIsNoClassIsLeftOutNotAFailure() {
        // Only a corrupt model keeps such a target; the plots draw the other points.
        FittedModel iris = sepalWidth(List.of());
        FittedModel model = new FittedModel(
                iris.id(),
                iris.createdAt(),
                iris.hyperparameters(),
                iris.result(),
                null,
                false,
                null,
                null,
                null,
                new TrainingSample(new double[] {3, 3.5, 2.5}, 1, new double[] {0, 7, 2}, 3),
                SPECIES);

        assertThat(ResidualsPlot.chart(model, WIDTH).getXYPlot().getDataset(1).getItemCount(1))
                .isZero();
        assertThat(Svg.parse(ModelPlots.residuals(model, WIDTH, 800, 500)).count("points", "path"))
                .isEqualTo(2);
        assertThat(Svg.parse(ModelPlots.fit(model, WIDTH, 800, 500)).count("points", "path"))
                .isEqualTo(2);
    }

    private static void assertResiduals(FittedModel model, PlotLabels labels, int fit) {
        double[] expected = RESIDUALS.numbers("fits", String.valueOf(fit), "devianceResiduals");
        double[] y = IRIS.numbers("y");

        double[] used = ClassResidualsPlot.devianceResiduals(
                model, (SoftmaxLoss) model.hyperparameters().loss(), model.sample());
        XYDataset points = ResidualsPlot.chart(model, labels).getXYPlot().getDataset(1);

        assertThat(used).hasSize(150);
        for (int i = 0; i < 150; i++) {
            assertThat(used[i]).as("residual %s", i).isCloseTo(expected[i], within(RESIDUAL_TOLERANCE));
        }
        // Drawn at their place in the sample (from 1), in the series of their class.
        int[] seen = new int[3];
        for (int i = 0; i < 150; i++) {
            int k = (int) y[i];
            assertThat(points.getXValue(k, seen[k])).isEqualTo(i + 1.0);
            assertThat(points.getYValue(k, seen[k])).isEqualTo(used[i]);
            seen[k]++;
        }
        double deviance = 0;
        for (double r : used) {
            deviance += r * r;
        }
        // Σ r² is the deviance, 2n times the fixture's mean log-loss.
        assertThat(deviance).isCloseTo(300 * IRIS.number("fits", String.valueOf(fit), "meanLogLoss"), within(1e-11));

        Svg svg = Svg.parse(ModelPlots.residuals(model, labels, 800, 500));
        assertThat(svg.legend()).contains("setosa (50 points)", "versicolor (50 points)", "virginica (50 points)");
        assertThat(svg.texts())
                .contains("deviance residual √(−2·log p(own class))", "training point, in the order of the sample");
        assertThat(svg.count("points", "path")).isEqualTo(150);
        assertThat(svg.lines()).containsExactly("half");
    }

    /** The iris fixture's unpenalised fit on the sepal width alone (column 1). */
    private static FittedModel sepalWidth(List<Snapshot> snapshots) {
        double[] c = IRIS.rows("fits", "1", "coefficients");
        return model(
                Weights.ofRows(IRIS.numbers("fits", "1", "intercepts"), new double[][] {{c[0]}, {c[1]}, {c[2]}}),
                column(IRIS.rows("x"), 4, 1),
                1,
                snapshots);
    }

    /** The iris fixture's fit of C = 1 on all four features. */
    private static FittedModel fourFeatures() {
        double[] flat = IRIS.rows("fits", "0", "coefficients");
        double[][] c = new double[3][4];
        for (int k = 0; k < 3; k++) {
            System.arraycopy(flat, 4 * k, c[k], 0, 4);
        }
        return model(Weights.ofRows(IRIS.numbers("fits", "0", "intercepts"), c), IRIS.rows("x"), 4, List.of());
    }

    private static FittedModel model(Weights weights, double[] x, int columns, List<Snapshot> snapshots) {
        return model(weights, x, columns, snapshots, SPECIES);
    }

    private static FittedModel model(
            Weights weights, double[] x, int columns, List<Snapshot> snapshots, Classes classes) {
        FitResult result = new FitResult(
                weights,
                1,
                new double[] {2, 1},
                1000,
                1000,
                StopReason.EPOCHS,
                new double[0],
                new double[0],
                snapshots);
        return new FittedModel(
                UUID.fromString("00000000-0000-0000-0000-000000000005"),
                Instant.EPOCH,
                Hyperparameters.builder().loss(new SoftmaxLoss(3)).build(),
                result,
                null,
                false,
                null,
                null,
                null,
                TrainingSample.of(new Dataset(x, columns, IRIS.numbers("y")), 2000, 1),
                classes);
    }

    private static double[] column(double[] rows, int columns, int j) {
        double[] column = new double[rows.length / columns];
        for (int i = 0; i < column.length; i++) {
            column[i] = rows[i * columns + j];
        }
        return column;
    }
}
