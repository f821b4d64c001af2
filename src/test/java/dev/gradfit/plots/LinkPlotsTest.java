package dev.gradfit.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/**
 * The losses without a log link keep their pictures: the squared, Huber and absolute losses a straight line and
 * residuals actual − fitted, the logistic loss the probability curve σ(b0 + b1·x). Models from given weights
 * (b0 = 1, b1 = 2), so the expected values follow from the formulas.
 */
class LinkPlotsTest {

    private static final PlotLabels XY = PlotLabels.defaults(1);

    private static final double[] X = {0, 1, 2, 3};
    private static final double[] Y = {1.5, 2.5, 5.5, 6};

    @Test
    void regressionLossesDrawAStraightLineAndActualMinusFitted() {
        for (Loss loss : List.of(SquaredLoss.INSTANCE, new HuberLoss(1.35), AbsoluteLoss.INSTANCE)) {
            FittedModel model = model(loss, Y);

            XYDataset line = FitPlot.chart(model, XY).getXYPlot().getDataset(0);
            assertThat(line.getItemCount(0)).as("%s", loss).isEqualTo(2);
            assertThat(line.getYValue(0, 0)).isEqualTo(1.0);
            assertThat(line.getYValue(0, 1)).isEqualTo(7.0);

            // Fitted 1, 3, 5, 7: residuals 0.5, −0.5, 0.5, −1.
            XYDataset points = ResidualsPlot.chart(model, XY).getXYPlot().getDataset(1);
            double[] residuals = {0.5, -0.5, 0.5, -1};
            for (int i = 0; i < X.length; i++) {
                assertThat(points.getXValue(0, i)).isEqualTo(1 + 2 * X[i]);
                assertThat(points.getYValue(0, i)).as("%s, point %s", loss, i).isEqualTo(residuals[i]);
            }
            assertThat(Svg.parse(ModelPlots.residuals(model, XY, 800, 500)).texts())
                    .contains("Residuals against fitted values", "fitted y", "residual: actual − fitted y");
        }
    }

    @Test
    void aLogisticFitIsDrawnAsTheProbabilityCurve() {
        FittedModel model = model(LogisticLoss.INSTANCE, new double[] {0, 0, 1, 1});

        XYDataset curve = FitPlot.chart(model, XY).getXYPlot().getDataset(0);

        assertThat(curve.getItemCount(0)).isGreaterThan(100);
        for (int i = 0; i < curve.getItemCount(0); i++) {
            double x = curve.getXValue(0, i);
            assertThat(curve.getYValue(0, i)).isCloseTo(1 / (1 + Math.exp(-(1 + 2 * x))), within(1e-15));
        }
    }

    private static FittedModel model(Loss loss, double[] y) {
        return new FittedModel(
                UUID.fromString("00000000-0000-0000-0000-000000000004"),
                Instant.EPOCH,
                Hyperparameters.builder().loss(loss).build(),
                new FitResult(new Weights(1, new double[] {2}), 1, new double[] {2, 1}, 1, 1),
                null,
                false,
                null,
                TrainingSample.of(Dataset.of(X.clone(), y.clone()), 2000, 1));
    }
}
