package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Past the concurrent fits the executor takes: 503 with Retry-After at once; predictions still answer. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gradfit.executor.threads=1",
            "gradfit.executor.queue-capacity=0",
            "gradfit.executor.retry-after=3s",
            "gradfit.fit.max-duration=5s"
        })
class ConcurrencyLimitTest {

    private static final String SMALL_FIT = "{\"x\":[1,2,3],\"y\":[2,4,6]}";

    @LocalServerPort
    private int port;

    @Test
    void refusesAFitBeyondTheExecutorWith503AndRetryAfterWhilePredictionsGoOn() throws Exception {
        RawHttp http = new RawHttp(port);
        String model = JsonPath.read(
                http.send(Request.json("POST", "/api/v1/models", SMALL_FIT)).text(), "$.id");
        // Some 8e9 multiply-adds: it holds the only fit thread until the 5 s time limit stops it.
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(
                () -> send(http, Request.json("POST", "/api/v1/models", FitBodies.wide(300, 200, 200_000, 0.001))));
        await("the slow fit to start")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> send(http, new Request("GET", "/actuator/prometheus", List.of(), null, false))
                        .text()
                        .contains("gradfit_fits_active_seconds_count 1"));

        Response refused = http.send(Request.json("POST", "/api/v1/models", SMALL_FIT));
        Response prediction =
                http.send(Request.json("POST", "/api/v1/models/" + model + "/predictions", "{\"x\":[4]}"));

        LimitsTest.assertProblem(refused, 503, "fit-capacity-exceeded");
        assertThat(refused.header("Retry-After")).isEqualTo("3");
        assertThat(prediction.status()).as(prediction.toString()).isEqualTo(200);
        assertThat(slow.get().status()).isEqualTo(201);
    }

    private static Response send(RawHttp http, Request request) {
        try {
            return http.send(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
