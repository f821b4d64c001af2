package dev.gradfit;

import static dev.gradfit.ArrowStreams.float64;
import static dev.gradfit.CsvOffsetColumnTest.CANCER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arrow fits whose offsets are a column named by the {@code offset} parameter, over real HTTP, with streams written
 * by Arrow Java: the cancer counts of {@link CsvOffsetColumnTest} fit to the weights of the JSON body with the same
 * offsets, bit for bit, whichever column holds the offsets; bad offset columns are refused naming them. After every
 * test no Arrow memory is left allocated.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ArrowOffsetColumnTest {

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

    private static String options(String settings) {
        return URLEncoder.encode("{" + settings + "}", StandardCharsets.UTF_8);
    }

    @Test
    void fitsTheOffsetColumnAsTheJsonFitWithTheSameOffsets() throws Exception {
        ArrowStreams.Column population = float64("population", CANCER.rows("x"));
        ArrowStreams.Column offset = float64("log_population", CANCER.numbers("offset"));
        ArrowStreams.Column deaths = float64("deaths", CANCER.numbers("y"));
        String query = "?offset=log_population&options=" + options(CsvOffsetColumnTest.SETTINGS);

        JsonNode fromJson = api.created(api.post(
                "/api/v1/models", "application/json", CsvOffsetColumnTest.JSON_FIT.getBytes(StandardCharsets.UTF_8)));
        // The offsets first, between the columns, and last (the target named): in batches of 64 rows.
        for (byte[] stream : new byte[][] {
            ArrowStreams.write(64, offset, population, deaths),
            ArrowStreams.write(64, population, offset, deaths),
            ArrowStreams.write(64, population, deaths, offset)
        }) {
            JsonNode model = api.created(api.postArrow("/api/v1/models" + query + "&target=deaths", stream));

            assertThat(model.get("featureNames").toString()).isEqualTo("[\"population\"]");
            assertThat(model.get("targetName").asString()).isEqualTo("deaths");
            assertThat(model.get("weights")).isEqualTo(fromJson.get("weights"));
            CsvOffsetColumnTest.assertReferenceIsStatsmodels(model);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a loss without a log link|\"loss\": \"squared\"|log_population|offset|names the column"
                        + " \"log_population\", but an offset applies only to the poisson, gamma and tweedie losses",
                "softmax|\"loss\": \"softmax\"|log_population|offset|applies only to the poisson",
                "no such column|\"loss\": \"poisson\"|exposure|offset|names no column of the stream",
                "the target|\"loss\": \"poisson\"|deaths|offset|names the target column \"deaths\""
            })
    void refusesTheOffsetColumnNamingIt(String name, String settings, String column, String field, String reason)
            throws Exception {
        byte[] stream = ArrowStreams.write(
                2, float64("population", 1.5, 2.5), float64("log_population", 7.3, 7.8), float64("deaths", 3, 5));

        HttpResponse<String> refused =
                api.postArrow("/api/v1/models?offset=" + column + "&options=" + options(settings), stream);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("reason").asString()).contains(reason);
    }

    @Test
    void refusesANonFiniteOffsetNamingColumnAndRow() throws Exception {
        byte[] stream = ArrowStreams.write(
                2,
                float64("population", 1.5, 2.5, 3.5),
                float64("log_population", 7.3, 7.8, Double.POSITIVE_INFINITY),
                float64("deaths", 3, 5, 7));

        HttpResponse<String> refused = api.postArrow(
                "/api/v1/models?offset=log_population&options=" + options("\"loss\": \"poisson\""), stream);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("body");
        assertThat(error.get("reason").asString())
                .isEqualTo("column \"log_population\", row 2: Infinity is not a finite number");
    }
}
