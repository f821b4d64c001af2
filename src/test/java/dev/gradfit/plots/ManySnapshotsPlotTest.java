package dev.gradfit.plots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A fit with a hundred snapshots keeps a legend of a few lines and a chart of its normal size. */
class ManySnapshotsPlotTest {

    private static final PlotLabels XY = PlotLabels.defaults(1);

    @Test
    void theHundredAndSixteenLinesOfThePlaygroundsFitHaveFiveLabelledAmongThem() {
        Svg svg = Svg.parse(ModelPlots.fit(playground(), XY, 800, 500));

        // The playground's 117 distinct epochs, of which the last (1000) is the final line: 116 snapshot lines,
        // labelled at indices 0, 29, 58, 86 and 115 (round(i·115/4)), epochs 0, 76, 267, 563 and 983.
        assertThat(svg.legend())
                .containsExactly(
                        "epoch 0",
                        "epoch 76",
                        "epoch 267",
                        "epoch 563",
                        "epoch 983",
                        "final, epoch 1000",
                        "data (21 points)");
        assertThat(svg.lines()).hasSize(117).contains("epoch-1", "epoch-490", "final");
        assertThat(svg.count("faint-lines", "path")).isEqualTo(111);
        assertThat(svg.texts()).anyMatch(text -> text.endsWith("with the lines after 116 earlier epochs (5 labelled)"));
    }

    @Test
    void manySnapshotsLeaveTheChartItsSize() {
        double[] few =
                Svg.parse(ModelPlots.fit(Models.tutorial(), XY, 800, 500)).dataArea();
        double[] many = Svg.parse(ModelPlots.fit(playground(), XY, 800, 500)).dataArea();

        // Same legend rows, same area: to the pixel (the SVG writes two decimals).
        assertThat(many[0]).isCloseTo(few[0], org.assertj.core.data.Offset.offset(0.01));
        assertThat(many[1]).isCloseTo(few[1], org.assertj.core.data.Offset.offset(0.01));
        // The plot takes most of the height: the legend below it is a row or two, not a hundred.
        assertThat(many[1]).isGreaterThan(0.6 * 500);
    }

    @Test
    void threeSnapshotsAreAllLabelled() {
        FittedModel model = tutorial(List.of(10, 100, 500));

        Svg svg = Svg.parse(ModelPlots.fit(model, XY, 800, 500));

        assertThat(svg.legend())
                .containsExactly("epoch 10", "epoch 100", "epoch 500", "final, epoch 1000", "data (21 points)");
        assertThat(svg.has("faint-lines")).isFalse();
    }

    @Test
    void sixSnapshotsLabelFiveEvenlyFromTheFirstToTheLast() {
        // Indices round(i·5/4) = 0, 1, 3, 4, 5: epoch 3 (index 2) goes faint.
        FittedModel model = tutorial(List.of(1, 2, 3, 4, 5, 6));

        Svg svg = Svg.parse(ModelPlots.fit(model, XY, 800, 500));

        assertThat(svg.legend())
                .containsExactly(
                        "epoch 1", "epoch 2", "epoch 4", "epoch 5", "epoch 6", "final, epoch 1000", "data (21 points)");
        assertThat(svg.count("faint-lines", "path")).isEqualTo(1);
        assertThat(svg.count("line-epoch-3", "path")).isEqualTo(1);
    }

    /** The tutorial's data with the snapshots the playground asks for: 120 epochs, denser early on. */
    private static FittedModel playground() {
        TreeSet<Integer> epochs = new TreeSet<>();
        for (int k = 0; k <= 120; k++) {
            epochs.add((int) Math.round(1000 * Math.pow(k / 120.0, 2)));
        }
        return tutorial(new ArrayList<>(epochs));
    }

    private static FittedModel tutorial(List<Integer> snapshotEpochs) {
        return Models.fit(
                Dataset.of(Models.TUTORIAL_X.clone(), Models.TUTORIAL_Y.clone()),
                Hyperparameters.builder().snapshotEpochs(snapshotEpochs).build(),
                2000);
    }
}
