package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.design.ReferenceDesigns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fits of raw rows over HTTP against scikit-learn's pipelines and statsmodels' formulas on data statsmodels ships
 * ({@code reference/design/fits.json}, written by {@code make_fixtures.py}): the exact reference equals their
 * coefficients, lbfgs reaches them, and predictions from raw held-out rows (an unseen level among them) equal the
 * pipeline's.
 */
@FitWebTest
@Import(MapModelStore.class)
class TableReferenceApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode FIXTURE = ReferenceDesigns.load("fits");

    /**
     * The exact reference (Householder QR, or Newton's method) and scikit-learn's or statsmodels' solvers find the
     * same minimiser to about the condition number times the rounding of a double: 1e-9 relative to the largest
     * coefficient of the fit (the coefficients span ten orders of magnitude, I(value**2) beside the firms). Against
     * the least squares in rational arithmetic, the reference holds 1e-9 relative to each coefficient; statsmodels
     * itself is 2.3e-8 from it on I(value**2), at a condition number of 1.7e8.
     */
    private static final double EXACT = 1e-9;

    /**
     * lbfgs stops when no step lowers the cost, within about 1e-6 of the minimiser, relative as above: along the
     * ill-conditioned direction the cost is flat to its rounding, and I(value**2) alone is 3.3e-6 from its own value.
     */
    private static final double DESCENT = 1e-6;

    @Autowired
    private MockMvc mvc;

    @Test
    void rowsAndADesignFitAsScikitLearnsPipelines() throws Exception {
        for (JsonNode pipeline : FIXTURE.get("pipelines")) {
            String name = pipeline.get("name").asString();
            JsonNode spec = pipeline.get("spec");
            List<String> columns = strings(spec.get("columns"));
            String target = pipeline.get("target").asString();
            List<String> withTarget = new ArrayList<>(columns);
            withTarget.add(target);
            ObjectNode body = JSON.createObjectNode();
            body.set("rows", rows(pipeline.get("dataset").asString(), pipeline.get("train"), withTarget));
            body.put("target", target);
            ObjectNode design = body.putObject("design");
            design.set("columns", spec.get("columns"));
            design.set("categorical", spec.get("categorical"));
            design.set("polynomial", spec.get("polynomial"));
            design.set("interactions", spec.get("interactions"));
            design.set("coding", spec.get("coding"));
            design.set("missing", spec.get("missing"));
            design.set("unknownLevels", spec.get("unknownLevels"));
            boolean logistic = pipeline.get("model").asString().equals("logistic");
            if (logistic) {
                body.put("loss", "logistic");
            }
            body.putObject("optimizer").put("type", "lbfgs");
            body.put("epochs", 2000);
            body.put("standardize", true);

            String model = fit(JSON.writeValueAsString(body));

            Map<String, Double> expected = coefficients(pipeline);
            assertFit(name, model, expected, pipeline.get("intercept").asDouble());
            ObjectNode prediction = JSON.createObjectNode();
            prediction.set("rows", rows(pipeline.get("applyDataset").asString(), pipeline.get("apply"), columns));
            String answer = mvc.perform(MockMvcRequestBuilders.post(
                                    "/api/v1/models/" + JsonPath.read(model, "$.id") + "/predictions")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(JSON.writeValueAsString(prediction)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            List<Number> predicted = JsonPath.read(answer, logistic ? "$.probabilities" : "$.predictions");
            JsonNode reference = pipeline.get("predictions");
            assertThat(predicted).as(name).hasSize(reference.size());
            double scale = 0;
            for (JsonNode value : reference) {
                scale = Math.max(scale, Math.abs(value.asDouble()));
            }
            for (int i = 0; i < predicted.size(); i++) {
                assertThat(predicted.get(i).doubleValue())
                        .as("%s: prediction %d", name, i)
                        .isCloseTo(reference.get(i).asDouble(), within(DESCENT * scale));
            }
        }
    }

    @Test
    void aFormulaFitsAsStatsmodelsOls() throws Exception {
        for (JsonNode formula : FIXTURE.get("formulas")) {
            String text = formula.get("formula").asString();
            ObjectNode body = JSON.createObjectNode();
            JsonNode data = FIXTURE.get("data").get(formula.get("dataset").asString());
            ArrayNode all = JSON.createArrayNode();
            for (int i = 0; i < data.get("invest").size(); i++) {
                all.add(i);
            }
            body.set(
                    "rows",
                    rows(formula.get("dataset").asString(), all, List.of("invest", "value", "capital", "firm")));
            body.put("formula", text);
            body.putObject("optimizer").put("type", "lbfgs");
            body.put("epochs", 2000);
            body.put("standardize", true);

            String model = fit(JSON.writeValueAsString(body));

            assertThat((String) JsonPath.read(model, "$.design.formula")).isEqualTo(text);
            assertFit(
                    formula.get("name").asString(),
                    model,
                    coefficients(formula),
                    formula.get("intercept").asDouble());
            // Coefficient by coefficient, against the least squares of the same matrix in rational arithmetic.
            List<String> names = JsonPath.read(model, "$.featureNames");
            for (int j = 0; j < names.size(); j++) {
                double exact = formula.get("exact").get(names.get(j)).asDouble();
                assertThat(number(model, "$.reference.weights.coefficients[" + j + "]"))
                        .as("%s: reference %s", formula.get("name").asString(), names.get(j))
                        .isCloseTo(exact, within(EXACT * Math.abs(exact)));
            }
            double exactIntercept = formula.get("exactIntercept").asDouble();
            assertThat(number(model, "$.reference.weights.intercept"))
                    .isCloseTo(exactIntercept, within(EXACT * Math.abs(exactIntercept)));
        }
    }

    private void assertFit(String name, String model, Map<String, Double> expected, double intercept) {
        List<String> names = JsonPath.read(model, "$.featureNames");
        assertThat(names).as(name).containsExactlyInAnyOrderElementsOf(expected.keySet());
        double scale = Math.abs(intercept);
        for (double value : expected.values()) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int j = 0; j < names.size(); j++) {
            double reference = number(model, "$.reference.weights.coefficients[" + j + "]");
            double descended = number(model, "$.weights.coefficients[" + j + "]");
            double wanted = expected.get(names.get(j));
            assertThat(reference).as("%s: reference %s", name, names.get(j)).isCloseTo(wanted, within(EXACT * scale));
            assertThat(descended).as("%s: lbfgs %s", name, names.get(j)).isCloseTo(wanted, within(DESCENT * scale));
        }
        assertThat(number(model, "$.reference.weights.intercept"))
                .as("%s: reference intercept", name)
                .isCloseTo(intercept, within(EXACT * scale));
        assertThat(number(model, "$.weights.intercept"))
                .as("%s: lbfgs intercept", name)
                .isCloseTo(intercept, within(DESCENT * scale));
    }

    private static double number(String json, String path) {
        return ((Number) JsonPath.read(json, path)).doubleValue();
    }

    private String fit(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** The given rows of a dataset as raw row objects of the given columns: strings, numbers and nulls. */
    private static ArrayNode rows(String dataset, JsonNode indices, List<String> columns) {
        JsonNode data = FIXTURE.get("data").get(dataset);
        ArrayNode rows = JSON.createArrayNode();
        for (JsonNode index : indices) {
            ObjectNode row = rows.addObject();
            for (String column : columns) {
                row.set(column, data.get(column).get(index.asInt()));
            }
        }
        return rows;
    }

    private static Map<String, Double> coefficients(JsonNode fit) {
        Map<String, Double> byName = new java.util.LinkedHashMap<>();
        for (String name : fit.get("coefficients").propertyNames()) {
            byName.put(name, fit.get("coefficients").get(name).asDouble());
        }
        return byName;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
