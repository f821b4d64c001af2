package dev.gradfit.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Snapshot;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/**
 * A log-link model (Poisson, Gamma, Tweedie) is drawn on the scale of its target: the fitted mean μ = e^(b0 +
 * b1·x) over its points, and deviance residuals against μ. The models are built from given weights, so the
 * expected values follow from the formulas; the residuals are statsmodels' ({@code family.resid_dev(y, mu)}).
 */
class LogLinkPlotsTest {

    private static final PlotLabels XY = PlotLabels.defaults(1);

    private static final double B0 = 0.2;
    private static final double B1 = 0.6;
    private static final double[] X = {0, 0.5, 1, 1.5, 2, 2.5, 3};

    /** e^(0.2 + 0.6·x) at each x, from numpy. */
    private static final double[] MU = {
        1.2214027581601699,
        1.6487212707001282,
        2.225540928492468,
        3.004166023946433,
        4.0551999668446745,
        5.473947391727199,
        7.389056098930649
    };

    /**
     * Deviance residuals are sums and square roots of a few exponentials and logarithms of numbers near 1: a
     * few ulps each, amplified by 1/(2·√d) where the deviance d is smallest (d ≈ 6e-6 for y = 3, μ = 3.004).
     */
    private static final double RESIDUAL_TOLERANCE = 1e-12;

    @Test
    void aPoissonFitIsDrawnAsTheMeanCurveOverTheCounts() {
        FittedModel model = model(
                PoissonLoss.INSTANCE,
                new double[] {1, 0, 2, 3, 2, 6, 9},
                List.of(
                        new Snapshot(0, Weights.zeros(1), 2.5),
                        new Snapshot(100, new Weights(0.1, new double[] {0.4}), 2)));
        JFreeChart chart = FitPlot.chart(model, XY);

        XYDataset lines = chart.getXYPlot().getDataset(0);
        int last = lines.getSeriesCount() - 1;
        assertThat(lines.getSeriesKey(last)).isEqualTo("final, epoch 1000");
        // A curve, not the straight score: many points from the least to the greatest x, each at e^(b0 + b1·x).
        assertThat(lines.getItemCount(last)).isGreaterThan(100);
        assertThat(lines.getXValue(last, 0)).isEqualTo(0.0);
        assertThat(lines.getXValue(last, lines.getItemCount(last) - 1)).isEqualTo(3.0);
        for (int i = 0; i < lines.getItemCount(last); i++) {
            double x = lines.getXValue(last, i);
            assertThat(lines.getYValue(last, i))
                    .as("μ at x = %s", x)
                    .isCloseTo(Math.exp(B0 + B1 * x), within(1e-14 * 8));
        }
        // The snapshots on the same scale: the initial weights 0 are μ = e^0 = 1 everywhere.
        assertThat(lines.getSeriesKey(0)).isEqualTo("epoch 0");
        for (int i = 0; i < lines.getItemCount(0); i++) {
            assertThat(lines.getYValue(0, i)).isEqualTo(1.0);
        }
        assertThat(lines.getYValue(1, lines.getItemCount(1) - 1)).isCloseTo(Math.exp(0.1 + 0.4 * 3), within(1e-14));

        Svg svg = Svg.parse(ModelPlots.fit(model, XY, 800, 500));
        assertThat(svg.texts()).contains("Fitted mean: μ = exp(0.2 + 0.6·x)", "y / mean μ", "data (7 points)");
        assertThat(svg.count("points", "path")).isEqualTo(7);
    }

    @Test
    void aFaintSnapshotCurveLiesOnItsMeanCurveAtFewerPoints() {
        // Six snapshots: the third (index 2, epoch 30) is not labelled. Its weights 0.1 + 0.3·x.
        List<Snapshot> snapshots = new java.util.ArrayList<>();
        for (int k = 0; k < 6; k++) {
            snapshots.add(new Snapshot(10 * (k + 1), new Weights(0.1, new double[] {0.1 * (k + 1)}), 1));
        }
        JFreeChart chart =
                FitPlot.chart(model(PoissonLoss.INSTANCE, new double[] {1, 0, 2, 3, 2, 6, 9}, snapshots), XY);

        XYDataset faint = chart.getXYPlot().getDataset(2);
        assertThat(faint.getSeriesCount()).isEqualTo(1);
        assertThat(faint.getSeriesKey(0)).isEqualTo("epoch 30");
        assertThat(faint.getItemCount(0)).isEqualTo(41);
        assertThat(faint.getXValue(0, 40)).isEqualTo(3.0);
        for (int i = 0; i < 41; i++) {
            double x = faint.getXValue(0, i);
            assertThat(x).isCloseTo(3.0 * i / 40, within(1e-15 * 4));
            assertThat(faint.getYValue(0, i)).isCloseTo(Math.exp(0.1 + 0.3 * x), within(1e-14));
        }
    }

    @Test
    void poissonResidualsAreDevianceResidualsAgainstTheFittedMean() {
        assertDevianceResiduals(
                PoissonLoss.INSTANCE,
                new double[] {1, 0, 2, 3, 2, 6, 9},
                -0.20689494029661426,
                -1.8158861587115687,
                -0.15385245927419136,
                -0.0024041425757086966,
                -1.1326908916068543,
                0.22137844111624994,
                0.5728477894809834);
    }

    @Test
    void gammaResidualsAreDevianceResidualsAgainstTheFittedMean() {
        assertDevianceResiduals(
                GammaLoss.INSTANCE,
                new double[] {0.8, 1.1, 2.5, 1.9, 4.2, 3.3, 7.7},
                -0.395292685934347,
                -0.37913993690871406,
                0.11858902494665205,
                -0.4256786883412333,
                0.03529088452914381,
                -0.46676152562435946,
                0.04150547101960317);
    }

    @Test
    void tweedieResidualsAreDevianceResidualsAgainstTheFittedMeanZerosIncluded() {
        // Power 1.5: at y = 0 the unit deviance is 2·μ^0.5/0.5, so the residual is −√(4·√μ).
        assertDevianceResiduals(
                new TweedieLoss(1.5),
                new double[] {0, 0.7, 0, 2.4, 1.3, 5.5, 0},
                -2.1025421927520482,
                -0.7895971422683178,
                -2.4428055163203397,
                -0.279613202940273,
                -1.2311990126718475,
                0.007271264142535782,
                -3.2974425414002564);
    }

    @Test
    void aPointOnItsMeanHasAResidualOfZero() {
        assertThat(ResidualsPlot.devianceResidual(GammaLoss.INSTANCE, Math.log(2.5), 2.5))
                .isCloseTo(0, within(1e-7));
        assertThat(ResidualsPlot.devianceResidual(PoissonLoss.INSTANCE, 0, 1)).isZero();
    }

    @Test
    void severalFeaturesOfALogLinkModelArePredictedMeansAgainstActual() {
        // μ = e^(0.1 + 0.5·x0 − 0.2·x1) of each row.
        double[] x = {0, 0, 1, 0, 0, 1, 2, 3};
        double[] y = {1, 2, 0, 4};
        FitResult result = new FitResult(new Weights(0.1, new double[] {0.5, -0.2}), 1, new double[] {2, 1}, 1, 1);
        FittedModel model = new FittedModel(
                UUID.fromString("00000000-0000-0000-0000-000000000003"),
                Instant.EPOCH,
                Hyperparameters.builder().loss(PoissonLoss.INSTANCE).build(),
                result,
                null,
                false,
                null,
                new TrainingSample(x, 2, y, 4));

        XYDataset points =
                FitPlot.chart(model, PlotLabels.defaults(2)).getXYPlot().getDataset(1);

        double[] expected = {Math.exp(0.1), Math.exp(0.6), Math.exp(-0.1), Math.exp(0.1 + 1 - 0.6)};
        for (int i = 0; i < y.length; i++) {
            assertThat(points.getXValue(0, i)).isEqualTo(y[i]);
            assertThat(points.getYValue(0, i)).isCloseTo(expected[i], within(1e-15 * 4));
        }
        assertThat(Svg.parse(ModelPlots.fit(model, PlotLabels.defaults(2), 800, 500))
                        .texts())
                .contains("predicted mean μ of y", "actual y");
    }

    private static void assertDevianceResiduals(LogLinkLoss loss, double[] y, double... expected) {
        FittedModel model = model(loss, y, List.of());

        XYDataset points = ResidualsPlot.chart(model, XY).getXYPlot().getDataset(1);

        assertThat(points.getItemCount(0)).isEqualTo(y.length);
        for (int i = 0; i < y.length; i++) {
            assertThat(points.getXValue(0, i)).as("μ %s", i).isCloseTo(MU[i], within(1e-15 * 8));
            assertThat(points.getYValue(0, i)).as("residual %s", i).isCloseTo(expected[i], within(RESIDUAL_TOLERANCE));
        }
        Svg svg = Svg.parse(ModelPlots.residuals(model, XY, 800, 500));
        assertThat(svg.texts())
                .contains("Deviance residuals against fitted means", "fitted mean μ of y", "deviance residual");
        assertThat(svg.count("points", "path")).isEqualTo(y.length);
        assertThat(svg.lines()).containsExactly("zero");
    }

    /** The weights b0 = 0.2, b1 = 0.6 over the points (X, y), fitted with {@code loss}. */
    private static FittedModel model(Loss loss, double[] y, List<Snapshot> snapshots) {
        FitResult result = new FitResult(
                new Weights(B0, new double[] {B1}),
                1,
                new double[] {2, 1},
                1000,
                1000,
                StopReason.EPOCHS,
                new double[0],
                new double[0],
                snapshots);
        return new FittedModel(
                UUID.fromString("00000000-0000-0000-0000-000000000003"),
                Instant.EPOCH,
                Hyperparameters.builder().loss(loss).build(),
                result,
                null,
                false,
                null,
                TrainingSample.of(Dataset.of(X.clone(), y.clone()), 2000, 1));
    }
}
