package dev.gradfit.plots;

import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.util.Arrays;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The fit of a model of several features that has no curve over one column: predicted against actual with the
 * identity line, the prediction being the mean μ for a log link; a logistic model's 0/1 points against the final
 * score, with σ. The subtitle names the features, and why a design model has no curves.
 */
final class AgainstActualPlot {

    /** The features a subtitle names; beyond, it gives their number only. */
    private static final int MAX_NAMED_FEATURES = 8;

    private AgainstActualPlot() {}

    /** @param noCurves why a design model is not drawn as curves, or {@code null} */
    static JFreeChart chart(FittedModel model, TrainingSample sample, PlotLabels labels, Link link, String noCurves) {
        String features = features(model, labels) + (noCurves == null ? "" : "; no curves: " + noCurves);
        return link == Link.LOGIT
                ? againstScore(model, sample, labels, features)
                : predictedAgainstActual(model, sample, labels, link, features);
    }

    /** "3 features: size, rooms, city[T.Paris]", the names left out beyond a few. */
    private static String features(FittedModel model, PlotLabels labels) {
        int count = model.features();
        return count <= MAX_NAMED_FEATURES
                ? count + " features: " + String.join(", ", labels.features())
                : count + " features";
    }

    private static JFreeChart predictedAgainstActual(
            FittedModel model, TrainingSample sample, PlotLabels labels, Link link, String features) {
        String y = labels.target();
        double[] actual = sample.y();
        double[] predicted = FittedValues.of(model, sample).means();
        // One scale for both axes, so that the identity stays the diagonal.
        AxisScale scale = AxisScale.of(actual, predicted);
        double[] ends = scale.unapply(FitPlot.range(scale.apply(concat(actual, predicted))));

        XYSeriesCollection identity =
                new XYSeriesCollection(AxisScale.series("predicted = actual", ends, scale, ends, scale));
        XYPlot plot = SvgCharts.plot(
                        SvgCharts.axis(scale.label("actual " + y)),
                        SvgCharts.axis(scale.label((link == Link.LOG ? "predicted mean μ of " : "predicted ") + y)))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, identity);
        plot.setRenderer(0, new SeriesRenderer().line(0, "identity", SvgCharts.FINAL, 2f));
        plot.setDataset(1, FitPlot.points(FitPlot.pointsLabel(sample), actual, scale, predicted, scale));
        plot.setRenderer(1, new SeriesRenderer().points(0, SvgCharts.POINTS, 7));
        return SvgCharts.chart(
                "Predicted against actual " + y, FitPlot.fitSubtitle(model.result(), 0, 0) + "; " + features, plot);
    }

    private static JFreeChart againstScore(
            FittedModel model, TrainingSample sample, PlotLabels labels, String features) {
        String y = labels.target();
        double[] scores = FittedValues.of(model, sample).scores();
        AxisScale scale = AxisScale.of(scores);
        double[] range = FitPlot.range(scale.apply(scores));
        double[] grid = scale.unapply(FitPlot.grid(range[0], range[1], FitPlot.CURVE_POINTS));

        XYSeriesCollection curve = new XYSeriesCollection(AxisScale.series(
                "final, epoch " + model.result().epochs(), grid, scale, Link.LOGIT.means(grid), AxisScale.NONE));
        XYPlot plot = SvgCharts.plot(
                        SvgCharts.axis(scale.label("score: intercept + Σ coefficients[j]·x[j]")),
                        SvgCharts.axis(y + " / P(" + y + " = 1)"))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, curve);
        plot.setRenderer(0, new SeriesRenderer().line(0, "final", SvgCharts.FINAL, 2.8f));
        plot.setDataset(1, FitPlot.points(FitPlot.pointsLabel(sample), scores, scale, sample.y(), AxisScale.NONE));
        plot.setRenderer(1, new SeriesRenderer().points(0, SvgCharts.POINTS, 7));
        return SvgCharts.chart(
                "Fitted probability against the score",
                FitPlot.fitSubtitle(model.result(), 0, 0) + "; " + features,
                plot);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
