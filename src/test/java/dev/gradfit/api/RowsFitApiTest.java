package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Fits of raw rows: a design learned from text columns, missing cells and terms, its formula form, and the
 * refusals, each naming the cell, the setting or the character.
 */
@FitWebTest
@Import(MapModelStore.class)
class RowsFitApiTest {

    /**
     * price = 10 + 2·size + 5·[city = Paris] − 3·[city = Rome] exactly: the least-squares fit has these weights, so
     * the exact reference equals them to rounding.
     */
    private static final String ROWS = "["
            + "{\"size\":1,\"city\":\"Lyon\",\"price\":12},"
            + "{\"size\":2,\"city\":\"Paris\",\"price\":19},"
            + "{\"size\":3,\"city\":\"Rome\",\"price\":13},"
            + "{\"size\":4,\"city\":\"Lyon\",\"price\":18},"
            + "{\"size\":5,\"city\":\"Paris\",\"price\":25},"
            + "{\"size\":6,\"city\":\"Rome\",\"price\":19},"
            + "{\"size\":7,\"city\":\"Paris\",\"price\":29}]";

    private static final String LBFGS = "\"optimizer\":{\"type\":\"lbfgs\"},\"epochs\":200";

    @Autowired
    private MockMvc mvc;

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private String fit(String body) throws Exception {
        return post("/api/v1/models", body)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void fitsATextColumnByTreatmentCodingWithTheTargetNamed() throws Exception {
        String model = fit("{\"rows\":" + ROWS + ",\"target\":\"price\"," + LBFGS + "}");

        assertThat((List<Object>) JsonPath.read(model, "$.featureNames"))
                // patsy's order: the terms without a numeric factor first.
                .containsExactly("city[T.Paris]", "city[T.Rome]", "size");
        assertThat((String) JsonPath.read(model, "$.targetName")).isEqualTo("price");
        assertThat((List<Object>) JsonPath.read(model, "$.design.levels.city"))
                .containsExactly("Lyon", "Paris", "Rome");
        assertThat((List<Object>) JsonPath.read(model, "$.design.inputs")).containsExactly("size", "city");
        assertThat((String) JsonPath.read(model, "$.design.coding")).isEqualTo("treatment");
        // The data are exactly linear: the exact reference is the generating weights to rounding (1e-9 relative),
        // and lbfgs reaches them to its own tolerance.
        double[] expected = {5, -3, 2};
        for (int j = 0; j < 3; j++) {
            assertThat((double) JsonPath.read(model, "$.reference.weights.coefficients[" + j + "]"))
                    .isCloseTo(expected[j], within(1e-9 * 5));
            assertThat((double) JsonPath.read(model, "$.weights.coefficients[" + j + "]"))
                    .isCloseTo(expected[j], within(1e-6 * 5));
        }
        assertThat((double) JsonPath.read(model, "$.reference.weights.intercept"))
                .isCloseTo(10, within(1e-8));
    }

    @Test
    void aFormulaAndItsJsonFormGiveTheSameModel() throws Exception {
        String rows = "[{\"a\":1,\"b\":2,\"c\":\"u\",\"y\":3.5},{\"a\":2,\"b\":1,\"c\":\"v\",\"y\":4.25},"
                + "{\"a\":3,\"b\":5,\"c\":\"u\",\"y\":9},{\"a\":4,\"b\":3,\"c\":\"w\",\"y\":7.5},"
                + "{\"a\":5,\"b\":4,\"c\":\"v\",\"y\":12},{\"a\":6,\"b\":7,\"c\":\"w\",\"y\":15.5},"
                + "{\"a\":7,\"b\":2,\"c\":\"u\",\"y\":11},{\"a\":8,\"b\":6,\"c\":\"v\",\"y\":18}]";
        String settings = "," + LBFGS;
        String json = fit("{\"rows\":" + rows + ",\"target\":\"y\",\"design\":{\"columns\":[\"a\",\"b\",\"c\"],"
                + "\"polynomial\":2,\"interactions\":[[\"a\",\"b\"]]}" + settings + "}");
        String formula =
                fit("{\"rows\":" + rows + ",\"formula\":\"y ~ a + b + c + I(a**2) + I(b**2) + a:b\"" + settings + "}");

        assertThat((List<Object>) JsonPath.read(formula, "$.featureNames"))
                .isEqualTo(JsonPath.read(json, "$.featureNames"))
                .containsExactly("c[T.v]", "c[T.w]", "a", "b", "I(a**2)", "I(b**2)", "a:b");
        // Bit for bit: the same matrix, the same descent.
        assertThat((Object) JsonPath.read(formula, "$.weights")).isEqualTo(JsonPath.read(json, "$.weights"));
        assertThat((String) JsonPath.read(formula, "$.design.formula"))
                .isEqualTo("y ~ a + b + c + I(a**2) + I(b**2) + a:b");
    }

    @Test
    void aWideOneHotDesignKeptSparseIsTheFitOfItsDenseMatrixSentAsX() throws Exception {
        // Twelve levels and a number: 12 design columns, at most 2 of them non-zero a row, so the rows are kept
        // sparse; sent as x, the same matrix is dense. Every sum skips only zeros: the same weights, bit for bit.
        StringBuilder rows = new StringBuilder("[");
        StringBuilder x = new StringBuilder("[");
        StringBuilder y = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            int level = (i * 7) % 12;
            double size = 1 + (i * 37 % 17) / 4.0;
            double price = 3 + 1.5 * size + level * 0.75 + ((i * 13) % 5 - 2) * 0.1;
            String comma = i == 0 ? "" : ",";
            rows.append(comma)
                    .append("{\"size\":")
                    .append(size)
                    .append(",\"zone\":\"z")
                    .append(level < 10 ? "0" : "")
                    .append(level)
                    .append("\",\"price\":")
                    .append(price)
                    .append('}');
            x.append(comma).append('[');
            for (int k = 1; k < 12; k++) {
                x.append(k == level ? "1" : "0").append(',');
            }
            x.append(size).append(']');
            y.append(comma).append(price);
        }
        String settings = "," + LBFGS + ",\"loss\":{\"type\":\"huber\",\"delta\":0.5}}";
        String fromRows = fit("{\"rows\":" + rows + "],\"target\":\"price\"" + settings);
        String fromX = fit("{\"x\":" + x + "],\"y\":" + y + "]" + settings);

        assertThat((List<Object>) JsonPath.read(fromRows, "$.featureNames"))
                .hasSize(12)
                .startsWith("zone[T.z01]");
        assertThat((Object) JsonPath.read(fromRows, "$.weights")).isEqualTo(JsonPath.read(fromX, "$.weights"));
        assertThat((Object) JsonPath.read(fromRows, "$.costHistory")).isEqualTo(JsonPath.read(fromX, "$.costHistory"));
        assertThat((Object) JsonPath.read(fromRows, "$.metrics")).isEqualTo(JsonPath.read(fromX, "$.metrics"));
    }

    @Test
    void skipsRowsWithAMissingCellOrTargetAndCountsThem() throws Exception {
        String rows = ROWS.substring(0, ROWS.length() - 1)
                + ",{\"size\":null,\"city\":\"Lyon\",\"price\":40},{\"size\":2,\"price\":40},"
                + "{\"size\":3,\"city\":\"Rome\",\"price\":null}]";
        String model =
                fit("{\"rows\":" + rows + ",\"target\":\"price\",\"design\":{\"missing\":\"skip\"}," + LBFGS + "}");

        assertThat((int) JsonPath.read(model, "$.design.droppedRows")).isEqualTo(3);
        assertThat((double) JsonPath.read(model, "$.reference.weights.coefficients[2]"))
                .isCloseTo(2, within(1e-8));
    }

    @Test
    void dropsTheInterceptWithMinusOneAndKeepsEveryLevelOfTheFirstFactor() throws Exception {
        String model = fit("{\"rows\":" + ROWS + ",\"formula\":\"price ~ city + size - 1\"," + LBFGS + "}");

        assertThat((List<Object>) JsonPath.read(model, "$.featureNames"))
                .containsExactly("city[Lyon]", "city[Paris]", "city[Rome]", "size");
        assertThat((Boolean) JsonPath.read(model, "$.hyperparameters.fitIntercept"))
                .isFalse();
        assertThat((double) JsonPath.read(model, "$.reference.weights.coefficients[1]"))
                .isCloseTo(15, within(1e-8));
    }

    @Test
    void aContinuedFitAppliesItsParentsDesignToNewRows() throws Exception {
        String parent = fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"epochs\":5}");
        String id = JsonPath.read(parent, "$.id");
        // Only Lyon and Paris: relearned, the design would lose city[T.Rome]; the parent's keeps it, as 0.
        String rows = "[{\"size\":1,\"city\":\"Lyon\",\"price\":12},{\"size\":2,\"city\":\"Paris\",\"price\":19},"
                + "{\"size\":4,\"city\":\"Lyon\",\"price\":18}]";

        String child = post("/api/v1/models/" + id + "/fits", "{\"rows\":" + rows + ",\"epochs\":5}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat((List<Object>) JsonPath.read(child, "$.featureNames"))
                .containsExactly("city[T.Paris]", "city[T.Rome]", "size");
        assertThat((List<Object>) JsonPath.read(child, "$.design.levels.city"))
                .containsExactly("Lyon", "Paris", "Rome");
        assertThat((String) JsonPath.read(child, "$.targetName")).isEqualTo("price");
        post("/api/v1/models/" + id + "/fits", "{\"rows\":" + rows + ",\"formula\":\"price ~ size\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("formula"));
        post("/api/v1/models/" + id + "/fits", "{\"x\":[[1,0,1]],\"y\":[3]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("x"));
    }

    @Test
    void predictsFromRawRowsAsTheDesignLearnedThem() throws Exception {
        String model = fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"design\":{\"missing\":\"mean\","
                + "\"unknownLevels\":\"ignore\"}," + LBFGS + "}");
        String id = JsonPath.read(model, "$.id");
        double b0 = JsonPath.read(model, "$.weights.intercept");
        double paris = JsonPath.read(model, "$.weights.coefficients[0]");
        double rome = JsonPath.read(model, "$.weights.coefficients[1]");
        double size = JsonPath.read(model, "$.weights.coefficients[2]");
        // The training mean of size is 4; the most frequent city is Paris (three of seven rows).
        String answer = post(
                        "/api/v1/models/" + id + "/predictions",
                        "{\"rows\":[{\"city\":\"Rome\",\"size\":10},{\"size\":null,\"city\":\"Lyon\"},"
                                + "{\"size\":2,\"city\":\"Oslo\"},{\"size\":3}]}")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        // The same sums of the same doubles as the predictor's: equal to a few ulps.
        double[] expected = {b0 + rome + 10 * size, b0 + 4 * size, b0 + 2 * size, b0 + paris + 3 * size};
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) JsonPath.read(answer, "$.predictions[" + i + "]"))
                    .isCloseTo(expected[i], within(1e-12 * Math.abs(expected[i])));
        }
    }

    @Test
    void refusesPredictionRowsTheDesignCannotTakeNamingTheCell() throws Exception {
        String strict = JsonPath.read(fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"epochs\":3}"), "$.id");
        String skip = JsonPath.read(
                fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"design\":{\"missing\":\"skip\"},\"epochs\":3}"),
                "$.id");
        String plain = JsonPath.read(fit("{\"x\":[1,2,3],\"y\":[2,4,6],\"epochs\":3}"), "$.id");

        post(
                        "/api/v1/models/" + strict + "/predictions",
                        "{\"rows\":[{\"size\":1,\"city\":\"Lyon\"}," + "{\"size\":2,\"city\":\"Oslo\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[1].city"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("\"Oslo\"")));
        post("/api/v1/models/" + strict + "/predictions", "{\"rows\":[{\"size\":null,\"city\":\"Lyon\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[0].size"));
        post(
                        "/api/v1/models/" + skip + "/predictions",
                        "{\"rows\":[{\"size\":1,\"city\":\"Lyon\"},{\"city\":\"Lyon\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[1].size"));
        post("/api/v1/models/" + strict + "/predictions", "{\"rows\":[{\"size\":1}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[*].city"));
        post("/api/v1/models/" + strict + "/predictions", "{\"x\":[[0,0,1]]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("x"));
        post("/api/v1/models/" + plain + "/predictions", "{\"rows\":[{\"x\":1}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows"));
    }

    @Test
    void fitsATextTargetColumnAsClassesAndAnswersPredictionsByName() throws Exception {
        // Paris is "big" and the others "small": a logistic fit of the city alone.
        String rows = "[{\"city\":\"Paris\",\"kind\":\"big\"},{\"city\":\"Paris\",\"kind\":\"big\"},"
                + "{\"city\":\"Paris\",\"kind\":\"small\"},{\"city\":\"Lyon\",\"kind\":\"small\"},"
                + "{\"city\":\"Lyon\",\"kind\":\"small\"},{\"city\":\"Lyon\",\"kind\":\"big\"},"
                + "{\"city\":\"Lyon\",\"kind\":\"small\"}]";
        String model = fit("{\"rows\":" + rows + ",\"formula\":\"kind ~ city\",\"loss\":\"logistic\"," + LBFGS + "}");

        assertThat((List<Object>) JsonPath.read(model, "$.classes")).containsExactly("big", "small");
        // The probability of "small": 1/3 in Paris, 3/4 in Lyon, at the exact optimum.
        post(
                        "/api/v1/models/" + JsonPath.read(model, "$.id") + "/predictions",
                        "{\"rows\":[{\"city\":\"Paris\"},{\"city\":\"Lyon\"}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.labels[0]").value("big"))
                .andExpect(jsonPath("$.labels[1]").value("small"))
                .andExpect(jsonPath("$.probabilities[0]").value(org.hamcrest.Matchers.closeTo(1.0 / 3, 1e-6)))
                .andExpect(jsonPath("$.probabilities[1]").value(org.hamcrest.Matchers.closeTo(0.75, 1e-6)));
    }

    @Test
    void refusesADesignValueBeyondTheRangeOfADoubleNamingTheRowAndTheColumn() throws Exception {
        // (1e120)³ and 1e200 · 1e200 overflow: the design cannot hold them, which is the client's data, not a fault.
        post(
                        "/api/v1/models",
                        "{\"rows\":[{\"x\":2,\"y\":1},{\"x\":1e120,\"y\":1},{\"x\":3,\"y\":2.5}],"
                                + "\"formula\":\"y ~ I(x**3)\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[1]"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("I(x**3)")));
        post(
                        "/api/v1/models",
                        "{\"rows\":[{\"a\":1e200,\"b\":1e200,\"y\":1},{\"a\":2,\"b\":1,\"y\":2},"
                                + "{\"a\":3,\"b\":5,\"y\":2.5}],\"target\":\"y\",\"design\":{\"interactions\":[[\"a\",\"b\"]]}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[0]"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("a:b")));
        // Values too small to square name the design column, under rows: the request sent no x.
        post(
                        "/api/v1/models",
                        "{\"rows\":[{\"t\":1e-200,\"c\":\"a\",\"y\":0},{\"t\":2e-200,\"c\":\"b\",\"y\":1},"
                                + "{\"t\":3e-200,\"c\":\"a\",\"y\":2}],\"formula\":\"y ~ c + t\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("the design column t has no value")));
        // A design without columns has nothing to fit.
        post("/api/v1/models", "{\"rows\":" + ROWS + ",\"formula\":\"price ~ 1\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("formula"));
        post("/api/v1/models", "{\"rows\":[{\"c\":\"same\",\"y\":1},{\"c\":\"same\",\"y\":2}],\"target\":\"y\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("single level")));
        // Skipped rows count: the second request row is the design's first.
        post(
                        "/api/v1/models",
                        "{\"rows\":[{\"x\":null,\"y\":1},{\"x\":1e120,\"y\":1},{\"x\":3,\"y\":2.5}],"
                                + "\"formula\":\"y ~ I(x**3)\",\"design\":{\"missing\":\"skip\"}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[1]"));
    }

    @Test
    void refusesWhatARowsFitCannotUseNamingTheField() throws Exception {
        post("/api/v1/models", "{\"rows\":" + ROWS + ",\"x\":[1,2],\"y\":[1,2]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'x')]").exists());
        post("/api/v1/models", "{\"rows\":" + ROWS + ",\"formula\":\"price ~ size + (city\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("formula"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("at character 21")));
        post("/api/v1/models", "{\"rows\":[{\"size\":1,\"price\":2},{\"size\":null,\"price\":3}],\"target\":\"price\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[1].size"));
        post("/api/v1/models", "{\"rows\":[{\"size\":1,\"price\":2},{\"size\":2,\"price\":null}],\"target\":\"price\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[1].price"));
        post("/api/v1/models", "{\"rows\":" + ROWS + ",\"target\":\"price\",\"design\":{\"categorical\":[\"zone\"]}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("design.categorical"));
        post("/api/v1/models", "{\"rows\":" + ROWS + ",\"formula\":\"price ~ size + city - 1\",\"fitIntercept\":true}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("fitIntercept"));
        post("/api/v1/models", "{\"rows\":" + ROWS + ",\"formula\":\"price ~ size\",\"design\":{\"polynomial\":2}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("design.polynomial"));
        post(
                        "/api/v1/models",
                        "{\"rows\":[{\"size\":1,\"price\":2},{\"size\":\"big\",\"price\":3}],\"target\":\"price\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[1].size"));
        post("/api/v1/models", "{\"rows\":" + ROWS + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("target"));
        post("/api/v1/models", "{\"x\":[1,2],\"y\":[1,2],\"design\":{\"missing\":\"mean\"}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("design"));
    }
}
