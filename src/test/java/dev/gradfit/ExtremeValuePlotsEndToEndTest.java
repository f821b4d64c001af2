package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.plots.Svg;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end over real HTTP: a model fitted on values near 1e100 is drawn with axes, ticks, points and lines,
 * in units of 1e100 that the axis labels name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExtremeValuePlotsEndToEndTest {

    /** y ≈ 2x near 1e100, with a rate small enough for gradients near 1e201: the weights stay small. */
    private static final String FIT = """
            {"x": [1e100, 2e100, 3e100, 4e100, 5e100], "y": [2e100, 4.1e100, 6e100, 8.2e100, 1e101],
             "learningRate": 1e-202, "epochs": 10}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void drawsTheFitTheCostAndTheResidualsOfAModelNear1e100() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/models", FIT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(created.body())
                        .at("/weights/coefficients/0")
                        .asDouble())
                .as("a fit that stays finite")
                .isFinite();

        Svg fit = plot(location, "fit");
        assertThat(fit.count("points", "path")).isEqualTo(5);
        assertThat(fit.count("line-final", "path")).isEqualTo(1);
        assertThat(fit.texts()).contains("x (×1e100)", "y (×1e101)", "1", "2", "3", "4", "5");

        Svg residuals = plot(location, "residuals");
        assertThat(residuals.count("points", "path")).isEqualTo(5);
        assertThat(residuals.count("line-zero", "path")).isEqualTo(1);
        assertThat(residuals.texts()).contains("fitted y (×1e100)");

        Svg cost = plot(location, "cost");
        assertThat(cost.count("line-cost", "path")).isEqualTo(1);
        assertThat(cost.texts()).contains("cost J (log scale)", "1e200", "1e201");
    }

    private Svg plot(String location, String plot) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + location + "/plots/" + plot + ".svg"))
                        .header("Accept", "image/svg+xml")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(plot).isEqualTo(200);
        assertThat(response.headers().allValues("Content-Type")).as(plot).isEqualTo(List.of("image/svg+xml"));
        return Svg.parse(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
