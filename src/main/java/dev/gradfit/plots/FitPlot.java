package dev.gradfit.plots;

import dev.gradfit.fitting.Predictor;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Snapshot;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training sample and what the model makes of it. With one feature: the points and the fitted line (a
 * logistic model: the 0/1 points and the fitted probability curve), with a line for every snapshot the fit
 * kept, like the tutorial's lines after 10, 20, 30, 100 and 1000 epochs. With several features: predicted
 * against actual with the identity line (a logistic model: the 0/1 points against the final score, with σ).
 */
final class FitPlot {

    /** Points on a probability curve: enough for σ to look smooth at any width. */
    private static final int CURVE_POINTS = 161;

    private static final Color EARLY = new Color(0x9e, 0xca, 0xe1);
    private static final Color LATE = new Color(0x08, 0x30, 0x6b);

    private FitPlot() {}

    static JFreeChart chart(FittedModel model, PlotLabels labels) {
        TrainingSample sample = model.sample();
        if (sample == null) {
            throw new PlotNotApplicableException(
                    "fit",
                    "Model " + model.id() + " keeps no sample of its training points (gradfit.plots.sample-points"
                            + " was 0 when it was fitted, or an older gradfit fitted it), so its fit cannot be drawn;"
                            + " fit it again to draw it.");
        }
        boolean logistic = model.predictor().probabilities();
        if (model.features() == 1) {
            return oneFeature(model, sample, labels, logistic);
        }
        return logistic ? againstScore(model, sample, labels) : predictedAgainstActual(model, sample, labels);
    }

    private static JFreeChart oneFeature(
            FittedModel model, TrainingSample sample, PlotLabels labels, boolean logistic) {
        FitResult result = model.result();
        String x = labels.feature(0);
        String y = labels.target();
        double[] xs = sample.x();
        double[] range = range(xs);
        double[] grid = grid(range[0], range[1], logistic ? CURVE_POINTS : 2);

        XYSeriesCollection lines = new XYSeriesCollection();
        SeriesRenderer lineRenderer = new SeriesRenderer();
        List<Snapshot> snapshots = result.snapshots().stream()
                .filter(snapshot -> snapshot.epoch() != result.epochs())
                .toList();
        for (int k = 0; k < snapshots.size(); k++) {
            Snapshot snapshot = snapshots.get(k);
            lines.addSeries(curve("epoch " + snapshot.epoch(), grid, snapshot.weights(), logistic));
            lineRenderer.line(k, "epoch-" + snapshot.epoch(), shade(k, snapshots.size()), 1.8f);
        }
        lines.addSeries(curve("final, epoch " + result.epochs(), grid, result.weights(), logistic));
        lineRenderer.line(snapshots.size(), "final", SvgCharts.FINAL, 2.8f);

        XYPlot plot = SvgCharts.plot(SvgCharts.axis(x), SvgCharts.axis(logistic ? y + " / P(" + y + " = 1)" : y))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, lines);
        plot.setRenderer(0, lineRenderer);
        plot.setDataset(1, points(pointsLabel(sample), xs, sample.y()));
        plot.setRenderer(1, new SeriesRenderer().points(0, SvgCharts.POINTS, 7));
        String title = logistic
                ? "Fitted probability: P(" + y + " = 1) = σ(" + formula(result.weights(), x) + ")"
                : "Fitted line: " + y + " = " + formula(result.weights(), x);
        return SvgCharts.chart(title, fitSubtitle(result, snapshots.size()), plot);
    }

    private static JFreeChart predictedAgainstActual(FittedModel model, TrainingSample sample, PlotLabels labels) {
        String y = labels.target();
        double[] actual = sample.y();
        double[] predicted = model.predictor().predict(sample.x());
        double[] range = range(concat(actual, predicted));

        XYSeriesCollection identity = new XYSeriesCollection();
        XYSeries diagonal = new XYSeries("predicted = actual", false, true);
        diagonal.add(range[0], range[0]);
        diagonal.add(range[1], range[1]);
        identity.addSeries(diagonal);

        XYPlot plot = SvgCharts.plot(SvgCharts.axis("actual " + y), SvgCharts.axis("predicted " + y))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, identity);
        plot.setRenderer(0, new SeriesRenderer().line(0, "identity", SvgCharts.FINAL, 2f));
        plot.setDataset(1, points(pointsLabel(sample), actual, predicted));
        plot.setRenderer(1, new SeriesRenderer().points(0, SvgCharts.POINTS, 7));
        return SvgCharts.chart(
                "Predicted against actual " + y,
                fitSubtitle(model.result(), 0) + "; " + model.features() + " features",
                plot);
    }

    private static JFreeChart againstScore(FittedModel model, TrainingSample sample, PlotLabels labels) {
        String y = labels.target();
        Weights weights = model.result().weights();
        double[] scores = weights.predictRows(sample.x());
        double[] range = range(scores);

        XYSeriesCollection curve = new XYSeriesCollection();
        curve.addSeries(curve(
                "final, epoch " + model.result().epochs(),
                grid(range[0], range[1], CURVE_POINTS),
                new Weights(0, new double[] {1}),
                true));
        XYPlot plot = SvgCharts.plot(
                        SvgCharts.axis("score: intercept + Σ coefficients[j]·x[j]"),
                        SvgCharts.axis(y + " / P(" + y + " = 1)"))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, curve);
        plot.setRenderer(0, new SeriesRenderer().line(0, "final", SvgCharts.FINAL, 2.8f));
        plot.setDataset(1, points(pointsLabel(sample), scores, sample.y()));
        plot.setRenderer(1, new SeriesRenderer().points(0, SvgCharts.POINTS, 7));
        return SvgCharts.chart(
                "Fitted probability against the score",
                fitSubtitle(model.result(), 0) + "; " + model.features() + " features",
                plot);
    }

    private static XYSeries curve(String name, double[] grid, Weights weights, boolean probabilities) {
        double[] values = new Predictor(weights, probabilities).predict(grid);
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < grid.length; i++) {
            series.add(grid[i], values[i]);
        }
        return series;
    }

    private static XYSeriesCollection points(String name, double[] x, double[] y) {
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            series.add(x[i], y[i], false);
        }
        return new XYSeriesCollection(series);
    }

    private static String pointsLabel(TrainingSample sample) {
        return sample.rows() == sample.sourceRows()
                ? "data (" + sample.rows() + " points)"
                : "data (" + sample.rows() + " of " + sample.sourceRows() + " points)";
    }

    private static String fitSubtitle(FitResult result, int snapshots) {
        String text = "after " + result.epochs() + " epochs (stop reason " + result.stopReason() + ")";
        return snapshots == 0 ? text : text + ", with the lines after " + snapshots + " earlier epochs";
    }

    /** {@code b0 + b1·x}, with the sign of b1 written as an operator. */
    private static String formula(Weights weights, String feature) {
        double slope = weights.coefficients()[0];
        return SvgCharts.number(weights.intercept()) + (slope < 0 ? " − " : " + ") + SvgCharts.number(Math.abs(slope))
                + "·" + feature;
    }

    /** Snapshot {@code k} of {@code count}: from light (early) to dark (late) blue. */
    private static Color shade(int k, int count) {
        double t = count == 1 ? 0.5 : (double) k / (count - 1);
        return new Color(
                (int) Math.round(EARLY.getRed() + t * (LATE.getRed() - EARLY.getRed())),
                (int) Math.round(EARLY.getGreen() + t * (LATE.getGreen() - EARLY.getGreen())),
                (int) Math.round(EARLY.getBlue() + t * (LATE.getBlue() - EARLY.getBlue())));
    }

    /** The least and greatest value, widened to a unit interval around a single value. */
    static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        if (values.length == 0) {
            return new double[] {0, 1};
        }
        if (min == max) {
            return new double[] {min - 0.5, max + 0.5};
        }
        return new double[] {min, max};
    }

    private static double[] grid(double from, double to, int points) {
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = i == points - 1 ? to : from + (to - from) * i / (points - 1);
        }
        return grid;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
