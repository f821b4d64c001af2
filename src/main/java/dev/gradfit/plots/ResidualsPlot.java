package dev.gradfit.plots;

import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The residual (actual − fitted) of each sampled point against its fitted value, around a line at zero. */
final class ResidualsPlot {

    private ResidualsPlot() {}

    static JFreeChart chart(FittedModel model, PlotLabels labels) {
        if (model.predictor().probabilities()) {
            throw new PlotNotApplicableException(
                    "residuals",
                    "Model " + model.id() + " is a classifier (logistic loss): it predicts probabilities of 0/1"
                            + " labels, whose residuals say little; its fit plot shows the probability curve instead.");
        }
        TrainingSample sample = model.sample();
        if (sample == null) {
            throw new PlotNotApplicableException(
                    "residuals",
                    "Model " + model.id() + " keeps no sample of its training points (gradfit.plots.sample-points"
                            + " was 0 when it was fitted, or an older gradfit fitted it), so its residuals cannot be"
                            + " drawn; fit it again to draw them.");
        }
        String y = labels.target();
        double[] actual = sample.y();
        double[] fitted = model.predictor().predict(sample.x());
        double[] residuals = new double[fitted.length];
        for (int i = 0; i < fitted.length; i++) {
            residuals[i] = actual[i] - fitted[i];
        }
        AxisScale xScale = AxisScale.of(fitted);
        AxisScale yScale = AxisScale.of(residuals);
        double[] ends = xScale.unapply(FitPlot.range(xScale.apply(fitted)));
        XYSeries zero = AxisScale.series("zero", ends, xScale, new double[2], yScale);

        XYPlot plot = SvgCharts.plot(
                        SvgCharts.axis(xScale.label("fitted " + y)),
                        SvgCharts.axis(yScale.label("residual: actual − fitted " + y)))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, new XYSeriesCollection(zero));
        plot.setRenderer(0, new SeriesRenderer().line(0, "zero", SvgCharts.FINAL, 1.8f));
        plot.setDataset(
                1,
                new XYSeriesCollection(AxisScale.series(
                        "residuals (" + sample.rows() + " points)", fitted, xScale, residuals, yScale)));
        plot.setRenderer(1, new SeriesRenderer().points(0, SvgCharts.POINTS, 7));
        return SvgCharts.chart(
                "Residuals against fitted values",
                sample.rows() + " of " + sample.sourceRows() + " training points; "
                        + model.result().epochs() + " epochs",
                plot);
    }
}
