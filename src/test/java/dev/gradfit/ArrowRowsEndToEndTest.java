package dev.gradfit;

import static dev.gradfit.CsvRowsEndToEndTest.FIXTURE;
import static dev.gradfit.CsvRowsEndToEndTest.JSON;
import static dev.gradfit.CsvRowsEndToEndTest.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Arrow streams of raw tables over real HTTP: the Grunfeld rows of {@link CsvRowsEndToEndTest} as an Arrow stream
 * (the firm as utf8, plain or dictionary-encoded; a missing value as a null) fit to the model of their JSON rows, bit
 * for bit, and to scikit-learn's pipeline in {@code fits.json}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ArrowRowsEndToEndTest {

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Autowired
    private BufferAllocator arrowMemory;

    @AfterEach
    void leavesNoArrowMemoryAllocated() {
        assertThat(arrowMemory.getAllocatedMemory()).isZero();
    }

    @Test
    void aStreamOfTextAndNullsFitsAsItsJsonRowsAndAsScikitLearn() throws Exception {
        JsonNode pipeline = CsvRowsEndToEndTest.pipeline("linear_unseen_ignored");
        String options = "{\"design\": " + pipeline.get("spec") + ", " + SETTINGS + "}";
        JsonNode data = FIXTURE.get("data").get("grunfeld_missing");
        ArrowStreams.Column invest = ArrowStreams.float64("invest", numbers(data.get("invest")));
        ArrowStreams.Column value = ArrowStreams.float64("value", numbers(data.get("value")));
        ArrowStreams.Column capital = ArrowStreams.float64("capital", numbers(data.get("capital")));
        ArrowStreams.Column year = ArrowStreams.float64("year", numbers(data.get("year")));
        List<String> firms = new ArrayList<>();
        data.get("firm").forEach(firm -> firms.add(firm.asString()));
        ArrowStreams.Column firm = ArrowStreams.utf8("firm", firms.toArray(String[]::new));

        JsonNode plain = api.created(api.postArrow(
                "/api/v1/models?target=invest&options=" + encode(options),
                ArrowStreams.write(64, invest, value, capital, firm, year)));
        JsonNode dictionary = api.created(api.postArrow(
                "/api/v1/models?target=invest&options=" + encode(options),
                ArrowStreams.writeDictionaryEncoded(64, 32, invest, value, capital, year, firm)));
        ObjectNode body = CsvRowsEndToEndTest.settings(options);
        body.set(
                "rows",
                CsvRowsEndToEndTest.rows(
                        "grunfeld_missing", null, List.of("invest", "value", "capital", "firm", "year")));
        body.put("target", "invest");
        JsonNode fromJson = api.created(api.post("/api/v1/models", "application/json", JSON.writeValueAsBytes(body)));

        assertThat(plain.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(plain.get("featureNames")).isEqualTo(fromJson.get("featureNames"));
        assertThat(plain.get("design")).isEqualTo(fromJson.get("design"));
        assertThat(dictionary.get("weights")).isEqualTo(fromJson.get("weights"));
        CsvRowsEndToEndTest.assertMatches(pipeline.get("name").asString(), plain, pipeline);
    }

    @Test
    void aStreamWithATextColumnAndNoOptionsIsFittedAsRows() throws Exception {
        byte[] stream = ArrowStreams.write(
                2,
                ArrowStreams.utf8("firm", "GM", "GE", "GM", "US Steel", "GE"),
                ArrowStreams.float64("value", 10, 20, 30, 25, 15),
                ArrowStreams.float64("invest", 1.5, 2.5, 4.5, 3.0, 2.0));

        JsonNode model = api.created(api.postArrow("/api/v1/models", stream));

        assertThat(model.get("featureNames").toString()).isEqualTo("[\"firm[T.GM]\",\"firm[T.US Steel]\",\"value\"]");
        assertThat(model.get("targetName").asString()).isEqualTo("invest");
    }

    @Test
    void aStreamOfNumbersWithNullsFitsAsRowsWhenTheOptionsHoldADesign() throws Exception {
        String options = "{\"design\": {\"missing\": \"mean\"}}";
        byte[] stream = ArrowStreams.write(
                2,
                ArrowStreams.float64("size", java.util.Arrays.asList(1.0, null, 3.0, 4.0, 6.0)),
                ArrowStreams.float64("price", 2, 3, 7, 8, 13));

        JsonNode arrow = api.created(api.postArrow("/api/v1/models?options=" + encode(options), stream));
        JsonNode fromJson = api.created(api.post(
                "/api/v1/models",
                "application/json",
                ("{\"rows\": [{\"size\": 1, \"price\": 2}, {\"size\": null, \"price\": 3}, {\"size\": 3,"
                                + " \"price\": 7}, {\"size\": 4, \"price\": 8}, {\"size\": 6, \"price\": 13}],"
                                + " \"target\": \"price\", \"design\": {\"missing\": \"mean\"}}")
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(arrow.get("featureNames").toString()).isEqualTo("[\"size\"]");
        assertThat(arrow.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(arrow.get("design")).isEqualTo(fromJson.get("design"));
    }

    @Test
    void refusesANullInAStreamOfNumbersSayingHowToSendMissingCells() throws Exception {
        List<Double> withNull = new ArrayList<>(List.of(1.0, 2.0, 3.0));
        withNull.set(1, null);
        byte[] stream =
                ArrowStreams.write(3, ArrowStreams.float64("size", withNull), ArrowStreams.float64("price", 1, 2, 3));

        HttpResponse<String> refused = api.postArrow("/api/v1/models", stream);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).at("/errors/0/reason").asString())
                .isEqualTo("column \"size\", row 1: the value is null; a missing cell is taken in a fit of rows, with"
                        + " options holding a design or a formula");
    }

    private static List<Double> numbers(JsonNode column) {
        List<Double> values = new ArrayList<>();
        column.forEach(cell -> values.add(cell.isNull() ? null : cell.asDouble()));
        return values;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
