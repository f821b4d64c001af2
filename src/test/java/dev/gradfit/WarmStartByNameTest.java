package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A continued fit over real HTTP starts from its parent's coefficients matched by feature name, whatever the
 * order of its columns. The points lie exactly on y = 1 + 2·a + 3·b and the parent starts at those weights, so
 * its gradient is zero to rounding and it keeps them: a child that starts from them (by name) has a first
 * cost of 0 to rounding, while a child that took them by position (b = 2, a = 3) would start at a cost of 2/3,
 * the mean of (a − b)².
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WarmStartByNameTest {

    /** Rows of (a, b) and y = 1 + 2a + 3b, integers: every product and sum is exact in doubles. */
    private static final int[][] POINTS = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 2}};

    /**
     * The cost at the exact weights: the squared loss is summed from centred moments, whose rounding on targets
     * near 10 leaves about 1e-31; a start by position costs 2/3.
     */
    private static final double ROUNDING = 1e-20;

    /** One epoch at the default rate moves exact weights by the rate times a rounding-sized gradient. */
    private static final double WEIGHT_ROUNDING = 1e-12;

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Test
    void startsAContinuedFitFromTheParentsCoefficientsByName() throws Exception {
        String parent = parentNamed("\"a\", \"b\"");

        JsonNode child = api.created(api.post(
                "/api/v1/models/" + parent + "/fits",
                "{\"featureNames\": [\"b\", \"a\"], \"x\": " + rows(true) + ", \"y\": " + targets()
                        + ", \"epochs\": 1}"));

        assertThat(child.at("/costHistory/0").asDouble()).isCloseTo(0.0, within(ROUNDING));
        assertThat(child.get("featureNames").toString()).isEqualTo("[\"b\",\"a\"]");
        assertThat(child.at("/weights/coefficients/0").asDouble()).isCloseTo(3.0, within(WEIGHT_ROUNDING));
        assertThat(child.at("/coefficientsByName/a").asDouble()).isCloseTo(2.0, within(WEIGHT_ROUNDING));
        assertThat(child.at("/weights/intercept").asDouble()).isCloseTo(1.0, within(WEIGHT_ROUNDING));
    }

    @Test
    void startsACsvJobFromTheParentsCoefficientsByTheHeader() throws Exception {
        String parent = parentNamed("\"a\", \"b\"");
        StringBuilder csv = new StringBuilder("b,y,a\n");
        for (int[] p : POINTS) {
            csv.append(p[1]).append(',').append(y(p)).append(',').append(p[0]).append('\n');
        }
        JobClient jobs = new JobClient(port);
        HttpResponse<String> accepted = api.upload(
                "/api/v1/jobs",
                ApiClient.parts(
                        "target",
                        "y",
                        "file",
                        csv.toString(),
                        "options",
                        "{\"parentId\": \"" + parent + "\", \"epochs\": 1}"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        JsonNode done =
                jobs.awaitStatus(accepted.headers().firstValue("Location").orElseThrow(), "SUCCEEDED", "FAILED");

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode child = jobs.get("/api/v1/models/" + done.get("modelId").asString());
        assertThat(child.at("/costHistory/0").asDouble()).isCloseTo(0.0, within(ROUNDING));
        assertThat(child.at("/coefficientsByName/a").asDouble()).isCloseTo(2.0, within(WEIGHT_ROUNDING));
        assertThat(child.at("/coefficientsByName/b").asDouble()).isCloseTo(3.0, within(WEIGHT_ROUNDING));
    }

    @Test
    void refusesNamesThatAreNotTheParentsSayingWhichDiffer() throws Exception {
        String parent = parentNamed("\"a\", \"b\"");

        HttpResponse<String> refused = api.post(
                "/api/v1/models/" + parent + "/fits",
                "{\"featureNames\": [\"a\", \"c\"], \"x\": " + rows(false) + ", \"y\": " + targets() + "}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("featureNames");
        assertThat(error.get("reason").asString())
                .contains("\"c\" is not one of them")
                .contains("\"b\" is missing")
                .contains("in any order");
    }

    @Test
    void takesTheCoefficientsInOrderWhenTheParentHasNoNames() throws Exception {
        JsonNode parent = api.created(api.post("/api/v1/models", parentBody(null)));

        // The parent's columns were (a, b) without names; the child names them (p, q) in the same order.
        JsonNode child = api.created(api.post(
                "/api/v1/models/" + parent.get("id").asString() + "/fits",
                "{\"featureNames\": [\"p\", \"q\"], \"x\": " + rows(false) + ", \"y\": " + targets()
                        + ", \"epochs\": 1}"));

        assertThat(child.at("/costHistory/0").asDouble()).isCloseTo(0.0, within(ROUNDING));
        assertThat(child.at("/coefficientsByName/q").asDouble()).isCloseTo(3.0, within(WEIGHT_ROUNDING));
    }

    private String parentNamed(String names) throws Exception {
        JsonNode parent = api.created(api.post("/api/v1/models", parentBody(names)));
        assertThat(parent.at("/weights/coefficients/1").asDouble()).isCloseTo(3.0, within(WEIGHT_ROUNDING));
        assertThat(parent.at("/costHistory/1").asDouble()).isCloseTo(0.0, within(ROUNDING));
        return parent.get("id").asString();
    }

    private static String parentBody(String names) {
        return "{" + (names == null ? "" : "\"featureNames\": [" + names + "], ") + "\"x\": " + rows(false)
                + ", \"y\": " + targets()
                + ", \"initialWeights\": {\"intercept\": 1, \"coefficients\": [2, 3]}, \"epochs\": 1}";
    }

    private static int y(int[] point) {
        return 1 + 2 * point[0] + 3 * point[1];
    }

    /** The points as rows of (a, b), or of (b, a) when {@code swapped}. */
    private static String rows(boolean swapped) {
        StringBuilder rows = new StringBuilder("[");
        for (int[] p : POINTS) {
            rows.append(rows.length() > 1 ? ", " : "")
                    .append(swapped ? "[" + p[1] + ", " + p[0] + "]" : "[" + p[0] + ", " + p[1] + "]");
        }
        return rows.append(']').toString();
    }

    private static String targets() {
        StringBuilder y = new StringBuilder("[");
        for (int[] p : POINTS) {
            y.append(y.length() > 1 ? ", " : "").append(y(p));
        }
        return y.append(']').toString();
    }
}
