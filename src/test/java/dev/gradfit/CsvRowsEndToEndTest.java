package dev.gradfit;

import static dev.gradfit.ApiClient.parts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.design.ReferenceDesigns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSV uploads of raw tables over real multipart HTTP: statsmodels' Grunfeld investment data as pandas writes them
 * ({@code reference/design/grunfeld_missing.csv}: the firm as text, some values missing as empty cells), uploaded as
 * they are, fit to the model the JSON rows of the same data give, bit for bit, and to scikit-learn's and statsmodels'
 * answers in {@code fits.json}; the model then takes raw JSON rows for predictions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvRowsEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNode FIXTURE = ReferenceDesigns.load("fits");

    /** As in TableReferenceApiTest: the exact reference to the rounding of a double times the condition number. */
    static final double EXACT = 1e-9;

    /** lbfgs stops within about 1e-6 of the minimiser, relative to the largest coefficient. */
    static final double DESCENT = 1e-6;

    static final String SETTINGS = "\"optimizer\": {\"type\": \"lbfgs\"}, \"epochs\": 2000, \"standardize\": true";

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Test
    void aCsvWithATextColumnAndEmptyCellsFitsAsItIsAndPredictsFromRawRows() throws Exception {
        JsonNode pipeline = pipeline("linear_unseen_ignored");
        String options = "{\"design\": " + pipeline.get("spec") + ", " + SETTINGS + "}";

        // The file exactly as pandas wrote it; the options after the file, so that the reader meets the text first.
        JsonNode csv = api.created(api.upload(
                "/api/v1/models",
                parts("file", resource("grunfeld_missing.csv"), "target", "invest", "options", options)));
        JsonNode optionsFirst = api.created(api.upload(
                "/api/v1/models",
                parts("options", options, "file", resource("grunfeld_missing.csv"), "target", "invest")));
        // The target and the options before the file: only design.columns and the target are read.
        JsonNode targetFirst = api.created(api.upload(
                "/api/v1/models",
                parts("target", "invest", "options", options, "file", resource("grunfeld_missing.csv"))));
        ObjectNode body = settings(options);
        body.set("rows", rows("grunfeld_missing", null, List.of("invest", "value", "capital", "firm", "year")));
        body.put("target", "invest");
        JsonNode fromJson = api.created(api.post("/api/v1/models", JSON.writeValueAsString(body)));

        // The same table, the same design, the same arithmetic: the same doubles, bit for bit.
        assertThat(csv.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(csv.get("featureNames")).isEqualTo(fromJson.get("featureNames"));
        assertThat(csv.get("design")).isEqualTo(fromJson.get("design"));
        assertThat(optionsFirst.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(targetFirst.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(csv.get("targetName").asString()).isEqualTo("invest");
        assertMatches(pipeline.get("name").asString(), csv, pipeline);

        // Raw held-out rows, some of an unseen firm: unknownLevels is ignore, so they take the reference level.
        ObjectNode prediction = JSON.createObjectNode();
        prediction.set("rows", rows("grunfeld_unseen", pipeline.get("apply"), List.of("firm", "value")));
        HttpResponse<String> answer = api.post(
                "/api/v1/models/" + csv.get("id").asString() + "/predictions", JSON.writeValueAsString(prediction));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode predicted = JSON.readTree(answer.body()).get("predictions");
        JsonNode reference = pipeline.get("predictions");
        double scale = 0;
        for (JsonNode value : reference) {
            scale = Math.max(scale, Math.abs(value.asDouble()));
        }
        assertThat(predicted.size()).isEqualTo(reference.size());
        for (int i = 0; i < reference.size(); i++) {
            assertThat(predicted.get(i).asDouble())
                    .as("prediction %d", i)
                    .isCloseTo(reference.get(i).asDouble(), within(DESCENT * scale));
        }
    }

    @Test
    void aCsvWithoutOptionsIsFittedAsRowsAndAnUnseenLevelIsRefusedAsUnknownLevelsSays() throws Exception {
        // No options at all: firm is text, so the file is rows, every other column an input and the last the target.
        String csv = "firm,value,invest\nGM,10,1.5\nGE,20,2.5\nGM,30,4.5\nUS Steel,25,3.0\nGE,15,2.0\n";

        JsonNode model = api.created(api.upload("/api/v1/models", parts("file", csv)));
        JsonNode fromJson = api.created(api.post(
                "/api/v1/models",
                "{\"rows\": [{\"firm\": \"GM\", \"value\": 10, \"invest\": 1.5}, {\"firm\": \"GE\", \"value\": 20,"
                        + " \"invest\": 2.5}, {\"firm\": \"GM\", \"value\": 30, \"invest\": 4.5}, {\"firm\": \"US"
                        + " Steel\", \"value\": 25, \"invest\": 3.0}, {\"firm\": \"GE\", \"value\": 15, \"invest\":"
                        + " 2.0}], \"target\": \"invest\"}"));

        assertThat(model.get("featureNames").toString()).isEqualTo("[\"firm[T.GM]\",\"firm[T.US Steel]\",\"value\"]");
        assertThat(model.get("weights")).isEqualTo(fromJson.get("weights"));
        HttpResponse<String> unseen = api.post(
                "/api/v1/models/" + model.get("id").asString() + "/predictions",
                "{\"rows\": [{\"firm\": \"GM\", \"value\": 12}, {\"firm\": \"Chrysler\", \"value\": 12}]}");
        assertThat(unseen.statusCode()).as(unseen.body()).isEqualTo(400);
        assertThat(unseen.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(unseen.body()).at("/errors/0/field").asString())
                .isEqualTo("rows[1].firm");
    }

    @Test
    void runsACsvOfRowsAsAJob() throws Exception {
        String csv = "firm,value,invest\nGM,10,1.5\nGE,20,2.5\nGM,30,4.5\nUS Steel,25,3.0\nGE,15,2.0\n";
        JobClient jobs = new JobClient(port);
        HttpResponse<String> accepted = api.upload("/api/v1/jobs", parts("file", csv));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        JsonNode done =
                jobs.awaitStatus(accepted.headers().firstValue("Location").orElseThrow(), "SUCCEEDED", "FAILED");

        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode model = jobs.get("/api/v1/models/" + done.get("modelId").asString());
        JsonNode direct = api.created(api.upload("/api/v1/models", parts("file", csv)));
        assertThat(model.get("featureNames")).isEqualTo(direct.get("featureNames"));
        assertThat(model.get("weights")).isEqualTo(direct.get("weights"));
    }

    @Test
    void aFormulaReadsItsColumnsOfTheFileAndFitsAsStatsmodels() throws Exception {
        JsonNode formula = formula("ols_categorical_interaction_power");
        String options = "{\"formula\": \"" + formula.get("formula").asString() + "\", " + SETTINGS + "}";
        // year is in the file but not in the formula: not read.
        String csv = csv(formula.get("dataset").asString(), List.of("year", "invest", "value", "capital", "firm"));

        JsonNode before = api.created(api.upload("/api/v1/models", parts("options", options, "file", csv)));
        JsonNode after = api.created(api.upload("/api/v1/models", parts("file", csv, "options", options)));
        ObjectNode body = settings(options);
        body.set("rows", rows(formula.get("dataset").asString(), null, List.of("invest", "value", "capital", "firm")));
        JsonNode fromJson = api.created(api.post("/api/v1/models", JSON.writeValueAsString(body)));

        assertThat(before.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(after.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(before.get("design")).isEqualTo(fromJson.get("design"));
        assertThat(before.get("targetName").asString()).isEqualTo("invest");
        assertMatches(formula.get("name").asString(), before, formula);
    }

    @Test
    void refusesACellOfARowsFileNamingItsLineAndColumn() throws Exception {
        // Read as numbers to line 2, as a table from line 3's empty cell; line 4's infinity is refused as before.
        HttpResponse<String> refused = api.upload("/api/v1/models", parts("file", "a,b,y\n1,2,3\nx,,4\n5,inf,6\n"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode error = JSON.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("file");
        assertThat(error.get("reason").asString()).isEqualTo("line 4, column \"b\": \"inf\" is not a finite number");
    }

    @Test
    void refusesAColumnOfMoreLevelsThanTheLimitNamingIt() throws Exception {
        // gradfit.design.max-levels is 1000 by default; the target, 1001 distinct numbers, is not limited.
        StringBuilder csv = new StringBuilder("city,size,price\n");
        for (int i = 0; i <= 1000; i++) {
            csv.append("town ")
                    .append(i)
                    .append(',')
                    .append(i % 7)
                    .append(',')
                    .append(i)
                    .append('\n');
        }

        HttpResponse<String> refused = api.upload("/api/v1/models", parts("file", csv.toString()));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("file");
        assertThat(error.get("reason").asString())
                .isEqualTo("line 1002, column \"city\": the column holds more than 1000 distinct values, the most a"
                        + " text column may hold (gradfit.design.max-levels)");
    }

    @Test
    void refusesAMissingCellUnderTheDefaultDesignNamingIt() throws Exception {
        HttpResponse<String> refused =
                api.upload("/api/v1/models", parts("file", "firm,value,y\nGM,1,2\nGE,,3\nGM,2,4\n"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("rows[1].value");
        assertThat(error.get("reason").asString()).contains("missing");
    }

    /** The settings of {@code options} as a JSON body to add the rows to. */
    static ObjectNode settings(String options) {
        return (ObjectNode) JSON.readTree(options);
    }

    static JsonNode pipeline(String name) {
        for (JsonNode pipeline : FIXTURE.get("pipelines")) {
            if (pipeline.get("name").asString().equals(name)) {
                return pipeline;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static JsonNode formula(String name) {
        for (JsonNode formula : FIXTURE.get("formulas")) {
            if (formula.get("name").asString().equals(name)) {
                return formula;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static String resource(String name) {
        try (InputStream in = CsvRowsEndToEndTest.class.getResourceAsStream("/reference/design/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dataset of the fixture as a CSV file: each number as JSON wrote it, a missing cell empty. */
    static String csv(String dataset, List<String> columns) {
        JsonNode data = FIXTURE.get("data").get(dataset);
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (int i = 0; i < data.get(columns.get(0)).size(); i++) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                JsonNode cell = data.get(column).get(i);
                cells.add(cell.isNull() ? "" : cell.isString() ? cell.asString() : cell.toString());
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    /** The given rows of a dataset (every row for {@code null}) as raw row objects of the given columns. */
    static ArrayNode rows(String dataset, JsonNode indices, List<String> columns) {
        JsonNode data = FIXTURE.get("data").get(dataset);
        ArrayNode rows = JSON.createArrayNode();
        int n = indices == null ? data.get(columns.get(0)).size() : indices.size();
        for (int i = 0; i < n; i++) {
            int index = indices == null ? i : indices.get(i).asInt();
            ObjectNode row = rows.addObject();
            for (String column : columns) {
                row.set(column, data.get(column).get(index));
            }
        }
        return rows;
    }

    /** The model's coefficients and intercept are the fixture's: the exact reference to 1e-9, lbfgs to 1e-6. */
    static void assertMatches(String name, JsonNode model, JsonNode fit) {
        JsonNode expected = fit.get("coefficients");
        double intercept = fit.get("intercept").asDouble();
        double scale = Math.abs(intercept);
        for (String feature : expected.propertyNames()) {
            scale = Math.max(scale, Math.abs(expected.get(feature).asDouble()));
        }
        JsonNode names = model.get("featureNames");
        assertThat(names.size()).as(name).isEqualTo(expected.size());
        for (int j = 0; j < names.size(); j++) {
            double wanted = expected.get(names.get(j).asString()).asDouble();
            assertThat(model.at("/reference/weights/coefficients/" + j).asDouble())
                    .as("%s: reference %s", name, names.get(j))
                    .isCloseTo(wanted, within(EXACT * scale));
            assertThat(model.at("/weights/coefficients/" + j).asDouble())
                    .as("%s: lbfgs %s", name, names.get(j))
                    .isCloseTo(wanted, within(DESCENT * scale));
        }
        assertThat(model.at("/reference/weights/intercept").asDouble())
                .as("%s: reference intercept", name)
                .isCloseTo(intercept, within(EXACT * scale));
        assertThat(model.at("/weights/intercept").asDouble())
                .as("%s: lbfgs intercept", name)
                .isCloseTo(intercept, within(DESCENT * scale));
    }
}
