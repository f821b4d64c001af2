package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.api.oip.InferenceResponse;
import dev.gradfit.api.oip.ResponseOutput;
import dev.gradfit.api.response.ModelResponse;
import dev.gradfit.api.response.PredictionResponse;
import dev.gradfit.formats.json.NumberArrayWriter;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.Prediction;
import dev.gradfit.service.PredictionCommand;
import dev.gradfit.service.PredictionService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers with long arrays, over HTTP: a bulk prediction of 1e5 rows (linear and logistic), a fit with a
 * 1e5-entry cost history, an inference of 1e5 rows. Each is written in chunks ({@link NumberArrayWriter}), and
 * each is byte for byte what the application's mapper writes for the same answer with Jackson's own array
 * serializers (its text form, which the chunked writer leaves to them).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gradfit.fit.max-history-entries=100000")
class LongAnswersEndToEndTest {

    private static final int ROWS = 100_000;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private PredictionService predictions;

    @Autowired
    private ModelService models;

    @Test
    void aBulkPredictionIsJacksonsBytesWrittenInChunks() throws Exception {
        UUID id = fit("{\"x\": [1, 2, 3, 4], \"y\": [6, 8, 10, 12], \"learningRate\": 0.1, \"epochs\": 3000}");
        double[] x = points(1);
        double before = chunked();
        HttpResponse<byte[]> answer = post("/api/v1/models/" + id + "/predictions", "{\"x\": " + array(x) + "}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(chunked() - before).isEqualTo(1);
        Prediction expected = predictions.predict(new PredictionCommand(id, x, ROWS, 1, null));
        assertThat(text(answer.body())).isEqualTo(jacksons(PredictionResponse.of(expected)));
        // y = 2x + 4, fitted to convergence (weights within about 1e-12 of it): 1e-9 relative at every point.
        JsonNode values = json.readTree(answer.body()).get("predictions");
        assertThat(values.size()).isEqualTo(ROWS);
        for (int i = 0; i < ROWS; i += 997) {
            assertThat(values.get(i).asDouble()).isCloseTo(2 * x[i] + 4, within(1e-9 * (4 + Math.abs(2 * x[i]))));
        }
    }

    @Test
    void aLogisticBulkPredictionWritesProbabilitiesAndLabelsInChunks() throws Exception {
        UUID id = fit("{\"x\": [0, 1, 2, 3, 4, 5], \"y\": [0, 0, 1, 0, 1, 1], \"loss\": \"logistic\","
                + " \"learningRate\": 0.5, \"epochs\": 200}");
        double[] x = points(2);
        double before = chunked();
        HttpResponse<byte[]> answer =
                post("/api/v1/models/" + id + "/predictions", "{\"x\": " + array(x) + ", \"threshold\": 0.25}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(chunked() - before).as("probabilities and labels").isEqualTo(2);
        Prediction expected = predictions.predict(new PredictionCommand(id, x, ROWS, 1, 0.25));
        assertThat(text(answer.body())).isEqualTo(jacksons(PredictionResponse.of(expected)));
        assertThat(json.readTree(answer.body()).get("labels").size()).isEqualTo(ROWS);
    }

    @Test
    void aFitWithALongCostHistoryIsJacksonsBytesWrittenInChunks() throws Exception {
        double before = chunked();
        HttpResponse<byte[]> created = post(
                "/api/v1/models",
                "{\"x\": [1, 2, 3, 4, 5], \"y\": [6, 8, 10, 12, 14], \"learningRate\": 0.01, \"epochs\": 99999}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(chunked() - before).isEqualTo(1);
        UUID id = UUID.fromString(json.readTree(created.body()).get("id").asString());
        String expected = jacksons(ModelResponse.of(models.find(id)));
        assertThat(text(created.body())).isEqualTo(expected);
        assertThat(json.readTree(created.body()).get("costHistory").size()).isEqualTo(100_000);

        HttpResponse<byte[]> read = http.send(
                HttpRequest.newBuilder(uri("/api/v1/models/" + id)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(text(read.body())).isEqualTo(expected);
        assertThat(chunked() - before).isEqualTo(2);
    }

    @Test
    void anInferenceOfManyRowsIsJacksonsBytesWrittenInChunks() throws Exception {
        UUID id = fit("{\"x\": [1, 2, 3, 4], \"y\": [6, 8, 10, 12], \"learningRate\": 0.1, \"epochs\": 3000}");
        double[] x = points(3);
        double before = chunked();
        HttpResponse<byte[]> answer = post(
                "/v2/models/" + id + "/infer",
                "{\"id\": \"7\", \"inputs\": [{\"name\": \"x\", \"shape\": [" + ROWS + ", 1], \"datatype\": \"FP64\","
                        + " \"data\": " + array(x) + "}]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(chunked() - before).isEqualTo(1);
        Prediction expected = predictions.predict(new PredictionCommand(id, x, ROWS, 1, null));
        InferenceResponse response = new InferenceResponse(
                id.toString(),
                null,
                "7",
                List.of(new ResponseOutput("predictions", "FP64", List.of((long) ROWS), expected.values())));
        assertThat(text(answer.body())).isEqualTo(jacksons(response));
    }

    /** The application mapper's text of {@code answer}: Jackson's array serializers, which write to characters. */
    private String jacksons(Object answer) {
        return json.writeValueAsString(answer);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private double chunked() {
        Counter counter =
                meters.find(NumberArrayWriter.METER).tags("writer", "chunked").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Points of every scale, with Java's shortest text, so that the body says exactly these doubles. */
    private static double[] points(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-6, 7));
        }
        x[0] = 0.0;
        x[1] = -0.0;
        x[2] = 1e-300;
        return x;
    }

    private static String array(double[] values) {
        StringBuilder text = new StringBuilder(values.length * 24).append('[');
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        return text.append(']').toString();
    }

    private UUID fit(String body) throws Exception {
        HttpResponse<byte[]> created = post("/api/v1/models", body);
        assertThat(created.statusCode()).as(text(created.body())).isEqualTo(201);
        return UUID.fromString(json.readTree(created.body()).get("id").asString());
    }

    private HttpResponse<byte[]> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
