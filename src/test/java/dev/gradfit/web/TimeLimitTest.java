package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Past gradfit.fit.max-duration a fit stops after its current epoch and answers with what it reached. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.fit.max-duration=50ms", "gradfit.fit.max-work=1000000000000"})
class TimeLimitTest {

    private static final int EPOCHS = 1_000_000;

    @LocalServerPort
    private int port;

    @Test
    void keepsTheRequestsOwnTimeBudgetWhenShorterThanTheServers() throws Exception {
        RawHttp http = new RawHttp(port);
        // The request's own budget (maxDurationMs) counts when it is shorter than the server's 50 ms.
        String body = FitBodies.wide(300, 200, EPOCHS, 0.001).replace("{\"x\"", "{\"maxDurationMs\":10,\"x\"");

        Response response = http.send(Request.json("POST", "/api/v1/models", body));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(JsonPath.<String>read(response.text(), "$.stopReason")).isEqualTo("TIME_BUDGET");
        assertThat(JsonPath.<Integer>read(response.text(), "$.epochs")).isLessThan(EPOCHS);
        assertThat(JsonPath.<Integer>read(response.text(), "$.hyperparameters.maxDurationMs"))
                .isEqualTo(10);
    }

    @Test
    void stopsAFitAtTheTimeLimitAndAnswersWithTheEpochsRun() throws Exception {
        RawHttp http = new RawHttp(port);
        // 200 features: each epoch costs some 201² multiply-adds, so 1e6 epochs are seconds of work.
        String body = FitBodies.wide(300, 200, EPOCHS, 0.001);

        Response response = http.send(Request.json("POST", "/api/v1/models", body));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        DocumentContext model = JsonPath.parse(response.text());
        int run = model.read("$.epochs", Integer.class);
        assertThat(run).isBetween(1, EPOCHS - 1);
        assertThat(model.read("$.hyperparameters.epochs", Integer.class)).isEqualTo(EPOCHS);
        assertThat(model.read("$.stopReason", String.class)).isEqualTo("TIME_BUDGET");
        // No budget was asked for: the server's clamps it, and the response says so.
        assertThat(model.read("$.hyperparameters.maxDurationMs", Integer.class)).isEqualTo(50);
        List<Number> history = model.read("$.costHistory");
        assertThat(history.get(history.size() - 1).doubleValue()).isEqualTo(model.read("$.cost", Double.class));
        Response metrics = http.send(new Request("GET", "/actuator/prometheus", List.of(), null, false));
        assertThat(metrics.text())
                .containsPattern("(?m)^gradfit_fits_seconds_count\\{outcome=\"time_limited\"\\} [1-9]");
    }
}
