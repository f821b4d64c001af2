package dev.gradfit.plots;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Snapshot;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training sample and what the model makes of it. With one feature: the points and the fitted line (a
 * logistic model: the 0/1 points and the fitted probability curve; a log-link model, Poisson, Gamma or
 * Tweedie: the points and the fitted mean curve μ = e^(b0 + b1·x); fitted with offsets, the rates y/e^offset
 * and the fitted rate e^(b0 + b1·x) per unit of e^offset), with a line for every snapshot the fit
 * kept, like the tutorial's lines after 10, 20, 30, 100 and 1000 epochs; of many snapshots a few are labelled
 * and the others drawn faint ({@link SnapshotLines}). A model fitted on rows through a design of one numeric
 * column and at most one categorical one is drawn by {@link DesignFitPlot}; with several features otherwise,
 * predicted against actual ({@link AgainstActualPlot}). A softmax model is drawn by {@link ClassProbabilityPlot}.
 */
final class FitPlot {

    /** Points on a curve (a probability σ(z) or a mean e^z): enough for it to look smooth at any width. */
    static final int CURVE_POINTS = 161;

    /**
     * A faint curve takes every fourth of those points, 41 on the same curve: a hundred faint curves of 161
     * points made a document of almost 400 kB, and a thin see-through line needs less.
     */
    private static final int FAINT_STRIDE = 4;

    private static final Color EARLY = new Color(0x9e, 0xca, 0xe1);
    private static final Color LATE = new Color(0x08, 0x30, 0x6b);

    /** The opacity of an unlabelled snapshot line: visible as a trace, quieter than a labelled line. */
    private static final int FAINT_ALPHA = 0x70;

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
        if (model.result().weights().outputs() > 1) {
            return ClassProbabilityPlot.chart(model, sample, labels);
        }
        Link link = Link.of(model.hyperparameters().loss());
        String noCurves = null;
        if (model.design() != null && !plainColumn(model)) {
            try {
                return DesignFitPlot.chart(model, sample, labels, link);
            } catch (RawColumns.NotDrawable notDrawable) {
                noCurves = notDrawable.getMessage();
            }
        }
        if (model.features() == 1) {
            return oneFeature(model, sample, labels, link);
        }
        return AgainstActualPlot.chart(model, sample, labels, link, noCurves);
    }

    /**
     * Whether a design model's only feature is a numeric column as it is: its sample holds the raw values, and
     * the plot of one feature draws it, snapshots and all.
     */
    private static boolean plainColumn(FittedModel model) {
        List<String> names = model.design().design().columnNames();
        return names.size() == 1 && model.design().design().inputs().equals(names);
    }

    private static JFreeChart oneFeature(FittedModel model, TrainingSample sample, PlotLabels labels, Link link) {
        FitResult result = model.result();
        String x = labels.feature(0);
        String y = labels.target();
        double[] xs = sample.x();
        AxisScale xScale = AxisScale.of(xs);
        // The grid is laid out where it is drawn, so that a single x or one near 1e308 still has a width.
        double[] range = range(xScale.apply(xs));
        double[] grid = xScale.unapply(grid(range[0], range[1], link == Link.IDENTITY ? 2 : CURVE_POINTS));

        List<Snapshot> snapshots = result.snapshots().stream()
                .filter(snapshot -> snapshot.epoch() != result.epochs())
                .toList();
        double[][] curves = new double[snapshots.size() + 1][];
        for (int k = 0; k < snapshots.size(); k++) {
            curves[k] = means(grid, snapshots.get(k).weights(), link);
        }
        curves[snapshots.size()] = means(grid, result.weights(), link);
        // Fitted with offsets, the curves (at offset 0) are rates per unit of e^offset, and so are the points.
        boolean rates = link == Link.LOG && sample.hasOffsets();
        double[] points = rates ? rates(sample.y(), sample.offsets()) : sample.y();
        double[][] ys = Arrays.copyOf(curves, curves.length + 1);
        ys[curves.length] = points;
        AxisScale yScale = AxisScale.of(ys);

        // Labelled lines in the legend's group, the faint ones in a group drawn first, beneath the points.
        boolean[] labelled = SnapshotLines.labelled(snapshots.size());
        XYSeriesCollection lines = new XYSeriesCollection();
        SeriesRenderer lineRenderer = new SeriesRenderer();
        XYSeriesCollection faintLines = new XYSeriesCollection();
        SeriesRenderer faintRenderer = new SeriesRenderer();
        faintRenderer.setDefaultSeriesVisibleInLegend(false);
        for (int k = 0; k < snapshots.size(); k++) {
            Snapshot snapshot = snapshots.get(k);
            String name = "epoch " + snapshot.epoch();
            Color shade = shade(k, snapshots.size());
            if (labelled[k]) {
                lines.addSeries(AxisScale.series(name, grid, xScale, curves[k], yScale));
                lineRenderer.line(lines.getSeriesCount() - 1, "epoch-" + snapshot.epoch(), shade, 1.8f);
            } else {
                int stride = link == Link.IDENTITY ? 1 : FAINT_STRIDE;
                faintLines.addSeries(
                        AxisScale.series(name, every(grid, stride), xScale, every(curves[k], stride), yScale));
                faintRenderer.line(faintLines.getSeriesCount() - 1, "epoch-" + snapshot.epoch(), faint(shade), 1f);
            }
        }
        lines.addSeries(
                AxisScale.series("final, epoch " + result.epochs(), grid, xScale, curves[snapshots.size()], yScale));
        lineRenderer.line(lines.getSeriesCount() - 1, "final", SvgCharts.FINAL, 2.8f);

        String yLabel = switch (link) {
            case IDENTITY -> y;
            case LOGIT -> y + " / P(" + y + " = 1)";
            case LOG -> rates ? y + " per unit of exp(offset)" : y + " / mean μ";
        };
        GroupedPlot plot = SvgCharts.plot(SvgCharts.axis(xScale.label(x)), SvgCharts.axis(yScale.label(yLabel)))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, lines);
        plot.setRenderer(0, lineRenderer);
        String pointsLabel = rates ? pointsLabel(sample) + ", y/exp(offset)" : pointsLabel(sample);
        plot.setDataset(1, points(pointsLabel, xs, xScale, points, yScale));
        plot.setRenderer(1, new SeriesRenderer().points(0, SvgCharts.POINTS, 7));
        if (faintLines.getSeriesCount() > 0) {
            plot.group(2, "faint-lines");
            plot.setDataset(2, faintLines);
            plot.setRenderer(2, faintRenderer);
        }
        // Later lines over earlier ones, the final line over all.
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        String title = switch (link) {
            case IDENTITY -> "Fitted line: " + y + " = " + formula(result.weights(), x);
            case LOGIT -> "Fitted probability: P(" + y + " = 1) = σ(" + formula(result.weights(), x) + ")";
            case LOG ->
                rates
                        ? "Fitted rate: μ/exp(offset) = exp(" + formula(result.weights(), x) + ")"
                        : "Fitted mean: μ = exp(" + formula(result.weights(), x) + ")";
        };
        return SvgCharts.chart(title, fitSubtitle(result, snapshots.size(), lines.getSeriesCount() - 1), plot);
    }

    /** Each target per unit of its exposure: {@code y/e^offset}. */
    private static double[] rates(double[] y, double[] offsets) {
        double[] rates = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            rates[i] = y[i] / Math.exp(offsets[i]);
        }
        return rates;
    }

    /** The curve of these weights over the grid on the target's scale, at offset 0. */
    private static double[] means(double[] grid, Weights weights, Link link) {
        return link.means(weights.predictRows(grid));
    }

    static XYSeriesCollection points(String name, double[] x, AxisScale xScale, double[] y, AxisScale yScale) {
        return new XYSeriesCollection(AxisScale.series(name, x, xScale, y, yScale));
    }

    static String pointsLabel(TrainingSample sample) {
        return sample.rows() == sample.sourceRows()
                ? "data (" + sample.rows() + " points)"
                : "data (" + sample.rows() + " of " + sample.sourceRows() + " points)";
    }

    static String fitSubtitle(FitResult result, int snapshots, int labelled) {
        String text = "after " + result.epochs() + " epochs (stop reason " + result.stopReason() + ")";
        if (snapshots == 0) {
            return text;
        }
        text += ", with the lines after " + snapshots + " earlier epochs";
        return labelled == snapshots ? text : text + " (" + labelled + " labelled)";
    }

    /** {@code b0 + b1·x}, with the sign of b1 written as an operator. */
    private static String formula(Weights weights, String feature) {
        return formula(weights, List.of(feature));
    }

    /** {@code b0 + b1·x1 − b2·x2…} of a single-output model, the signs written as operators. */
    static String formula(Weights weights, List<String> features) {
        StringBuilder text = new StringBuilder(SvgCharts.number(weights.intercept()));
        for (int j = 0; j < features.size(); j++) {
            double coefficient = weights.coefficient(j);
            text.append(coefficient < 0 ? " − " : " + ")
                    .append(SvgCharts.number(Math.abs(coefficient)))
                    .append('·')
                    .append(features.get(j));
        }
        return text.toString();
    }

    /** Snapshot {@code k} of {@code count}: from light (early) to dark (late) blue. */
    private static Color shade(int k, int count) {
        double t = count == 1 ? 0.5 : (double) k / (count - 1);
        return new Color(
                (int) Math.round(EARLY.getRed() + t * (LATE.getRed() - EARLY.getRed())),
                (int) Math.round(EARLY.getGreen() + t * (LATE.getGreen() - EARLY.getGreen())),
                (int) Math.round(EARLY.getBlue() + t * (LATE.getBlue() - EARLY.getBlue())));
    }

    /** A snapshot's shade, see-through: a line of the descent that the legend does not name. */
    private static Color faint(Color shade) {
        return new Color(shade.getRed(), shade.getGreen(), shade.getBlue(), FAINT_ALPHA);
    }

    /** The least and greatest finite value, widened to a unit interval around a single value. */
    static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        if (min == max) {
            return new double[] {min - 0.5, max + 0.5};
        }
        return new double[] {min, max};
    }

    static double[] grid(double from, double to, int points) {
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = i == points - 1 ? to : from + (to - from) * i / (points - 1);
        }
        return grid;
    }

    /** Every {@code stride}-th value from the first; the last too when {@code stride} divides the length − 1. */
    private static double[] every(double[] values, int stride) {
        double[] kept = new double[(values.length - 1) / stride + 1];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = values[i * stride];
        }
        return kept;
    }
}
