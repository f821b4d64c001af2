package dev.gradfit.plots;

import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The residual of each sampled point against its fitted value, around a line at zero: actual − fitted, or for
 * a log-link model (Poisson, Gamma, Tweedie) the deviance residual against the fitted mean μ. The raw residual
 * y − μ of a log link grows with μ by the family's own variance (V(μ) = μ^p); the deviance residual takes the
 * variance out, so that a good fit shows an even band around zero at every μ. A fit with offsets has
 * μᵢ = e^(zᵢ + offsetᵢ), its exposure included. A softmax model's residuals are drawn by {@link
 * ClassResidualsPlot}; a logistic model's are not drawn.
 */
final class ResidualsPlot {

    private ResidualsPlot() {}

    static JFreeChart chart(FittedModel model, PlotLabels labels) {
        Loss loss = model.hyperparameters().loss();
        Link link = Link.of(loss);
        if (link == Link.LOGIT) {
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
        if (loss instanceof SoftmaxLoss softmax) {
            return ClassResidualsPlot.chart(model, softmax, sample, labels);
        }
        String y = labels.target();
        double[] actual = sample.y();
        FittedValues values = FittedValues.of(model, sample);
        double[] fitted = values.means();
        double[] residuals = new double[fitted.length];
        for (int i = 0; i < fitted.length; i++) {
            residuals[i] = loss instanceof LogLinkLoss logLink
                    ? devianceResidual(logLink, values.scores()[i], actual[i])
                    : actual[i] - fitted[i];
        }
        AxisScale xScale = AxisScale.of(fitted);
        AxisScale yScale = AxisScale.of(residuals);
        double[] ends = xScale.unapply(FitPlot.range(xScale.apply(fitted)));
        XYSeries zero = AxisScale.series("zero", ends, xScale, new double[2], yScale);

        boolean deviance = link == Link.LOG;
        String fittedLabel = deviance
                ? "fitted mean μ of " + y + (sample.hasOffsets() ? ", μ = exp(score + offset)" : "")
                : "fitted " + y;
        XYPlot plot = SvgCharts.plot(
                        SvgCharts.axis(xScale.label(fittedLabel)),
                        SvgCharts.axis(yScale.label(deviance ? "deviance residual" : "residual: actual − fitted " + y)))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(0, new XYSeriesCollection(zero));
        plot.setRenderer(0, new SeriesRenderer().line(0, "zero", SvgCharts.FINAL, 1.8f));
        plot.setDataset(
                1,
                new XYSeriesCollection(AxisScale.series(
                        (deviance ? "deviance residuals (" : "residuals (") + sample.rows() + " points)",
                        fitted,
                        xScale,
                        residuals,
                        yScale)));
        plot.setRenderer(1, new SeriesRenderer().points(0, SvgCharts.POINTS, 7));
        return SvgCharts.chart(
                deviance ? "Deviance residuals against fitted means" : "Residuals against fitted values",
                sample.rows() + " of " + sample.sourceRows() + " training points; "
                        + model.result().epochs() + " epochs",
                plot);
    }

    /**
     * The deviance residual {@code sign(y − μ)·√d(y, μ)} of a point with target {@code y} and score {@code z}
     * (offset included), {@code μ = e^z}, where the unit deviance {@code d} is twice the loss's half deviance
     * {@link LogLinkLoss#value}(z, y) (McCullagh and Nelder, <i>Generalized Linear Models</i>, 2nd ed., §2.4).
     * A half deviance a rounding error below 0 counts as 0; an infinite one (a Gamma target of 0, which a fit
     * refuses) gives an infinite residual, which is not drawn.
     */
    static double devianceResidual(LogLinkLoss loss, double score, double target) {
        double unitDeviance = 2 * Math.max(0.0, loss.value(score, target));
        return Math.signum(target - Link.LOG.mean(score)) * Math.sqrt(unitDeviance);
    }
}
