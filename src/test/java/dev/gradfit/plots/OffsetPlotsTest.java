package dev.gradfit.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/**
 * A log-link model fitted with offsets (the log of an exposure) is drawn with its exposure: the fit plot draws
 * rates y/exp(offset) under the rate curve exp(b0 + b1·x), the residuals use μᵢ = exp(b0 + b1·xᵢ + offsetᵢ).
 * The data and weights are statsmodels' cancer fits with offset log(population) (reference/glm, made by
 * make_fixtures.py); the expected residuals are statsmodels' {@code family.resid_dev(y, mu)} of those weights,
 * equal to its fitted GLM's {@code resid_deviance} (offset_residuals.py).
 */
class OffsetPlotsTest {

    private static final ReferenceFixture RESIDUALS = ReferenceFixture.load("glm/offset_residuals");
    private static final PlotLabels LABELS = new PlotLabels(List.of("population (thousands)"), "cancer");

    /**
     * Java's e^z and numpy's may differ by an ulp, and the unit deviance d(y, μ) moves with μ by about as much
     * (1.4e-14 at μ = 65); the residual √d divides an error of d by 2|r|. At the one point where |r| is smallest
     * (y = 65, μ = 64.9875, r = 0.0015) the two residuals differ by 1.7e-12, an error of 5e-15 in d: the
     * residuals are held to 1e-12, or to an error of 1e-13 in d where |r| is below 0.05.
     */
    private static double tolerance(double residual) {
        return Math.max(1e-12, 1e-13 / (2 * Math.abs(residual)));
    }

    @Test
    void poissonResidualsWithAnOffsetAreStatsmodelsResidDev() {
        assertResiduals("poisson_cancer_offset", PoissonLoss.INSTANCE, 0);
    }

    @Test
    void tweedieResidualsWithAnOffsetAreStatsmodelsResidDev() {
        assertResiduals("tweedie_cancer_offset", new TweedieLoss(1.5), 1);
    }

    @Test
    void theFitOfAnOffsetModelIsItsRatesUnderTheRateCurve() {
        ReferenceFixture cancer = ReferenceFixture.load("glm/poisson_cancer_offset");
        FittedModel model = model(cancer, PoissonLoss.INSTANCE);
        double b0 = cancer.number("intercept");
        double b1 = cancer.numbers("coefficients")[0];
        JFreeChart chart = FitPlot.chart(model, LABELS);

        // Rates of about 1e-3 deaths a person: drawn in thousandths, which the axis label says.
        assertThat(chart.getXYPlot().getRangeAxis().getLabel()).isEqualTo("cancer per unit of exp(offset) (×1e-3)");
        AxisScale thousandths = new AxisScale(-3);
        XYDataset points = chart.getXYPlot().getDataset(1);
        double[] x = cancer.rows("x");
        double[] y = cancer.numbers("y");
        double[] offset = cancer.numbers("offset");
        assertThat(points.getItemCount(0)).isEqualTo(y.length);
        for (int i = 0; i < y.length; i++) {
            assertThat(points.getXValue(0, i)).isEqualTo(x[i]);
            // The exposure is population, offset log(population): the rate is deaths per person, about 1e-3.
            assertThat(points.getYValue(0, i))
                    .as("rate %s", i)
                    .isCloseTo(thousandths.apply(y[i] / Math.exp(offset[i])), within(1e-15));
        }
        XYDataset lines = chart.getXYPlot().getDataset(0);
        int last = lines.getSeriesCount() - 1;
        for (int i = 0; i < lines.getItemCount(last); i++) {
            double at = lines.getXValue(last, i);
            assertThat(lines.getYValue(last, i)).isCloseTo(thousandths.apply(Math.exp(b0 + b1 * at)), within(1e-15));
        }

        Svg svg = Svg.parse(ModelPlots.fit(model, LABELS, 800, 500));
        String texts = String.join("\n", svg.texts());
        assertThat(texts).contains("per unit of exp(offset)", "Fitted rate: μ/exp(offset) = exp(");
        assertThat(svg.count("points", "path")).isEqualTo(y.length);
    }

    private static void assertResiduals(String fixture, LogLinkLoss loss, int fit) {
        ReferenceFixture cancer = ReferenceFixture.load("glm/" + fixture);
        FittedModel model = model(cancer, loss);
        double[] means = RESIDUALS.numbers("fits", String.valueOf(fit), "means");
        double[] expected = RESIDUALS.numbers("fits", String.valueOf(fit), "devianceResiduals");

        FittedValues values = FittedValues.of(model, model.sample());
        XYDataset points = ResidualsPlot.chart(model, LABELS).getXYPlot().getDataset(1);

        assertThat(points.getItemCount(0)).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            // μ up to 400, of a score (b0 + b1·x) + offset computed in the same order as numpy: a few ulps.
            assertThat(values.means()[i]).as("μ %s", i).isCloseTo(means[i], within(1e-15 * 4 * means[i]));
            double used = ResidualsPlot.devianceResidual(loss, values.scores()[i], cancer.numbers("y")[i]);
            assertThat(used).as("residual %s", i).isCloseTo(expected[i], within(tolerance(expected[i])));
            assertThat(points.getXValue(0, i)).isEqualTo(values.means()[i]);
            assertThat(points.getYValue(0, i)).isEqualTo(used);
        }
        Svg svg = Svg.parse(ModelPlots.residuals(model, LABELS, 800, 500));
        assertThat(svg.texts()).contains("fitted mean μ of cancer, μ = exp(score + offset)", "deviance residual");
    }

    /** The fixture's weights over its data and offsets, as the service keeps such a fit. */
    private static FittedModel model(ReferenceFixture cancer, LogLinkLoss loss) {
        double[] x = cancer.rows("x");
        double[] y = cancer.numbers("y");
        FitResult result = new FitResult(
                new Weights(cancer.number("intercept"), cancer.numbers("coefficients")), 1, new double[] {2, 1}, 1, 1);
        return new FittedModel(
                UUID.fromString("00000000-0000-0000-0000-000000000007"),
                Instant.EPOCH,
                Hyperparameters.builder().loss(loss).build(),
                result,
                null,
                false,
                null,
                TrainingSample.of(new Dataset(x, 1, y, null, cancer.numbers("offset")), 2000, 1));
    }
}
