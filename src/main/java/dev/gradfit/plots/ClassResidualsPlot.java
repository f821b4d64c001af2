package dev.gradfit.plots;

import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The deviance residuals of a softmax model, one per sampled point in the order of the sample, coloured by the
 * point's class. The deviance residual of a point of class {@code y} is {@code r = √(−2·log p_y)}, {@code p_y}
 * the fitted probability of its own class: the point's share of the deviance {@code −2·log L = Σ rᵢ²}
 * (McCullagh and Nelder, <i>Generalized Linear Models</i>, 2nd ed., §4.4.3). It is never negative, and it is a
 * function of {@code p_y} alone, so drawn against {@code p_y} every point would lie on one curve; drawn against
 * the point's place in the sample, the badly fitted points stand out, and their colour says of which class they
 * are. A line marks {@code p_y = 1/2} ({@code r = √(2·log 2)}): a point below it is predicted as its own class.
 */
final class ClassResidualsPlot {

    /** The residual of a point whose own class has probability 1/2. */
    static final double HALF = Math.sqrt(2 * Math.log(2));

    private ClassResidualsPlot() {}

    static JFreeChart chart(FittedModel model, SoftmaxLoss loss, TrainingSample sample, PlotLabels labels) {
        int classes = loss.classes();
        double[] classOf = sample.y();
        double[] residuals = devianceResiduals(model, loss, sample);
        AxisScale yScale = AxisScale.of(residuals, new double[] {HALF});
        double[] ends = {1, Math.max(2, sample.rows())};

        XYSeriesCollection points = new XYSeriesCollection();
        SeriesRenderer renderer = new SeriesRenderer();
        for (int k = 0; k < classes; k++) {
            int count = 0;
            for (double c : classOf) {
                count += c == k ? 1 : 0;
            }
            double[] index = new double[count];
            double[] residual = new double[count];
            for (int i = 0, j = 0; i < classOf.length; i++) {
                if (classOf[i] == k) {
                    index[j] = i + 1;
                    residual[j++] = residuals[i];
                }
            }
            points.addSeries(AxisScale.series(
                    ClassProbabilityPlot.className(model.classes(), k) + " (" + count + " points)",
                    index,
                    AxisScale.NONE,
                    residual,
                    yScale));
            renderer.points(k, SvgCharts.classPoints(k), 7);
        }
        GroupedPlot plot = SvgCharts.plot(
                        SvgCharts.axis("training point, in the order of the sample"),
                        SvgCharts.axis(yScale.label("deviance residual √(−2·log p(own class))")))
                .group(0, "lines")
                .group(1, "points");
        plot.setDataset(
                0,
                new XYSeriesCollection(AxisScale.series(
                        "p(own class) = 1/2", ends, AxisScale.NONE, new double[] {HALF, HALF}, yScale)));
        plot.setRenderer(0, new SeriesRenderer().line(0, "half", SvgCharts.FINAL, 1.8f));
        plot.setDataset(1, points);
        plot.setRenderer(1, renderer);
        return SvgCharts.chart(
                "Deviance residuals of the " + labels.target() + " classes",
                sample.rows() + " of " + sample.sourceRows() + " training points; "
                        + model.result().epochs() + " epochs; deviance Σ r² = "
                        + SvgCharts.number(sumOfSquares(residuals)),
                plot);
    }

    /**
     * {@code √(2·ℓᵢ)} of every sampled point, {@code ℓᵢ = −log p_{yᵢ}} its cross-entropy, which {@link
     * SoftmaxLoss#value} computes as a log-sum-exp of the scores: no logarithm of a rounded probability.
     */
    static double[] devianceResiduals(FittedModel model, SoftmaxLoss loss, TrainingSample sample) {
        int classes = loss.classes();
        double[] scores = model.result().weights().scoreRows(sample.x());
        double[] classOf = sample.y();
        double[] residuals = new double[classOf.length];
        for (int i = 0; i < residuals.length; i++) {
            // A target that is no class index (only a corrupt model has one) has no residual, and is not drawn.
            residuals[i] = loss.acceptsTarget(classOf[i])
                    ? Math.sqrt(2 * Math.max(0.0, loss.value(scores, i * classes, classOf[i])))
                    : Double.NaN;
        }
        return residuals;
    }

    private static double sumOfSquares(double[] values) {
        double sum = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                sum += value * value;
            }
        }
        return sum;
    }
}
