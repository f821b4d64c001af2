package dev.gradfit;

import static dev.gradfit.ArrowStreams.float64;
import static dev.gradfit.ArrowStreams.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arrow fits whose target holds class labels, over real HTTP, with streams written by Arrow Java: the iris rows of
 * {@link CsvClassLabelsTest} as a utf8 column and as a dictionary-encoded one fit to the same weights, bit for bit,
 * as the JSON body with the same labels. After every test no Arrow memory is left allocated.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ArrowClassLabelsTest {

    private static final List<String[]> ROWS =
            CsvClassLabelsTest.IRIS.lines().skip(1).map(line -> line.split(",")).toList();

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Autowired
    private BufferAllocator arrowMemory;

    @AfterEach
    void leavesNoArrowMemoryAllocated() {
        assertThat(arrowMemory.getAllocatedMemory()).isZero();
    }

    private static ArrowStreams.Column feature(int j, String name) {
        return float64(
                name,
                ROWS.stream().mapToDouble(row -> Double.parseDouble(row[j])).toArray());
    }

    private static ArrowStreams.Column species() {
        return utf8("species", ROWS.stream().map(row -> row[2]).toArray(String[]::new));
    }

    @Test
    void fitsAUtf8AndADictionaryEncodedTargetToTheWeightsOfTheJsonFit() throws Exception {
        String options =
                "?options=" + URLEncoder.encode("{" + CsvClassLabelsTest.SETTINGS + "}", StandardCharsets.UTF_8);
        byte[] plain = ArrowStreams.write(3, feature(0, "petal_length"), feature(1, "petal_width"), species());
        byte[] encoded = ArrowStreams.writeDictionaryEncoded(
                3, 8, feature(0, "petal_length"), feature(1, "petal_width"), species());

        JsonNode fromJson = api.created(api.post(
                "/api/v1/models",
                "application/json",
                ("{" + CsvClassLabelsTest.json(CsvClassLabelsTest.IRIS) + ", " + CsvClassLabelsTest.SETTINGS + "}")
                        .getBytes(StandardCharsets.UTF_8)));
        for (byte[] stream : List.of(plain, encoded)) {
            JsonNode model = api.created(api.postArrow("/api/v1/models" + options, stream));

            assertThat(model.get("classes").toString()).isEqualTo("[\"setosa\",\"versicolor\"]");
            assertThat(model.get("targetName").asString()).isEqualTo("species");
            assertThat(model.get("weights")).isEqualTo(fromJson.get("weights"));

            JsonNode predicted = json.readTree(api.post(
                            "/api/v1/models/" + model.get("id").asString() + "/predictions",
                            "application/json",
                            "{\"x\": [[1.5, 0.1], [4.4, 1.4]]}".getBytes(StandardCharsets.UTF_8))
                    .body());
            // Iris rows 10 (setosa) and 66 (versicolor), which the fit did not see.
            assertThat(predicted.get("labels").toString()).isEqualTo("[\"setosa\",\"versicolor\"]");
        }
    }

    @Test
    void refusesANullLabelNamingColumnAndRow() throws Exception {
        byte[] stream = ArrowStreams.write(
                2,
                float64("x", 1, 2, 3),
                new ArrowStreams.Column("species", ArrowType.Utf8.INSTANCE, Arrays.asList("a", null, "b")));

        HttpResponse<String> refused = api.postArrow("/api/v1/models", stream);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("body");
        assertThat(error.get("reason").asString()).contains("column \"species\", row 1: the value is null");
    }

    @Test
    void refusesLabelsForTheSquaredLoss() throws Exception {
        byte[] stream = ArrowStreams.write(3, feature(0, "petal_length"), feature(1, "petal_width"), species());

        HttpResponse<String> refused = api.postArrow("/api/v1/models", stream);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("y");
        assertThat(error.get("reason").asString()).contains("holds labels", "squared loss takes numbers");
    }
}
