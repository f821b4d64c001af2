package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.TutorialLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** End to end: the whole service on a real port, over real HTTP: fit, read, list, predict, delete. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndToEndTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void fitsRandomDataExactlyAsTheTutorialLoopAndServesTheModel() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(0, 10);
            y[i] = 3 - 1.5 * x[i] + random.nextGaussian();
        }
        String body = json.writeValueAsString(java.util.Map.of("x", x, "y", y));

        HttpResponse<String> created = send("POST", "/api/v1/models", body);

        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        JsonNode model = json.readTree(created.body());
        assertThat(location).isEqualTo("/api/v1/models/" + model.get("id").asString());
        double[] expected = TutorialLoop.fit(x, y, 0.001, 1000);
        double intercept = model.at("/weights/intercept").asDouble();
        double slope = model.at("/weights/coefficients/0").asDouble();
        // JSON carries doubles exactly (shortest round-trip form), so only the fit's rounding differs.
        assertThat(intercept).isCloseTo(expected[0], within(1e-9 * Math.abs(expected[0])));
        assertThat(slope).isCloseTo(expected[1], within(1e-9 * Math.abs(expected[1])));

        HttpResponse<String> read = send("GET", location, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body()).at("/weights/intercept").asDouble())
                .isEqualTo(intercept);

        HttpResponse<String> listed = send("GET", "/api/v1/models?size=100", null);
        assertThat(listed.body()).contains(model.get("id").asString());

        HttpResponse<String> predicted = send("POST", location + "/predictions", "{\"x\":[0, 2.5, 10]}");
        assertThat(predicted.statusCode()).isEqualTo(200);
        JsonNode predictions = json.readTree(predicted.body()).get("predictions");
        double[] points = {0, 2.5, 10};
        for (int i = 0; i < points.length; i++) {
            // The same two operations as the model's own arithmetic: exact agreement.
            assertThat(predictions.get(i).asDouble()).isEqualTo(intercept + slope * points[i]);
        }

        assertThat(send("DELETE", location, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = send("GET", location, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void servesSwaggerUiAndTheApiDescription() throws Exception {
        HttpResponse<String> ui = send("GET", "/swagger-ui/index.html", null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");

        JsonNode docs = json.readTree(send("GET", "/v3/api-docs", null).body());
        assertThat(docs.at("/info/title").asString()).isEqualTo("gradfit");
        JsonNode fit = docs.at("/paths/~1api~1v1~1models/post");
        assertThat(fit.get("summary").asString()).isNotBlank();
        assertThat(fit.at("/responses/400/content/application~1problem+json").isMissingNode())
                .isFalse();
        // x is documented as the JSON it is (numbers, rows, or rows keyed by feature name), not as the record
        // it is parsed into.
        JsonNode x = docs.at("/components/schemas/FitRequest/properties/x");
        assertThat(x.get("oneOf")).hasSize(3);
        assertThat(x.has("properties")).isFalse();
        assertThat(fit.at("/requestBody/content/application~1json/examples").toString())
                .contains("[1, 2, 3, 4, 5]".replace(" ", ""))
                .contains("logistic")
                .contains("adam");
        // Option types are listed by their JSON names, with defaults and ranges in the descriptions.
        assertThat(docs.at("/components/schemas/OptimizerBody/properties/type/enum")
                        .toString())
                .isEqualTo("[\"gd\",\"momentum\",\"nesterov\",\"adagrad\",\"rmsprop\",\"adam\",\"lbfgs\"]");
        assertThat(docs.at("/components/schemas/FitRequest/properties/learningRate/default")
                        .asDouble())
                .isEqualTo(0.001);
        assertThat(docs.at("/paths/~1api~1v1~1models~1{id}~1fits/post").isMissingNode())
                .isFalse();
        // Every request with a body can be refused while it is read (slow, too large, server busy).
        for (String path : new String[] {
            "/paths/~1api~1v1~1models/post",
            "/paths/~1api~1v1~1models~1{id}~1fits/post",
            "/paths/~1api~1v1~1models~1{id}~1predictions/post",
            "/paths/~1api~1v1~1jobs/post"
        }) {
            for (String status : new String[] {"408", "413", "415", "503"}) {
                assertThat(docs.at(path + "/responses/" + status + "/content/application~1problem+json")
                                .isMissingNode())
                        .as(path + " " + status)
                        .isFalse();
            }
        }
        assertThat(docs.at("/paths/~1api~1v1~1models~1{id}~1predictions/post/responses/503/description")
                        .asString())
                .contains("server-busy", "store-unavailable");
        // The plots answer SVG, as a string so that Swagger UI shows the picture, and problems as JSON.
        for (String plot : new String[] {"fit", "cost", "residuals"}) {
            JsonNode get = docs.at("/paths/~1api~1v1~1models~1{id}~1plots~1" + plot + ".svg/get");
            assertThat(get.get("tags").toString()).as(plot).isEqualTo("[\"plots\"]");
            assertThat(get.at("/responses/200/content/image~1svg+xml/schema/type")
                            .asString())
                    .as(plot)
                    .isEqualTo("string");
            for (String status : new String[] {"400", "404"}) {
                assertThat(get.at("/responses/" + status + "/content/application~1problem+json")
                                .isMissingNode())
                        .as(plot + " " + status)
                        .isFalse();
            }
        }
        assertThat(docs.at("/paths/~1api~1v1~1models~1{id}~1plots~1residuals.svg/get/responses/409/description")
                        .asString())
                .contains("plot-not-applicable");
    }

    @Test
    void documentsStandardizationAndDiagnostics() throws Exception {
        JsonNode schemas =
                json.readTree(send("GET", "/v3/api-docs", null).body()).at("/components/schemas");

        assertThat(schemas.at("/FitRequest/properties/standardize/default").asBoolean(true))
                .isFalse();
        assertThat(schemas.at("/ModelResponse/properties").propertyNames())
                .contains("metrics", "reference", "optimalityGap");
        assertThat(schemas.at("/ReferenceBody/properties").propertyNames())
                .contains("method", "weights", "cost", "note");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
