package dev.gradfit.plots;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.model.Classes;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The fit of a softmax model over one feature: the probability curve {@code p_k(x) = e^(z_k) / Σ_m e^(z_m)},
 * {@code z_k = b_k + c_k·x}, of every class over the range of the sample, one colour per class and a legend by
 * class name; the training points drawn at probability 1 in the colour of their own class, as a logistic
 * model's 0/1 points are. Only the final curves: a snapshot would add K curves, and a few snapshots would
 * tangle the picture. A softmax model of several features has no such picture and is refused, as is one
 * without a sample.
 */
final class ClassProbabilityPlot {

    private ClassProbabilityPlot() {}

    static JFreeChart chart(FittedModel model, TrainingSample sample, PlotLabels labels) {
        Weights weights = model.result().weights();
        int classes = weights.outputs();
        if (model.features() != 1) {
            throw new PlotNotApplicableException(
                    "fit",
                    "Model " + model.id() + " is a softmax classifier of " + classes + " classes over "
                            + model.features() + " features" + named(labels)
                            + ": gradfit draws the class probabilities over one feature only. Its residuals and its"
                            + " cost are drawn.");
        }
        String x = labels.feature(0);
        String y = labels.target();
        double[] xs = sample.x();
        AxisScale xScale = AxisScale.of(xs);
        double[] range = FitPlot.range(xScale.apply(xs));
        double[] grid = xScale.unapply(FitPlot.grid(range[0], range[1], FitPlot.CURVE_POINTS));
        double[][] curves = probabilities(weights, grid);

        XYSeriesCollection lines = new XYSeriesCollection();
        SeriesRenderer lineRenderer = new SeriesRenderer();
        XYSeriesCollection points = new XYSeriesCollection();
        SeriesRenderer pointRenderer = new SeriesRenderer();
        pointRenderer.setDefaultSeriesVisibleInLegend(false);
        double[] classOf = sample.y();
        for (int k = 0; k < classes; k++) {
            String name = className(model.classes(), k);
            lines.addSeries(AxisScale.series(name, grid, xScale, curves[k], AxisScale.NONE));
            lineRenderer.line(k, "class-" + k, SvgCharts.classColor(k), 2.8f);
            points.addSeries(AxisScale.series(
                    name + " points", xsOfClass(xs, classOf, k), xScale, ones(count(classOf, k)), AxisScale.NONE));
            pointRenderer.points(k, SvgCharts.classPoints(k), 7);
        }

        GroupedPlot plot = SvgCharts.plot(
                        SvgCharts.axis(xScale.label(x)), SvgCharts.axis("P(" + y + " = class) / points at 1"))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, lines);
        plot.setRenderer(0, lineRenderer);
        plot.setDataset(1, points);
        plot.setRenderer(1, pointRenderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return SvgCharts.chart(
                "Fitted class probabilities: p_k = softmax_k(b_k + c_k·" + x + ")",
                subtitle(model.result(), sample, classes),
                plot);
    }

    /** " (a, b, c)": the features' names, when they are few enough to read in a sentence. */
    private static String named(PlotLabels labels) {
        return labels.features().size() <= 8 ? " (" + String.join(", ", labels.features()) + ")" : "";
    }

    /** {@code p_k} at every grid point: entry {@code [k][i]}. */
    static double[][] probabilities(Weights weights, double[] grid) {
        int classes = weights.outputs();
        double[] scores = weights.scoreRows(grid);
        double[] row = new double[classes];
        double[][] curves = new double[classes][grid.length];
        for (int i = 0; i < grid.length; i++) {
            SoftmaxLoss.probabilities(scores, i * classes, classes, row, 0);
            for (int k = 0; k < classes; k++) {
                curves[k][i] = row[k];
            }
        }
        return curves;
    }

    /** Class {@code k}'s name, or "class k" for a model stored without names of its classes. */
    static String className(Classes classes, int k) {
        return classes != null && k < classes.count() ? classes.text(k) : "class " + k;
    }

    private static String subtitle(FitResult result, TrainingSample sample, int classes) {
        String text = FitPlot.fitSubtitle(result, 0, 0) + "; " + FitPlot.pointsLabel(sample)
                + " at probability 1 in the colour of their class";
        long snapshots = result.snapshots().stream()
                .filter(snapshot -> snapshot.epoch() != result.epochs())
                .count();
        return snapshots == 0 ? text : text + "; the final curves only, not those of " + snapshots + " snapshots";
    }

    private static double[] xsOfClass(double[] xs, double[] classOf, int k) {
        double[] kept = new double[count(classOf, k)];
        for (int i = 0, j = 0; i < classOf.length; i++) {
            if (classOf[i] == k) {
                kept[j++] = xs[i];
            }
        }
        return kept;
    }

    private static int count(double[] classOf, int k) {
        int count = 0;
        for (double c : classOf) {
            if (c == k) {
                count++;
            }
        }
        return count;
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        return ones;
    }
}
