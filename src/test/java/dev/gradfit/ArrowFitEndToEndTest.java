package dev.gradfit;

import static dev.gradfit.ArrowStreams.float64;
import static dev.gradfit.ArrowStreams.integers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arrow fits end to end, over real HTTP, with streams written by Arrow Java: the tutorial's y = 2x + 4 and the
 * houses of {@link CsvFitEndToEndTest} (price = 3·size + 2·rooms + 5 exactly) fit to the same weights, bit for
 * bit, as the JSON body with the same numbers and settings. Every bad stream gets its 400 problem, and after
 * every test no Arrow memory is left allocated. Small limits (50 points, 4 features, a 16 KB body) so that
 * the limits can be reached.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.fit.max-points=50", "gradfit.fit.max-features=4", "gradfit.http.max-body-size=16KB"})
class ArrowFitEndToEndTest {

    static final String TUTORIAL_OPTIONS = "{\"learningRate\": 0.05, \"epochs\": 2000}";

    static final String HOUSE_OPTIONS = "{\"standardize\": true, \"learningRate\": 0.1, \"epochs\": 3000}";

    static final long[] SIZE = {1, 2, 3, 4, 5, 6, 7, 8};
    static final long[] ROOMS = {2, 1, 3, 1, 4, 2, 5, 3};
    static final double[] PRICE = {12, 13, 20, 19, 28, 27, 36, 35};

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

    @Test
    void fitsTheTutorialLineToTheWeightsOfTheJsonFit() throws Exception {
        byte[] stream = ArrowStreams.write(2, float64("x", 1, 2, 3, 4, 5), float64("y", 6, 8, 10, 12, 14));

        JsonNode arrow = api.created(api.postArrow("/api/v1/models?options=" + encode(TUTORIAL_OPTIONS), stream));
        JsonNode fromJson = api.created(api.post(
                "/api/v1/models",
                "{\"x\": [1, 2, 3, 4, 5], \"y\": [6, 8, 10, 12, 14], \"learningRate\": 0.05, \"epochs\": 2000}"));

        assertThat(arrow.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(arrow.get("costHistory")).isEqualTo(fromJson.get("costHistory"));
        // 2000 epochs at 0.05 reach the exact line y = 2x + 4 to well within 1e-6.
        assertThat(arrow.at("/weights/coefficients/0").asDouble()).isCloseTo(2, within(1e-6));
        assertThat(arrow.at("/weights/intercept").asDouble()).isCloseTo(4, within(1e-6));
        assertThat(arrow.get("featureNames").toString()).isEqualTo("[\"x\"]");
        assertThat(arrow.get("targetName").asString()).isEqualTo("y");
    }

    @Test
    void fitsIntegerAndFloatColumnsInSeveralBatchesWithTheTargetFirst() throws Exception {
        byte[] stream = ArrowStreams.write(
                3, float64("price", PRICE), integers("size", 64, true, SIZE), integers("rooms", 32, true, ROOMS));

        JsonNode arrow =
                api.created(api.postArrow("/api/v1/models?target=price&options=" + encode(HOUSE_OPTIONS), stream));
        JsonNode fromJson = api.created(api.post(
                "/api/v1/models",
                "{\"x\": [[1,2],[2,1],[3,3],[4,1],[5,4],[6,2],[7,5],[8,3]],"
                        + " \"y\": [12,13,20,19,28,27,36,35], \"featureNames\": [\"size\", \"rooms\"],"
                        + " \"targetName\": \"price\", \"standardize\": true, \"learningRate\": 0.1,"
                        + " \"epochs\": 3000}"));

        assertThat(arrow.get("weights")).isEqualTo(fromJson.get("weights"));
        assertThat(arrow.get("featureNames").toString()).isEqualTo("[\"size\",\"rooms\"]");
        assertThat(arrow.get("targetName").asString()).isEqualTo("price");
        // The exact least-squares solution (QR), to rounding.
        assertThat(arrow.at("/reference/weights/intercept").asDouble()).isCloseTo(5, within(1e-9));
        assertThat(arrow.at("/reference/weights/coefficients/0").asDouble()).isCloseTo(3, within(1e-9));
        assertThat(arrow.at("/coefficientsByName/rooms").asDouble()).isCloseTo(2, within(1e-6));
    }

    @Test
    void runsAnArrowFitAsAJob() throws Exception {
        JobClient jobs = new JobClient(port);
        byte[] stream = ArrowStreams.write(
                8, integers("size", 64, true, SIZE), integers("rooms", 64, true, ROOMS), float64("price", PRICE));

        HttpResponse<String> accepted = api.postArrow("/api/v1/jobs?options=" + encode(HOUSE_OPTIONS), stream);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode done =
                jobs.awaitStatus(accepted.headers().firstValue("Location").orElseThrow(), "SUCCEEDED", "FAILED");

        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode model = jobs.get("/api/v1/models/" + done.get("modelId").asString());
        assertThat(model.get("featureNames").toString()).isEqualTo("[\"size\",\"rooms\"]");
        assertThat(model.at("/coefficientsByName/size").asDouble()).isCloseTo(3, within(1e-6));
    }

    @Test
    void refusesBadStreamsNamingColumnAndRow() throws Exception {
        byte[] good = ArrowStreams.write(2, float64("x", 1, 2, 3, 4, 5), float64("y", 6, 8, 10, 12, 14));
        double[] many = new double[51];

        assertRefused(
                ArrowStreams.write(5, float64("x", Arrays.asList(1.0, null)), float64("y", 1, 2)),
                "body",
                "column \"x\", row 1: the value is null");
        assertRefused(
                ArrowStreams.write(1, float64("x", 1, 2, 3), float64("y", 1, 2, Double.NaN)),
                "body",
                "column \"y\", row 2: NaN is not a finite number");
        assertRefused(
                ArrowStreams.write(5, float64("x", 1, Double.POSITIVE_INFINITY), float64("y", 1, 2)),
                "body",
                "column \"x\", row 1: Infinity is not a finite number");
        assertRefused(new byte[0], "body", "is empty");
        assertRefused(ArrowStreams.schemaOnly(float64("x"), float64("y")), "body", "has a schema but no rows");
        assertRefused(Arrays.copyOf(good, good.length - 20), "body", "is not a valid Arrow IPC stream (truncated");
        assertRefused("x,y\n1,6\n".getBytes(StandardCharsets.US_ASCII), "body", "is not a valid Arrow IPC stream");
        assertRefused(ArrowStreams.write(50, float64("x", many), float64("y", many)), "body", "limit of 50");
        assertRefused(
                ArrowStreams.write(
                        1,
                        float64("a", 1),
                        float64("b", 1),
                        float64("c", 1),
                        float64("d", 1),
                        float64("e", 1),
                        float64("f", 1)),
                "body",
                "has 6 columns, more than the limit of 5");
    }

    @Test
    void refusesBadParametersAsAJsonBodyIsRefused() throws Exception {
        byte[] good = ArrowStreams.write(5, float64("x", 1, 2, 3), float64("y", 6, 8, 10));

        assertProblem(api.postArrow("/api/v1/models?target=price", good), 400, "target", "its columns are x, y");
        assertProblem(
                api.postArrow("/api/v1/models?options=" + encode("{\"learning_rate\": 0.1}"), good),
                400,
                "options.learning_rate",
                "is not a known field");
        assertProblem(
                api.postArrow("/api/v1/models?options=" + encode("{\"epochs\": -1}"), good), 400, "options.epochs", "");
        assertProblem(
                api.postArrow("/api/v1/models?options=" + encode("{\"x\": [1]}"), good),
                400,
                "options.x",
                "comes from the Arrow stream");
        assertProblem(api.postArrow("/api/v1/models?epochs=5", good), 400, "epochs", "is not a known parameter");
    }

    @Test
    void refusesABodyOverTheLimitAndAnUnknownMediaType() throws Exception {
        double[] many = new double[1500];
        byte[] large = ArrowStreams.write(1500, float64("x", many), float64("y", many));
        byte[] good = ArrowStreams.write(5, float64("x", 1, 2, 3), float64("y", 6, 8, 10));

        HttpResponse<String> tooLarge = api.postArrow("/api/v1/models", large);
        HttpResponse<String> unknown = api.post("/api/v1/models", "application/vnd.apache.arrow.file", good);

        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(415);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void documentsTheArrowBodyInTheOpenApiDocument() throws Exception {
        HttpResponse<String> docs = api.get("/v3/api-docs");
        JsonNode api = json.readTree(docs.body());

        for (String path : new String[] {"/api/v1/models", "/api/v1/jobs"}) {
            JsonNode post = api.at("/paths/" + path.replace("/", "~1") + "/post");
            JsonNode arrow = post.at("/requestBody/content/" + ApiClient.ARROW.replace("/", "~1") + "/schema");
            assertThat(arrow.get("type").asString()).as(path).isEqualTo("string");
            assertThat(arrow.get("format").asString()).as(path).isEqualTo("binary");
            assertThat(post.get("description").asString()).as(path).contains("Arrow IPC stream");
            assertThat(post.get("parameters").toString()).as(path).contains("\"target\"", "\"options\"");
        }
    }

    private void assertRefused(byte[] stream, String field, String reason) throws Exception {
        assertProblem(api.postArrow("/api/v1/models", stream), 400, field, reason);
    }

    private void assertProblem(HttpResponse<String> response, int status, String field, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode error = json.readTree(response.body()).at("/errors/0");
        assertThat(error.get("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(error.get("reason").asString()).as(response.body()).contains(reason);
        assertThat(response.body()).doesNotContain("at org.", "at dev.", "Exception");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
