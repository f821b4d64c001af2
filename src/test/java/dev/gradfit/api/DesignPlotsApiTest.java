package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.plots.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The fit plot of models fitted on rows: a curve per level of the text column over the numeric one, read back
 * from the SVG and held against the model's own predictions and the closed form of exact data; a curve for a
 * polynomial; predicted against actual for any other design.
 */
@FitWebTest
@Import(MapModelStore.class)
class DesignPlotsApiTest {

    private static final String SVG = "image/svg+xml";
    private static final String MODELS = "/api/v1/models";
    private static final String LBFGS = "\"optimizer\":{\"type\":\"lbfgs\"},\"epochs\":300";

    /** A level name with characters XML forbids even escaped (U+0001) and markup (<, &). */
    private static final String ODD_LEVEL = "we<st>&\u0001";

    /** Its text in the SVG: the forbidden character replaced by U+FFFD. */
    private static final String ODD_LEVEL_DRAWN = "we<st>&\uFFFD";

    /** Exact lines y = a + b·x of each level, in the levels' sorted order: north, south, then the odd one. */
    private static final double[][] LINES = {{1, 2}, {5, -1}, {-2, 0.5}};

    private static final String[] LEVELS = {"north", "south", ODD_LEVEL};

    @Autowired
    private MockMvc mvc;

    @Test
    void drawsACurvePerLevelThroughTheModelsPredictions() throws Exception {
        StringBuilder rows = new StringBuilder("[");
        List<double[]> data = new ArrayList<>();
        for (int x = 0; x <= 9; x++) {
            int k = x % 3;
            // Every level at 0 and 9, the ends of the range, and in between.
            for (int level : x == 0 || x == 9 ? new int[] {0, 1, 2} : new int[] {k}) {
                double y = LINES[level][0] + LINES[level][1] * x;
                rows.append(rows.length() > 1 ? "," : "")
                        .append("{\"x\":")
                        .append(x)
                        .append(",\"g\":")
                        .append(json(LEVELS[level]))
                        .append(",\"y\":")
                        .append(y)
                        .append('}');
                data.add(new double[] {x, y});
            }
        }
        String id = fit("{\"rows\":" + rows + "],\"target\":\"y\",\"design\":{\"interactions\":[[\"x\",\"g\"]]},"
                + LBFGS + "}");

        Svg svg = Svg.parse(svg(id, "fit"));

        assertThat(svg.lines()).containsExactly("level-0", "level-1", "level-2");
        assertThat(svg.legend()).containsExactly("north", "south", ODD_LEVEL_DRAWN);
        assertThat(svg.texts()).contains("x", "y");
        assertThat(svg.count("points", "path")).isEqualTo(data.size());
        Calibration axes = Calibration.of(svg.centres("points"), data);
        for (int k = 0; k < 3; k++) {
            List<double[]> vertices = svg.vertices("level-" + k);
            assertThat(svg.count("line-level-" + k, "path")).isEqualTo(1);
            double[] first = axes.data(vertices.get(0));
            double[] last = axes.data(vertices.get(vertices.size() - 1));
            assertThat(first[0]).isCloseTo(0, within(axes.xTolerance()));
            assertThat(last[0]).isCloseTo(9, within(axes.xTolerance()));
            // The ends of the curve are the model's predictions at x = 0 and 9 for that level, and those are the
            // exact lines to the optimizer's tolerance.
            double[] predicted =
                    predict(id, "{\"x\":0,\"g\":" + json(LEVELS[k]) + "},{\"x\":9,\"g\":" + json(LEVELS[k]) + "}");
            assertThat(first[1]).isCloseTo(predicted[0], within(axes.yTolerance()));
            assertThat(last[1]).isCloseTo(predicted[1], within(axes.yTolerance()));
            assertThat(predicted[0]).isCloseTo(LINES[k][0], within(1e-4));
            assertThat(predicted[1]).isCloseTo(LINES[k][0] + 9 * LINES[k][1], within(1e-4));
        }
    }

    @Test
    void drawsAPolynomialAsACurveNotALine() throws Exception {
        // y = 1 + 2x − 0.5x² exactly, at x = −4, −3.5, …, 6.
        DoubleUnaryOperator parabola = x -> 1 + 2 * x - 0.5 * x * x;
        StringBuilder rows = new StringBuilder("[");
        List<double[]> data = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            double x = -4 + 0.5 * i;
            data.add(new double[] {x, parabola.applyAsDouble(x)});
            rows.append(i > 0 ? "," : "")
                    .append("{\"size\":")
                    .append(x)
                    .append(",\"price\":")
                    .append(parabola.applyAsDouble(x))
                    .append('}');
        }
        String id = fit("{\"rows\":" + rows + "],\"target\":\"price\",\"design\":{\"polynomial\":2}," + LBFGS + "}");

        Svg svg = Svg.parse(svg(id, "fit"));

        assertThat(svg.lines()).containsExactly("final");
        assertThat(svg.texts()).contains("size", "price");
        assertThat(svg.texts()).anyMatch(text -> text.contains("·size") && text.contains("·I(size**2)"));
        assertThat(svg.count("points", "path")).isEqualTo(21);
        Calibration axes = Calibration.of(svg.centres("points"), data);
        List<double[]> vertices = svg.vertices("final");
        assertThat(vertices).hasSizeGreaterThan(100);
        for (double[] vertex : vertices) {
            double[] point = axes.data(vertex);
            assertThat(point[1]).isCloseTo(parabola.applyAsDouble(point[0]), within(2 * axes.yTolerance()));
        }
        // The middle of the curve is the parabola's top, 2.5 at x = 1, where the chord between the ends (−15 at
        // x = −4 and −5 at x = 6) is at −10: a line would be on the chord.
        double[] middle = axes.data(vertices.get(vertices.size() / 2));
        assertThat(middle[0]).isCloseTo(1, within(axes.xTolerance()));
        assertThat(middle[1]).isCloseTo(2.5, within(axes.yTolerance()));
    }

    @Test
    void twoNumericColumnsArePredictedAgainstActualSayingWhyThereIsNoCurve() throws Exception {
        String rows = "[{\"a\":1,\"b\":2,\"c\":\"u\",\"y\":3.5},{\"a\":2,\"b\":1,\"c\":\"v\",\"y\":5},"
                + "{\"a\":3,\"b\":5,\"c\":\"u\",\"y\":4},{\"a\":4,\"b\":3,\"c\":\"v\",\"y\":9},"
                + "{\"a\":5,\"b\":4,\"c\":\"u\",\"y\":7.5},{\"a\":6,\"b\":6,\"c\":\"v\",\"y\":11}]";
        String id = fit("{\"rows\":" + rows + ",\"target\":\"y\"," + LBFGS + "}");

        Svg fit = Svg.parse(svg(id, "fit"));
        Svg residuals = Svg.parse(svg(id, "residuals"));

        assertThat(fit.lines()).containsExactly("identity");
        assertThat(fit.count("points", "path")).isEqualTo(6);
        assertThat(fit.texts()).contains("Predicted against actual y");
        assertThat(String.join(" ", fit.texts()).replaceAll("\\s+", " "))
                .contains("3 features: c[T.v], a, b")
                .contains("the design reads 2 numeric columns (a, b)");
        assertThat(residuals.count("points", "path")).isEqualTo(6);
    }

    @Test
    void theFitOfASoftmaxModelOfTwoNumericColumnsIsNotApplicableNamingThem() throws Exception {
        String rows = "[{\"a\":1,\"b\":2,\"k\":\"p\"},{\"a\":2,\"b\":1,\"k\":\"q\"},{\"a\":3,\"b\":5,\"k\":\"r\"},"
                + "{\"a\":4,\"b\":3,\"k\":\"p\"},{\"a\":5,\"b\":4,\"k\":\"q\"},{\"a\":6,\"b\":6,\"k\":\"r\"}]";
        String id = fit("{\"rows\":" + rows + ",\"target\":\"k\",\"loss\":\"softmax\"}");

        mvc.perform(get(MODELS + "/" + id + "/plots/fit.svg").accept(SVG))
                .andExpect(status().isConflict())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/plot-not-applicable"))
                .andExpect(jsonPath("$.plot").value("fit"))
                .andExpect(jsonPath("$.detail", containsString("2 features (a, b)")));
        assertThat(Svg.parse(svg(id, "residuals")).count("points", "path")).isEqualTo(6);
    }

    @Test
    void aLogisticModelDrawsTheProbabilityOfItsSecondClassPerLevel() throws Exception {
        String rows =
                "[{\"age\":20,\"city\":\"Lyon\",\"bought\":\"no\"},{\"age\":30,\"city\":\"Lyon\",\"bought\":\"yes\"},"
                        + "{\"age\":40,\"city\":\"Lyon\",\"bought\":\"no\"},{\"age\":50,\"city\":\"Lyon\",\"bought\":\"yes\"},"
                        + "{\"age\":20,\"city\":\"Rome\",\"bought\":\"no\"},{\"age\":30,\"city\":\"Rome\",\"bought\":\"no\"},"
                        + "{\"age\":40,\"city\":\"Rome\",\"bought\":\"yes\"},{\"age\":50,\"city\":\"Rome\",\"bought\":\"no\"}]";
        String id = fit("{\"rows\":" + rows + ",\"target\":\"bought\",\"loss\":\"logistic\"," + LBFGS + "}");

        Svg svg = Svg.parse(svg(id, "fit"));

        assertThat(svg.lines()).containsExactly("level-0", "level-1");
        assertThat(svg.legend()).containsExactly("Lyon", "Rome");
        assertThat(svg.texts()).contains("age", "bought / P(bought = yes)");
        assertThat(svg.count("points", "path")).isEqualTo(8);
    }

    @Test
    void placesThePointsOfSeparateSlopesWithoutAColumnOfTheNumbersOwn() throws Exception {
        // y ~ g + x:g has the columns x:g[a] and x:g[b], not x: a point's x is the one of them that is not 0.
        String rows = "[{\"x\":1,\"g\":\"a\",\"y\":3},{\"x\":2,\"g\":\"a\",\"y\":5},{\"x\":3,\"g\":\"a\",\"y\":7},"
                + "{\"x\":1,\"g\":\"b\",\"y\":0},{\"x\":4,\"g\":\"b\",\"y\":-3},{\"x\":5,\"g\":\"b\",\"y\":-4}]";
        String id = fit("{\"rows\":" + rows + ",\"formula\":\"y ~ g + x:g\"," + LBFGS + "}");

        Svg svg = Svg.parse(svg(id, "fit"));

        assertThat(svg.lines()).containsExactly("level-0", "level-1");
        assertThat(svg.count("points", "path")).isEqualTo(6);
        assertThat(svg.texts()).contains("x", "y");
    }

    @Test
    void leavesOutThePointsWhoseCellTheDesignFilledIn() throws Exception {
        // Under missing = indicator a missing x is the mean with x_missing = 1: its raw value is not known.
        String rows = "[{\"x\":1,\"g\":\"a\",\"y\":3},{\"x\":2,\"g\":\"a\",\"y\":5},{\"x\":null,\"g\":\"a\",\"y\":4},"
                + "{\"x\":1,\"g\":\"b\",\"y\":0},{\"x\":4,\"g\":\"b\",\"y\":-3},{\"g\":\"b\",\"y\":-1}]";
        String id =
                fit("{\"rows\":" + rows + ",\"target\":\"y\",\"design\":{\"missing\":\"indicator\"}," + LBFGS + "}");

        Svg svg = Svg.parse(svg(id, "fit"));

        assertThat(svg.lines()).containsExactly("level-0", "level-1");
        assertThat(svg.count("points", "path")).isEqualTo(4);
        assertThat(String.join(" ", svg.texts()).replaceAll("\\s+", " ")).contains("4 of the 6 sampled points");
    }

    @Test
    void aPoissonModelWithOffsetsDrawsTheRateOfEachLevel() throws Exception {
        String rows = "[{\"x\":1,\"g\":\"a\",\"n\":2},{\"x\":2,\"g\":\"a\",\"n\":3},{\"x\":3,\"g\":\"a\",\"n\":9},"
                + "{\"x\":1,\"g\":\"b\",\"n\":1},{\"x\":2,\"g\":\"b\",\"n\":1},{\"x\":3,\"g\":\"b\",\"n\":4}]";
        String id = fit("{\"rows\":" + rows + ",\"target\":\"n\",\"offset\":[0,0.5,1,0,0.5,1],"
                + "\"loss\":\"poisson\"," + LBFGS + "}");

        Svg svg = Svg.parse(svg(id, "fit"));

        assertThat(svg.lines()).containsExactly("level-0", "level-1");
        assertThat(svg.texts()).contains("n per unit of exp(offset)");
        assertThat(svg.texts()).anyMatch(text -> text.startsWith("Fitted rate μ/exp(offset) of n over x"));
    }

    @Test
    void aSingleNumericColumnKeepsTheLinesOfItsSnapshots() throws Exception {
        String rows = "[{\"x\":0,\"y\":4},{\"x\":1,\"y\":6.5},{\"x\":2,\"y\":7.5},{\"x\":3,\"y\":10}]";
        String id = fit("{\"rows\":" + rows + ",\"target\":\"y\",\"snapshotEpochs\":[10,20]}");

        Svg svg = Svg.parse(svg(id, "fit"));

        assertThat(svg.lines()).containsExactlyInAnyOrder("epoch-10", "epoch-20", "final");
        assertThat(svg.texts()).anyMatch(text -> text.startsWith("Fitted line: y = ") && text.endsWith("·x"));
    }

    /**
     * The linear map from drawing coordinates to data that puts the drawn points' extremes on the data's: the
     * SVG writes two decimals of a pixel, so a value read back is good to about a hundredth of a pixel.
     */
    private record Calibration(double x0, double xScale, double y0, double yScale) {

        static Calibration of(List<double[]> drawn, List<double[]> data) {
            double[] px = extremes(drawn, 0);
            double[] py = extremes(drawn, 1);
            double[] dx = extremes(data, 0);
            double[] dy = extremes(data, 1);
            double xScale = (dx[1] - dx[0]) / (px[1] - px[0]);
            // The y axis points down: the highest value is drawn at the smallest coordinate.
            double yScale = (dy[1] - dy[0]) / (py[0] - py[1]);
            return new Calibration(dx[0] - xScale * px[0], xScale, dy[0] - yScale * py[1], yScale);
        }

        double[] data(double[] drawn) {
            return new double[] {x0 + xScale * drawn[0], y0 + yScale * drawn[1]};
        }

        /** Four hundredths of a pixel in data units: the rounding of the curve's vertex and of the extremes. */
        double xTolerance() {
            return 0.04 * Math.abs(xScale);
        }

        double yTolerance() {
            return 0.04 * Math.abs(yScale);
        }

        private static double[] extremes(List<double[]> points, int axis) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] point : points) {
                min = Math.min(min, point[axis]);
                max = Math.max(max, point[axis]);
            }
            return new double[] {min, max};
        }
    }

    private String fit(String body) throws Exception {
        String model = mvc.perform(
                        post(MODELS).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(model, "$.id");
    }

    private String svg(String id, String plot) throws Exception {
        return mvc.perform(get(MODELS + "/" + id + "/plots/" + plot + ".svg").accept(SVG))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private double[] predict(String id, String rows) throws Exception {
        String answer = mvc.perform(post(MODELS + "/" + id + "/predictions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rows\":[" + rows + "]}"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<Number> predictions = JsonPath.read(answer, "$.predictions");
        return predictions.stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** A JSON string of {@code text}, escaping what JSON requires. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
