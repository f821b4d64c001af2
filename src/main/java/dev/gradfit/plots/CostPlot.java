package dev.gradfit.plots;

import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.model.FittedModel;
import java.awt.BasicStroke;
import java.awt.geom.Line2D;
import java.util.Arrays;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The cost against the epoch, as the fit recorded it: entry {@code k} of the history is at epoch {@code
 * k·stride}, the last at the final epoch. With early stopping, the validation cost beside it; with an exact
 * reference solution, its cost as a horizontal line. The cost axis is logarithmic when the costs span more
 * than two decades.
 */
final class CostPlot {

    /** Costs spanning more than this ratio (two decades) get a logarithmic axis. */
    static final double LOG_SPAN = 100;

    private CostPlot() {}

    static JFreeChart chart(FittedModel model) {
        FitResult result = model.result();
        double[] costs = result.costHistory();
        double[] validationCosts = result.validationCostHistory();
        double min = Math.min(min(costs), min(validationCosts));
        double max = Math.max(max(costs), max(validationCosts));
        boolean log = min > 0 && max / min > LOG_SPAN;

        ExactSolution reference = reference(model.diagnostics());
        double referenceCost = reference == null ? Double.NaN : reference.cost();
        // A reference far below the curve (an exact fit's, near 0) would squash a log axis: it is then only named
        // in the subtitle, and drawn when it lies within three decades of the lowest cost.
        boolean drawReference = Double.isFinite(referenceCost) && (!log || referenceCost > min / 1000);
        // A log axis holds exponents, which need no unit; a linear one may hold costs up to 1e308.
        AxisScale scale = log
                ? AxisScale.NONE
                : AxisScale.of(costs, validationCosts, drawReference ? new double[] {referenceCost} : new double[0]);

        XYSeriesCollection data = new XYSeriesCollection(series("cost", costs, result, log, scale));
        if (validationCosts.length > 0) {
            data.addSeries(series("validation cost", validationCosts, result, log, scale));
        }
        NumberAxis epochAxis = SvgCharts.axis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        XYPlot plot =
                SvgCharts.plot(epochAxis, log ? logAxis() : linearAxis(scale)).group(0, "lines");
        plot.setDataset(data);
        SeriesRenderer renderer = new SeriesRenderer().line(0, "cost", SvgCharts.FINAL, 2.2f);
        if (validationCosts.length > 0) {
            renderer.line(1, "validation-cost", SvgCharts.VALIDATION, 2.2f);
        }
        plot.setRenderer(renderer);
        if (drawReference) {
            addReference(plot, log ? Math.log10(referenceCost) : scale.apply(referenceCost));
        }
        return SvgCharts.chart("Cost by epoch", subtitle(result, referenceCost), plot);
    }

    /**
     * Entry {@code k} at epoch {@code k·stride}, the last at the final epoch (which may be closer than a stride
     * to the one before); on a log axis the decimal logarithm of each cost, on a linear one the cost in the
     * axis' unit.
     */
    static XYSeries series(String name, double[] history, FitResult result, boolean log, AxisScale scale) {
        XYSeries series = new XYSeries(name, false, true);
        int last = history.length - 1;
        for (int k = 0; k < history.length; k++) {
            long epoch = k == last ? result.epochs() : (long) k * result.costHistoryStride();
            double value = log ? Math.log10(history[k]) : scale.apply(history[k]);
            if (Double.isFinite(value)) {
                series.add(epoch, value, false);
            }
        }
        return series;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).min().orElse(Double.POSITIVE_INFINITY);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static ExactSolution reference(FitDiagnostics diagnostics) {
        return diagnostics == null
                        || diagnostics.reference() == null
                        || !diagnostics.reference().available()
                ? null
                : diagnostics.reference();
    }

    private static NumberAxis linearAxis(AxisScale scale) {
        NumberAxis axis = SvgCharts.axis(scale.label("cost J"));
        axis.setAutoRangeIncludesZero(true);
        return axis;
    }

    /** An axis of decimal logarithms of the cost, with a tick at powers of ten labelled with the cost itself. */
    private static NumberAxis logAxis() {
        NumberAxis axis = SvgCharts.axis("cost J (log scale)");
        TickUnits powers = new TickUnits();
        for (int decades : new int[] {1, 2, 3, 5, 10, 20, 50, 100}) {
            powers.add(new NumberTickUnit(decades, SvgCharts.powersOfTen()));
        }
        axis.setStandardTickUnits(powers);
        return axis;
    }

    private static void addReference(XYPlot plot, double referenceCost) {
        ValueMarker marker = new ValueMarker(referenceCost);
        marker.setPaint(SvgCharts.REFERENCE);
        marker.setStroke(dashed());
        plot.addRangeMarker(marker);
        // A marker does not widen the axis by itself: widen it so that the line is drawn, with a margin.
        plot.configureRangeAxes();
        Range range = plot.getRangeAxis().getRange();
        if (!range.contains(referenceCost)) {
            plot.getRangeAxis().setRange(Range.expand(Range.expandToInclude(range, referenceCost), 0.05, 0.0));
        }
        LegendItemCollection items = plot.getLegendItems();
        LegendItem item = new LegendItem(
                "exact minimum", null, null, null, new Line2D.Double(-7, 0, 7, 0), dashed(), SvgCharts.REFERENCE);
        item.setLabelFont(SvgCharts.LEGEND_FONT);
        items.add(item);
        plot.setFixedLegendItems(items);
    }

    private static BasicStroke dashed() {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f);
    }

    private static String subtitle(FitResult result, double referenceCost) {
        String text = "final cost " + SvgCharts.number(result.cost()) + " after " + result.epochs() + " epochs";
        if (Double.isFinite(referenceCost)) {
            text += "; exact minimum " + SvgCharts.number(referenceCost);
        }
        return result.costHistoryStride() == 1
                ? text
                : text + "; recorded every " + result.costHistoryStride() + " epochs";
    }
}
