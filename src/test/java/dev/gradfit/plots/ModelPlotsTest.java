package dev.gradfit.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plots hold what they claim: lines, legend, points, labelled axes, title; the same bytes every time. */
class ModelPlotsTest {

    private static final PlotLabels XY = PlotLabels.defaults(1);

    @Test
    void theTutorialsFitPlotHasALinePerSnapshotAndTheFinalLine() {
        Svg svg = Svg.parse(ModelPlots.fit(Models.tutorial(), XY, 800, 500));

        // Epoch 1000 is the final epoch: its line is the final one, not a snapshot line of its own.
        assertThat(svg.lines()).containsExactlyInAnyOrder("epoch-10", "epoch-20", "epoch-30", "epoch-100", "final");
        for (String line : svg.lines()) {
            assertThat(svg.count("line-" + line, "path")).as(line).isEqualTo(1);
        }
        assertThat(svg.texts())
                .contains("epoch 10", "epoch 20", "epoch 30", "epoch 100", "final, epoch 1000", "data (21 points)");
        assertThat(svg.count("points", "path")).isEqualTo(Models.TUTORIAL_X.length);
        assertThat(svg.texts()).contains("x", "y");
        assertThat(svg.texts()).anyMatch(text -> text.startsWith("Fitted line: y = "));
        assertThat(svg.size()).isEqualTo("800x500");
    }

    @Test
    void theTitleStatesTheFittedLine() {
        // Exact data y = 2x + 4 and a rate that converges: the fitted line is y = 4 + 2·x to 4 digits.
        FittedModel model = Models.fit(
                Dataset.of(new double[] {1, 2, 3, 4, 5}, new double[] {6, 8, 10, 12, 14}),
                Hyperparameters.builder().learningRate(0.05).epochs(5000).build(),
                2000);

        assertThat(Svg.parse(ModelPlots.fit(model, XY, 800, 500)).texts()).contains("Fitted line: y = 4 + 2·x");
    }

    @Test
    void theSameModelGivesTheSameBytes() {
        String first = ModelPlots.fit(Models.tutorial(), XY, 640, 480);
        String second = ModelPlots.fit(Models.tutorial(), XY, 640, 480);

        assertThat(second).isEqualTo(first);
        assertThat(ModelPlots.cost(Models.tutorial(), 640, 480))
                .isEqualTo(ModelPlots.cost(Models.tutorial(), 640, 480));
        assertThat(ModelPlots.residuals(Models.tutorial(), XY, 640, 480))
                .isEqualTo(ModelPlots.residuals(Models.tutorial(), XY, 640, 480));
    }

    @Test
    void axesCarryTheLabelsGiven() {
        Svg svg = Svg.parse(ModelPlots.fit(Models.tutorial(), new PlotLabels(List.of("size"), "price"), 800, 500));

        assertThat(svg.texts()).contains("size", "price").doesNotContain("x", "y");
        assertThat(svg.texts()).anyMatch(text -> text.startsWith("Fitted line: price = ") && text.endsWith("·size"));
    }

    @Test
    void aLargeFitDrawsItsBoundedSample() {
        int n = 5000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i / 500.0;
            y[i] = 2 * x[i] + 4 + Math.sin(i);
        }
        FittedModel model = Models.fit(
                Dataset.of(x, y), Hyperparameters.builder().epochs(10).build(), 2000);

        Svg svg = Svg.parse(ModelPlots.fit(model, XY, 800, 500));

        assertThat(svg.count("points", "path")).isEqualTo(2000);
        assertThat(svg.texts()).contains("data (2000 of 5000 points)");
    }

    @Test
    void aLogisticModelShowsTheZeroOnePointsAndTheProbabilityCurve() {
        FittedModel model = logistic();

        Svg svg = Svg.parse(ModelPlots.fit(model, XY, 800, 500));

        assertThat(svg.lines()).contains("final");
        assertThat(svg.count("points", "path")).isEqualTo(8);
        assertThat(svg.texts()).anyMatch(text -> text.startsWith("Fitted probability: P(y = 1) = σ("));
        assertThat(svg.texts()).contains("y / P(y = 1)");
    }

    @Test
    void severalFeaturesArePredictedAgainstActualWithTheIdentityLine() {
        double[] x = {0, 1, 1, 0, 1, 1, 2, 1, 1, 2, 3, 2};
        double[] y = {4.1, 2.9, 5.0, 7.1, 6.0, 10.9};
        FittedModel model = Models.fit(
                new Dataset(x, 2, y),
                Hyperparameters.builder().learningRate(0.05).build(),
                2000);

        Svg svg = Svg.parse(ModelPlots.fit(model, PlotLabels.defaults(2), 800, 500));

        assertThat(svg.lines()).containsExactly("identity");
        assertThat(svg.count("points", "path")).isEqualTo(6);
        assertThat(svg.texts()).contains("Predicted against actual y", "actual y", "predicted y", "predicted = actual");
    }

    @Test
    void aModelWithoutASampleHasNoFitOrResidualsPlotButACostPlot() {
        FittedModel model = Models.fit(
                Dataset.of(Models.TUTORIAL_X.clone(), Models.TUTORIAL_Y.clone()), Hyperparameters.defaults(), 0);

        assertThatThrownBy(() -> ModelPlots.fit(model, XY, 800, 500))
                .isInstanceOf(PlotNotApplicableException.class)
                .hasMessageContaining("keeps no sample")
                .hasMessageContaining("gradfit.plots.sample-points");
        assertThatThrownBy(() -> ModelPlots.residuals(model, XY, 800, 500))
                .isInstanceOf(PlotNotApplicableException.class);
        assertThat(Svg.parse(ModelPlots.cost(model, 800, 500)).lines()).contains("cost");
    }

    @Test
    void aClassifierHasNoResidualsPlot() {
        assertThatThrownBy(() -> ModelPlots.residuals(logistic(), XY, 800, 500))
                .isInstanceOf(PlotNotApplicableException.class)
                .hasMessageContaining("classifier");
    }

    @Test
    void theResidualsPlotHasAPointPerSampledPointAndAZeroLine() {
        Svg svg = Svg.parse(ModelPlots.residuals(Models.tutorial(), XY, 800, 500));

        assertThat(svg.lines()).containsExactly("zero");
        assertThat(svg.count("points", "path")).isEqualTo(21);
        assertThat(svg.texts()).contains("Residuals against fitted values", "fitted y", "residual: actual − fitted y");
    }

    @Test
    void aCostSpanningMoreThanTwoDecadesIsOnALogAxis() {
        // The tutorial's cost falls from about 250 to about 2: over two decades.
        Svg svg = Svg.parse(ModelPlots.cost(Models.tutorial(), 800, 500));

        assertThat(svg.texts()).contains("Cost by epoch", "epoch", "cost J (log scale)", "cost", "exact minimum");
        // Ticks at powers of ten, written as the cost they stand for; the exact minimum (about 0.72) widens the
        // axis down to below 1.
        assertThat(svg.texts()).contains("1", "10", "100");
        assertThat(svg.lines()).contains("cost");
    }

    @Test
    void aCostSpanningLessThanTwoDecadesIsOnALinearAxis() {
        FittedModel model =
                withResult(new FitResult(new Weights(0, new double[] {1}), 1, new double[] {90, 10, 1}, 1, 2));

        assertThat(Svg.parse(ModelPlots.cost(model, 800, 500)).texts())
                .contains("cost J")
                .doesNotContain("cost J (log scale)");
    }

    @Test
    void costEntriesSitAtTheirEpochsTheLastAtTheFinalOne() {
        // Stride 10 over 25 epochs: entries after 0, 10 and 20 epochs, and the final cost after 25.
        FitResult result = new FitResult(new Weights(0, new double[] {1}), 1, new double[] {4, 3, 2, 1}, 10, 25);

        var series = CostPlot.series("cost", result.costHistory(), result, false, AxisScale.NONE);

        assertThat(series.getItems())
                .extracting(item -> ((org.jfree.data.xy.XYDataItem) item).getXValue())
                .containsExactly(0.0, 10.0, 20.0, 25.0);
    }

    @Test
    void theValidationCostIsDrawnBesideTheCost() {
        FitResult result = new FitResult(
                new Weights(0, new double[] {1}),
                1,
                new double[] {4, 3, 2},
                1,
                2,
                dev.gradfit.fitting.stopping.StopReason.EPOCHS,
                new double[0],
                new double[] {5, 4, 3.5},
                List.of());

        Svg svg = Svg.parse(ModelPlots.cost(withResult(result), 800, 500));

        assertThat(svg.lines()).containsExactlyInAnyOrder("cost", "validation-cost");
        assertThat(svg.texts()).contains("validation cost");
    }

    private static FittedModel logistic() {
        return Models.fit(
                Dataset.of(
                        new double[] {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0}, new double[] {0, 0, 0, 1, 0, 1, 1, 1}),
                Hyperparameters.builder()
                        .loss(LogisticLoss.INSTANCE)
                        .learningRate(0.5)
                        .epochs(3000)
                        .build(),
                2000);
    }

    private static FittedModel withResult(FitResult result) {
        return new FittedModel(UUID.randomUUID(), Instant.EPOCH, Hyperparameters.defaults(), result);
    }
}
