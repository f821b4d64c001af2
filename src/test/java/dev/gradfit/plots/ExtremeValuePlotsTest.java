package dev.gradfit.plots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Values far from 1 are drawn like any others, in a unit the axis label names: axes with tick labels that tell
 * the ticks apart, every point, the lines. (JFreeChart alone drew nothing but the title and the legend at 1e100.)
 */
class ExtremeValuePlotsTest {

    private static final PlotLabels XY = PlotLabels.defaults(1);

    /** A tick label as the axes write it: 0.5, -1.2, 1,000. */
    private static final Pattern TICK = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?");

    @Test
    void aFitNear1e100IsDrawnInUnitsOf1e100() {
        double[] x = {1e100, 2e100, 3e100, 4e100, 5e100};
        double[] y = {2e100, 4.1e100, 6e100, 8.2e100, 10e100};
        // A rate small enough for gradients near 1e201: the weights stay small and the fit does not diverge.
        FittedModel model = Models.fit(
                Dataset.of(x, y),
                Hyperparameters.builder().learningRate(1e-202).epochs(10).build(),
                2000);

        Svg fit = Svg.parse(ModelPlots.fit(model, XY, 800, 500));
        assertDrawn(fit, 5, "final");
        assertThat(fit.texts()).contains("x (×1e100)", "y (×1e101)");

        Svg residuals = Svg.parse(ModelPlots.residuals(model, XY, 800, 500));
        assertDrawn(residuals, 5, "zero");
        assertThat(residuals.texts()).contains("fitted y (×1e100)");

        // Costs from about 4e201 down: a log axis, labelled with powers of ten.
        Svg cost = Svg.parse(ModelPlots.cost(model, 800, 500));
        assertThat(cost.count("line-cost", "path")).isEqualTo(1);
        assertThat(cost.texts()).contains("cost J (log scale)", "1e200", "1e201");
    }

    @Test
    void aFitNear1eMinus300IsDrawnInUnitsOf1eMinus300() {
        double[] x = {1e-300, 2e-300, 3e-300, 4e-300, 5e-300};
        FittedModel model = model(x, new double[] {2e-300, 4e-300, 6e-300, 8e-300, 1e-299}, 0, 2, 0, 0);

        Svg fit = Svg.parse(ModelPlots.fit(model, XY, 800, 500));
        assertDrawn(fit, 5, "final");
        assertThat(fit.texts()).contains("x (×1e-300)", "y (×1e-299)");
        assertDrawn(Svg.parse(ModelPlots.residuals(model, XY, 800, 500)), 5, "zero");
    }

    @Test
    void valuesFrom1eMinus300To1e300AreDrawnOnOneAxis() {
        double[] x = {1e-300, 1e300};
        FittedModel model = model(x, x.clone(), 0, 1, 1e300, 1e299);

        Svg fit = Svg.parse(ModelPlots.fit(model, XY, 800, 500));
        assertDrawn(fit, 2, "final");
        assertThat(fit.texts()).contains("x (×1e300)", "y (×1e300)");
        assertDrawn(Svg.parse(ModelPlots.residuals(model, XY, 800, 500)), 2, "zero");
    }

    @Test
    void aRangeLongerThanTheLargestDoubleIsDrawn() {
        // From -1e308 to 1.7e308: the range's length, 2.7e308, is not a double.
        FittedModel model = model(new double[] {-1e308, 1e308}, new double[] {-1e308, 1.7e308}, 0, 1, 1, 1);

        Svg fit = Svg.parse(ModelPlots.fit(model, XY, 800, 500));
        assertDrawn(fit, 2, "final");
        assertThat(fit.texts()).contains("x (×1e308)", "y (×1e308)");
        assertDrawn(Svg.parse(ModelPlots.residuals(model, XY, 800, 500)), 2, "zero");
    }

    @Test
    void aConstantXIsDrawnAroundItsValueAtAnyMagnitude() {
        for (double value : new double[] {3, 1e100, 1e-300}) {
            double[] x = {value, value, value};
            FittedModel model = model(x, x.clone(), 0, 1, 0, 0);

            Svg fit = Svg.parse(ModelPlots.fit(model, XY, 800, 500));

            assertDrawn(fit, 3, "final");
            assertDrawn(Svg.parse(ModelPlots.residuals(model, XY, 800, 500)), 3, "zero");
        }
    }

    @Test
    void costsNear1e300OnALinearAxisAreDrawnInUnitsOf1e300() {
        FittedModel model = model(new double[] {1, 2}, new double[] {1, 2}, 0, 1, 9e300, 5e300);

        Svg cost = Svg.parse(ModelPlots.cost(model, 800, 500));

        assertThat(cost.count("line-cost", "path")).isEqualTo(1);
        assertThat(cost.texts()).contains("cost J (×1e300)");
        assertThat(distinctTicks(cost)).hasSizeGreaterThan(5);
    }

    @Test
    void costsSpanning200DecadesAreDrawnOnALogAxis() {
        FittedModel model = model(new double[] {1, 2}, new double[] {1, 2}, 0, 1, 1e250, 1e150, 1e50);

        Svg cost = Svg.parse(ModelPlots.cost(model, 800, 500));

        assertThat(cost.count("line-cost", "path")).isEqualTo(1);
        assertThat(cost.texts()).contains("cost J (log scale)", "1e100", "1e200");
    }

    @Test
    void costsThatAreAllZeroHaveTickLabelsThatDiffer() {
        FittedModel model = model(new double[] {1, 2}, new double[] {1, 2}, 0, 1, 0, 0, 0);

        Svg cost = Svg.parse(ModelPlots.cost(model, 800, 500));

        // The cost axis alone: the epoch axis has ticks 0, 1, 2.
        List<String> costTicks =
                ticks(cost).stream().filter(t -> t.contains(".")).toList();
        assertThat(costTicks).hasSizeGreaterThan(3).doesNotHaveDuplicates();
    }

    @Test
    void valuesNearOneAreDrawnAsTheyAre() {
        assertThat(AxisScale.of(Models.TUTORIAL_X, Models.TUTORIAL_Y)).isEqualTo(AxisScale.NONE);
        assertThat(AxisScale.of(new double[] {0.1, -999_999})).isEqualTo(AxisScale.NONE);
        assertThat(AxisScale.of(new double[] {0.09})).isEqualTo(new AxisScale(-2));
        assertThat(AxisScale.of(new double[] {1e6, Double.NaN, Double.POSITIVE_INFINITY}))
                .isEqualTo(new AxisScale(6));
        // The smallest subnormal double still comes out near 1 (4.9e-324 / 1e-324), not 0.
        assertThat(new AxisScale(-324).apply(Double.MIN_VALUE)).isBetween(4.0, 5.0);
    }

    /** Axes with tick labels that differ, every point in the points group, and the named line. */
    private static void assertDrawn(Svg svg, int points, String line) {
        assertThat(svg.count("points", "path")).isEqualTo(points);
        assertThat(svg.count("line-" + line, "path")).isEqualTo(1);
        assertThat(distinctTicks(svg)).hasSizeGreaterThan(5);
    }

    private static List<String> ticks(Svg svg) {
        return svg.texts().stream().filter(t -> TICK.matcher(t).matches()).toList();
    }

    private static List<String> distinctTicks(Svg svg) {
        return ticks(svg).stream().distinct().toList();
    }

    /** The line b0 + b1·x over the points (x, y), after a fit whose cost history is {@code costs}. */
    private static FittedModel model(double[] x, double[] y, double b0, double b1, double... costs) {
        FitResult result =
                new FitResult(new Weights(b0, new double[] {b1}), costs[costs.length - 1], costs, 1, costs.length - 1);
        return new FittedModel(
                UUID.fromString("00000000-0000-0000-0000-000000000002"),
                Instant.EPOCH,
                Hyperparameters.defaults(),
                result,
                null,
                false,
                null,
                TrainingSample.of(Dataset.of(x, y), 2000, 1));
    }
}
