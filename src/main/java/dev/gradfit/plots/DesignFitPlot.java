package dev.gradfit.plots;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The fit of a model fitted on a table through a design of one numeric column and at most one categorical one
 * ({@link RawColumns}): the model's prediction over the range of the numeric column, one curve per level in the
 * colour of that level with a legend by level name, or a single curve without a categorical column; a squared
 * loss's value, a logistic model's probability of its second class, a log link's mean (fitted with offsets, the
 * rate per unit of e^offset, at offset 0, with the points' rates y/e^offset). Interactions and powers come out
 * as the design computes them: {@code y ~ x + I(x**2)} is a parabola, {@code y ~ x * C(g)} a line of its own
 * slope per level. The training points in the colour of their level. The final curves only.
 */
final class DesignFitPlot {

    /** A formula of more coefficients than this is left out of the subtitle: it would not fit on a line or two. */
    private static final int MAX_FORMULA_TERMS = 8;

    private DesignFitPlot() {}

    /**
     * @throws RawColumns.NotDrawable if the design is not of that shape, or its points cannot be recovered
     */
    static JFreeChart chart(FittedModel model, TrainingSample sample, PlotLabels labels, Link link) {
        RawColumns raw = RawColumns.of(model.design().design());
        RawColumns.Points points = raw.points(sample);
        Weights weights = model.result().weights();
        String y = labels.target();

        AxisScale xScale = AxisScale.of(points.x());
        double[] range = FitPlot.range(xScale.apply(points.x()));
        double[] grid = xScale.unapply(FitPlot.grid(range[0], range[1], FitPlot.CURVE_POINTS));
        int levels = raw.levels().size();
        double[][] curves = new double[levels][];
        for (int k = 0; k < levels; k++) {
            curves[k] = link.means(raw.scores(weights, grid, k));
        }
        boolean rates = link == Link.LOG && sample.hasOffsets();
        double[] pointY = points.pick(sample.y());
        if (rates) {
            double[] offsets = points.pick(sample.offsets());
            for (int i = 0; i < pointY.length; i++) {
                pointY[i] /= Math.exp(offsets[i]);
            }
        }
        double[][] ys = Arrays.copyOf(curves, levels + 1);
        ys[levels] = pointY;
        AxisScale yScale = AxisScale.of(ys);

        XYSeriesCollection lines = new XYSeriesCollection();
        SeriesRenderer lineRenderer = new SeriesRenderer();
        XYSeriesCollection dots = new XYSeriesCollection();
        SeriesRenderer dotRenderer = new SeriesRenderer();
        boolean byLevel = raw.categorical() != null;
        dotRenderer.setDefaultSeriesVisibleInLegend(!byLevel);
        for (int k = 0; k < levels; k++) {
            String name = byLevel
                    ? raw.levels().get(k)
                    : "final, epoch " + model.result().epochs();
            lines.addSeries(AxisScale.series(name, grid, xScale, curves[k], yScale));
            lineRenderer.line(
                    k, byLevel ? "level-" + k : "final", byLevel ? SvgCharts.classColor(k) : SvgCharts.FINAL, 2.8f);
            int[] mine = ofLevel(points.level(), k);
            dots.addSeries(AxisScale.series(
                    byLevel ? name + " points" : FitPlot.pointsLabel(sample),
                    pick(points.x(), mine),
                    xScale,
                    pick(pointY, mine),
                    yScale));
            dotRenderer.points(k, byLevel ? SvgCharts.classPoints(k) : SvgCharts.POINTS, 7);
        }

        String positive = ClassProbabilityPlot.className(model.classes(), 1);
        String yLabel = switch (link) {
            case IDENTITY -> y;
            case LOGIT -> y + " / P(" + y + " = " + positive + ")";
            case LOG -> rates ? y + " per unit of exp(offset)" : y + " / mean μ";
        };
        GroupedPlot plot = SvgCharts.plot(
                        SvgCharts.axis(xScale.label(raw.numeric())), SvgCharts.axis(yScale.label(yLabel)))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, lines);
        plot.setRenderer(0, lineRenderer);
        plot.setDataset(1, dots);
        plot.setRenderer(1, dotRenderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        String what = switch (link) {
            case IDENTITY -> y;
            case LOGIT -> "P(" + y + " = " + positive + ")";
            case LOG -> rates ? "rate μ/exp(offset) of " + y : "mean μ of " + y;
        };
        String title = "Fitted " + what + " over " + raw.numeric()
                + (byLevel ? ", a curve per level of " + raw.categorical() : "");
        return SvgCharts.chart(title, subtitle(model, sample, points, link, what), plot);
    }

    private static String subtitle(
            FittedModel model, TrainingSample sample, RawColumns.Points points, Link link, String what) {
        FitResult result = model.result();
        String text = FitPlot.fitSubtitle(result, 0, 0) + "; ";
        text += points.size() == sample.rows()
                ? FitPlot.pointsLabel(sample)
                : points.size() + " of the " + sample.rows() + " sampled points (the others' raw cells are not known"
                        + " from their design rows)";
        if (link == Link.LOG && sample.hasOffsets()) {
            text += " as y/exp(offset)";
        }
        List<String> names = model.design().design().columnNames();
        if (names.size() <= MAX_FORMULA_TERMS) {
            String score = FitPlot.formula(result.weights(), names);
            text += "; " + what + " = " + (link == Link.IDENTITY ? score : link == Link.LOGIT ? "σ(" : "exp(")
                    + (link == Link.IDENTITY ? "" : score + ")");
        }
        long snapshots = result.snapshots().stream()
                .filter(snapshot -> snapshot.epoch() != result.epochs())
                .count();
        return snapshots == 0 ? text : text + "; the final curves only, not those of " + snapshots + " snapshots";
    }

    /** The indices of the points of level {@code k}. */
    private static int[] ofLevel(int[] level, int k) {
        return IntStream.range(0, level.length).filter(i -> level[i] == k).toArray();
    }

    private static double[] pick(double[] values, int[] indices) {
        double[] picked = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = values[indices[i]];
        }
        return picked;
    }
}
