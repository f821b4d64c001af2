package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end: large JSON bodies take the streaming reader, and when it leaves one to Jackson the fallback is
 * counted with its reason. If the fast path stopped being taken (a reader that returns nothing, arrays
 * parsed but ignored), every body here would still be answered, and only these counters would tell.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BulkJsonFastPathTest {

    private static final int POINTS = 20_000; // about 0.5 MB of JSON: well over the bulk reader's 32 KiB

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Autowired
    private MeterRegistry meters;

    @Test
    void readsALargeFitOfNumbersOnTheFastPathAndFitsTheExactLine() throws Exception {
        double before = fastReads();
        double fallbacksBefore = fallbacks();

        HttpResponse<String> fitted = post(body(false, ""), "application/json");

        assertThat(fitted.statusCode()).isEqualTo(201);
        assertExactLine(fitted);
        assertThat(fastReads()).isEqualTo(before + 1);
        assertThat(fallbacks()).isEqualTo(fallbacksBefore);
    }

    @Test
    void readsRowsOnTheFastPathToo() throws Exception {
        double before = fastReads();
        double fallbacksBefore = fallbacks();

        HttpResponse<String> fitted = post(body(true, ""), "application/json");

        assertThat(fitted.statusCode()).isEqualTo(201);
        assertExactLine(fitted);
        assertThat(fastReads()).isEqualTo(before + 1);
        assertThat(fallbacks()).isEqualTo(fallbacksBefore);
    }

    @Test
    void readsTheOffsetsOfALargePoissonFitOnTheFastPath() throws Exception {
        double before = fastReads();
        StringBuilder y = new StringBuilder("[");
        StringBuilder offset = new StringBuilder("[");
        for (int i = 0; i < POINTS; i++) {
            double o = Math.log(1 + i % 7);
            // Each y is its mean: the minimiser is exactly b0 = 0.5, c = 0.1, which the exact reference finds.
            y.append(i == 0 ? "" : ",").append(Math.exp(0.5 + 0.1 * x(i) + o));
            offset.append(i == 0 ? "" : ",").append(o);
        }
        String body = body(false, "")
                .replaceFirst("\"y\":\\[[^]]*]", "\"y\":" + y.append(']'))
                .replace(SETTINGS, ",\"loss\":\"poisson\",\"epochs\":1,\"offset\":" + offset.append(']'));

        HttpResponse<String> fitted = post(body, "application/json");

        assertThat(fitted.statusCode()).as(fitted.body()).isEqualTo(201);
        JsonNode model = json.readTree(fitted.body());
        assertThat(model.at("/reference/weights/intercept").asDouble())
                .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(model.at("/reference/weights/coefficients/0").asDouble())
                .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fastReads()).isEqualTo(before + 1);
    }

    @Test
    void countsAShapeItDoesNotReadAndStillAnswers() throws Exception {
        double before = fallbacks("shape");
        double fastBefore = fastReads();
        // The field name written with an escape: the same request to Jackson, not the plain shape to the reader.
        String body = body(false, "").replace("{\"x\":", "{\"\\u0078\":");

        HttpResponse<String> fitted = post(body, "application/json");

        assertThat(fitted.statusCode()).as(fitted.body()).isEqualTo(201);
        assertExactLine(fitted);
        assertThat(fallbacks("shape")).isEqualTo(before + 1);
        assertThat(fastReads()).isEqualTo(fastBefore);
    }

    @Test
    void countsAMalformedArrayAndAnswersJacksonsProblem() throws Exception {
        double before = fallbacks("malformed");
        String body = body(false, "").replace(",0.7,", ",\"0.7\",");

        HttpResponse<String> refused = post(body, "application/json");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"x\"").contains("must be a number, not a string");
        assertThat(fallbacks("malformed")).isEqualTo(before + 1);
    }

    @Test
    void countsACharsetItDoesNotRead() throws Exception {
        double before = fallbacks("charset");

        HttpResponse<String> fitted = post(body(false, ""), "application/json;charset=ISO-8859-1");

        assertThat(fitted.statusCode()).isEqualTo(201);
        assertExactLine(fitted);
        assertThat(fallbacks("charset")).isEqualTo(before + 1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"xyz", "\n\n  xyz", ",\"epochs\":5,\"epochs\":6}", ",}", ""})
    void answersAMalformedLargeBodyWithTheProblemJacksonGivesForTheBodySent(String ending) throws Exception {
        String compact = body(false, "").replaceAll("}$", "") + (ending.startsWith(",") || ending.isEmpty() ? "" : "}");
        String pretty = compact.replace(",", ",\n    ").replace("[", "[\r\n  ");
        for (String body : new String[] {compact + ending, pretty + ending}) {
            double before = fastReads();
            // With a charset other than UTF-8 the body goes to Jackson alone: the plain path's answer.
            HttpResponse<String> plain = post(body, "application/json;charset=ISO-8859-1");
            HttpResponse<String> bulk = post(body, "application/json");

            assertThat(bulk.statusCode()).isEqualTo(400);
            JsonNode problem = json.readTree(bulk.body());
            assertThat(problem.at("/title").asString()).isEqualTo("Malformed JSON");
            assertThat(problem.at("/detail").asString()).contains("line ");
            assertThat(problem).as(body.substring(body.length() - 30)).isEqualTo(json.readTree(plain.body()));
            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(fastReads()).isEqualTo(before);
        }
    }

    /** Gradient descent that converges on this data: the tutorial's loop with a larger step, for longer. */
    private static final String SETTINGS = ",\"learningRate\":0.5,\"epochs\":5000";

    /** x = 0, 0.1, … 0.9 repeated; y = 3 + 2x, a line least squares finds exactly. */
    private static String body(boolean rows, String extra) {
        StringBuilder x = new StringBuilder();
        for (int i = 0; i < POINTS; i++) {
            x.append(i == 0 ? "" : ",").append(rows ? "[" : "").append(x(i)).append(rows ? "]" : "");
        }
        return "{\"x\":[" + x + "],\"y\":" + ys() + SETTINGS + extra + "}";
    }

    private static double x(int i) {
        return (i % 10) / 10.0;
    }

    private static String ys() {
        StringBuilder y = new StringBuilder("[");
        for (int i = 0; i < POINTS; i++) {
            y.append(i == 0 ? "" : ",").append(3 + 2 * x(i));
        }
        return y.append(']').toString();
    }

    private void assertExactLine(HttpResponse<String> fitted) {
        JsonNode model = json.readTree(fitted.body());
        // Points on a line, up to the rounding of 3 + 2x: 5000 contracting steps leave rounding alone.
        assertThat(model.at("/weights/intercept").asDouble()).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.at("/weights/coefficients/0").asDouble())
                .isCloseTo(2, org.assertj.core.data.Offset.offset(1e-9));
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return api.post("/api/v1/models", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private double fastReads() {
        Counter counter = meters.find("gradfit.json.fast.reads").counter();
        return counter == null ? 0 : counter.count();
    }

    private double fallbacks() {
        return meters.find("gradfit.json.fallbacks").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double fallbacks(String reason) {
        Counter counter =
                meters.find("gradfit.json.fallbacks").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
