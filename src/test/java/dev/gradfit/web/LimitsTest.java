package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each limit, just past it, against a real server with small limits. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gradfit.http.max-body-size=4KB",
            "gradfit.fit.max-points=50",
            "gradfit.fit.max-features=3",
            "gradfit.fit.max-epochs=5000",
            "gradfit.fit.max-work=20000",
            "gradfit.store.max-models=3"
        })
class LimitsTest {

    private static final String MODELS = "/api/v1/models";

    @LocalServerPort
    private int port;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    @Test
    void refusesADeclaredBodyOverTheLimitWith413() throws Exception {
        Response response = http.send(Request.json("POST", MODELS, fitBody(10, 1, 2000) + " ".repeat(5000)));

        assertProblem(response, 413, "body-too-large");
        assertThat(JsonPath.<Integer>read(response.text(), "$.maxBytes")).isEqualTo(4096);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWith413() throws Exception {
        byte[] body = (fitBody(10, 1, 2000) + " ".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        List<String[]> headers = List.<String[]>of(new String[] {"Content-Type", "application/json"});

        Response response = http.send(new Request("POST", MODELS, headers, body, true));

        assertProblem(response, 413, "body-too-large");
    }

    @Test
    void acceptsAChunkedBodyUnderTheLimit() throws Exception {
        byte[] body = fitBody(10, 1, 100).getBytes(StandardCharsets.UTF_8);
        List<String[]> headers = List.<String[]>of(new String[] {"Content-Type", "application/json"});

        Response response = http.send(new Request("POST", MODELS, headers, body, true));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void refusesMorePointsThanTheLimit() throws Exception {
        assertInvalid(http.send(Request.json("POST", MODELS, fitBody(51, 1, 1))), "x", "limit of 50");
    }

    @Test
    void refusesMoreFeaturesThanTheLimit() throws Exception {
        assertInvalid(http.send(Request.json("POST", MODELS, fitBody(5, 4, 1))), "x", "limit of 3");
    }

    @Test
    void refusesMoreEpochsThanTheLimit() throws Exception {
        assertInvalid(http.send(Request.json("POST", MODELS, fitBody(5, 1, 5001))), "epochs", "at most 5000");
    }

    @Test
    void countsWorkAsTheSufficientStatisticsFitComputesIt() throws Exception {
        // Squared loss on the full batch: 10 points × 3² + 3³ + (epochs + 1) × 3², with 3 = 2 features + 1.
        // 2209 epochs make 20007, just over 20000; 2208 make 19998, just under.
        Response over = http.send(Request.json("POST", MODELS, fitBody(10, 2, 2209)));
        Response under = http.send(Request.json("POST", MODELS, fitBody(10, 2, 2208)));

        assertInvalid(over, "epochs", "about 20007 multiply-adds, more than the limit of 20000");
        assertThat(under.status()).as(under.toString()).isEqualTo(201);
    }

    @Test
    void keepsNoMoreModelsThanTheLimit() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(http.send(Request.json("POST", MODELS, fitBody(5, 1, 10)))
                            .status())
                    .isEqualTo(201);
        }

        Response list = http.send(new Request("GET", MODELS, List.of(), null, false));

        assertThat(JsonPath.<Integer>read(list.text(), "$.totalElements")).isLessThanOrEqualTo(3);
        Response metrics = http.send(new Request("GET", "/actuator/prometheus", List.of(), null, false));
        assertThat(metrics.text()).containsPattern("(?m)^cache_evictions_total\\{cache=\"models\"\\} [1-9]");
    }

    static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.text(), "$.type")).isEqualTo("https://gradfit.dev/problems/" + type);
    }

    private static void assertInvalid(Response response, String field, String reason) {
        assertProblem(response, 400, "invalid-request");
        assertThat(JsonPath.<List<String>>read(response.text(), "$.errors[*].field"))
                .contains(field);
        assertThat(JsonPath.<List<String>>read(response.text(), "$.errors[*].reason"))
                .anySatisfy(r -> assertThat(r).contains(reason));
    }

    /** {@code points} rows of {@code features} features (a plain array when 1), y = sum of the row. */
    static String fitBody(int points, int features, int epochs) {
        StringJoiner x = new StringJoiner(",", "[", "]");
        StringJoiner y = new StringJoiner(",", "[", "]");
        for (int i = 0; i < points; i++) {
            StringJoiner row = new StringJoiner(",", "[", "]");
            double sum = 0;
            for (int j = 0; j < features; j++) {
                double value = (i + 1) * 0.1 + j;
                row.add(Double.toString(value));
                sum += value;
            }
            x.add(features == 1 ? Double.toString((i + 1) * 0.1) : row.toString());
            y.add(Double.toString(sum));
        }
        return "{\"x\":" + x + ",\"y\":" + y + ",\"learningRate\":0.01,\"epochs\":" + epochs + "}";
    }
}
