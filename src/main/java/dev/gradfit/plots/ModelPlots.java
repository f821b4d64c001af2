package dev.gradfit.plots;

import dev.gradfit.model.FittedModel;

/**
 * The plots of a fitted model as SVG documents, {@code width} × {@code height} pixels. The same model,
 * labels and size always give the same bytes.
 */
public final class ModelPlots {

    private ModelPlots() {}

    /**
     * The training sample with the fitted line (or curve: a probability, a log link's mean or, with offsets, its
     * rate) and a line per snapshot; a softmax model's curve per class; a model fitted on rows through a design
     * of one numeric column and at most one categorical one, its curve per level over the numeric column;
     * predicted against actual for several features otherwise.
     *
     * @throws PlotNotApplicableException if the model kept no training sample, or is a softmax model of several
     *     features
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
     * the fitted mean; for a softmax model the deviance residual of every point in the order of the sample.
     *
     * @throws PlotNotApplicableException if the model is a logistic classifier or kept no training sample
     */
    public static String residuals(FittedModel model, PlotLabels labels, int width, int height) {
        return SvgCharts.render(ResidualsPlot.chart(model, labels), width, height);
    }
}
