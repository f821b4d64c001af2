package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.model.ModelStore;
import dev.gradfit.model.redis.RedisModelStore;
import dev.gradfit.web.RawHttp;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/** What operators see: the actuator endpoints, the metrics, request ids, headers; default settings. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest {

    private static final String FIT = "{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.05}";

    @LocalServerPort
    private int port;

    @Autowired
    private ApplicationContext context;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    @Test
    void exposesOnlyHealthInfoAndPrometheus() throws Exception {
        Map<String, Object> links = JsonPath.read(get("/actuator").text(), "$._links");

        assertThat(links).containsOnlyKeys("self", "health", "health-path", "info", "prometheus");
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/metrics")) {
            assertThat(get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void answersTheProbes() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Response response = get(path);

            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(JsonPath.<String>read(response.text(), "$.status")).isEqualTo("UP");
        }
    }

    /** Spring Data Redis is on the classpath for the Redis store, but the default store needs no Redis. */
    @Test
    void startsNothingOfRedisWithTheMemoryStore() throws Exception {
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RedisModelStore.class)).isEmpty();
        assertThat(context.getBean(ModelStore.class).getClass().getSimpleName()).isEqualTo("CaffeineModelStore");
        assertThat(get("/actuator/health/redis").status()).isEqualTo(404);
    }

    @Test
    void tellsTheBuildAndTheHeapInInfo() throws Exception {
        String info = get("/actuator/info").text();

        assertThat(JsonPath.<String>read(info, "$.build.version")).isNotBlank();
        assertThat(JsonPath.<Number>read(info, "$.process.memory.heap.max").longValue())
                .isPositive();
    }

    @Test
    void countsFitsDivergencesPredictionsAndTheModelCache() throws Exception {
        double fitted = metric("gradfit_fits_seconds_count{outcome=\"fitted\"}");
        double diverged = metric("gradfit_fits_diverged_total");
        double predictions = metric("gradfit_predictions_total");

        String id = JsonPath.read(post("/api/v1/models", FIT).text(), "$.id");
        post("/api/v1/models/" + id + "/predictions", "{\"x\":[1,2]}");
        post("/api/v1/models", "{\"x\":[100,200,300],\"y\":[1,2,3],\"learningRate\":10}");

        assertThat(metric("gradfit_fits_seconds_count{outcome=\"fitted\"}")).isEqualTo(fitted + 1);
        assertThat(metric("gradfit_fits_diverged_total")).isEqualTo(diverged + 1);
        assertThat(metric("gradfit_fits_seconds_count{outcome=\"diverged\"}")).isPositive();
        assertThat(metric("gradfit_predictions_total")).isEqualTo(predictions + 1);
        assertThat(metric("gradfit_fit_epochs_count")).isPositive();
        assertThat(metric("cache_size{cache=\"models\"}")).isPositive();
        assertThat(metric("gradfit_models_bytes")).isPositive();
        assertThat(prometheus()).contains("cache_evictions_total{cache=\"models\"}", "gradfit_fits_active_seconds");
    }

    @Test
    void givesEveryResponseARequestIdAndLogsIt(CapturedOutput output) throws Exception {
        Response generated = get("/api/v1/models");
        Response kept = http.send(withHeader("POST", "/api/v1/models", FIT, "X-Request-Id", "ops-test-42"));
        Response replaced = http.send(withHeader("GET", "/nowhere", null, "X-Request-Id", "no spaces or \"quotes\""));

        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(kept.header("X-Request-Id")).isEqualTo("ops-test-42");
        assertThat(replaced.status()).isEqualTo(404);
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(output.getOut()).containsPattern("\\[ops-test-42\\].*Fitted model");
    }

    @Test
    void sendsNoServerHeadersAndNoCorsByDefault() throws Exception {
        Request preflight = withHeader("OPTIONS", "/api/v1/models", null, "Origin", "https://app.example.com");
        for (Response response : List.of(
                get("/api/v1/models"),
                get("/nowhere"),
                http.send(new Request("GET", "/api/v1/<bad>", List.of(), null, false)),
                http.send(preflight))) {
            assertThat(response.header("Server")).as(response.toString()).isNull();
            assertThat(response.header("X-Powered-By")).as(response.toString()).isNull();
            assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    private Response get(String path) throws Exception {
        return http.send(new Request("GET", path, List.of(), null, false));
    }

    private Response post(String path, String json) throws Exception {
        return http.send(Request.json("POST", path, json));
    }

    private String prometheus() throws Exception {
        return get("/actuator/prometheus").text();
    }

    private double metric(String series) throws Exception {
        Matcher value =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(prometheus());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static Request withHeader(String method, String path, String body, String name, String value) {
        List<String[]> headers = new java.util.ArrayList<>();
        headers.add(new String[] {name, value});
        if (body != null) {
            headers.add(new String[] {"Content-Type", "application/json"});
        }
        return new Request(
                method,
                path,
                headers,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                false);
    }
}
