package dev.gradfit.plots;

import dev.gradfit.model.FittedModel;

/**
 * The plots of a fitted model as SVG documents, {@code width} × {@code height} pixels. The same model,
 * labels and size always give the same bytes.
 */
public final class ModelPlots {

    private ModelPlots() {}

    /**
     * The training sample with the fitted line (or curve: a probability, a log link's mean) and a line per
     * snapshot; predicted against actual for several features.
     *
     * @throws PlotNotApplicableException if the model kept no training sample
     */
    public static String fit(FittedModel model, PlotLabels labels, int width, int height) {
        return SvgCharts.render(FitPlot.chart(model, labels), width, height);
    }

    /** The cost history against the epoch, with the validation cost and the exact minimum when there are. */
    public static String cost(FittedModel model, int width, int height) {
        return SvgCharts.render(CostPlot.chart(model), width, height);
    }

    /**
     * Residual against fitted value for every sampled point; for a log-link model the deviance residual against
     * the fitted mean.
     *
     * @throws PlotNotApplicableException if the model is a classifier or kept no training sample
     */
    public static String residuals(FittedModel model, PlotLabels labels, int width, int height) {
        return SvgCharts.render(ResidualsPlot.chart(model, labels), width, height);
    }
}
