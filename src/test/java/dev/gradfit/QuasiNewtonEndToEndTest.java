package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.fitting.nist.NistDataset;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code optimizer: {"type": "lbfgs"}} over real HTTP: NIST's Longley regression fitted to the exact least-squares
 * optimum in tens of epochs, as a fit, a continued fit and a job; and the settings lbfgs cannot take refused by
 * name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuasiNewtonEndToEndTest {

    @LocalServerPort
    private int port;

    private JobClient client;

    @BeforeEach
    void connect() {
        client = new JobClient(port);
    }

    /** Longley's 16 rows of 6 features and its target, as the fields of a fit request. */
    private static String longley() {
        NistDataset set = NistDataset.load("longley");
        double[] x = set.data().features();
        int d = set.data().columns();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < set.data().rows(); i++) {
            rows.append(i == 0 ? "" : ", ")
                    .append(DiagnosticsEndToEndTest.array(Arrays.copyOfRange(x, i * d, (i + 1) * d)));
        }
        double[] y = new double[set.data().rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = set.data().target(i);
        }
        return "\"x\": " + rows + "], \"y\": " + DiagnosticsEndToEndTest.array(y);
    }

    private static void assertAtTheOptimum(JsonNode model) {
        // Longley's residual cost is about 5.6e4 (NIST's residual sum of squares 836424 over 16 rows, less the
        // mean's share): a relative gap of 1e-9 is far above rounding and beyond descent's reach in 100 epochs.
        double reference = model.at("/reference/cost").asDouble();
        assertThat(reference).as(model.toString()).isGreaterThan(1e4);
        assertThat(model.get("optimalityGap").asDouble()).isBetween(-1e-12 * reference, 1e-9 * reference);
    }

    @Test
    void fitsLongleyToTheExactOptimumAndEchoesTheOptimizer() throws Exception {
        JsonNode model = client.fit("{" + longley() + ", \"standardize\": true, \"epochs\": 100,"
                + " \"returnLearningRates\": true, \"optimizer\": {\"type\": \"lbfgs\"}}");

        assertAtTheOptimum(model);
        assertThat(model.get("stopReason").asString()).isEqualTo("CONVERGED");
        assertThat(model.get("epochs").asInt()).isLessThan(100);
        assertThat(model.at("/hyperparameters/optimizer").toString()).isEqualTo("{\"type\":\"lbfgs\",\"memory\":10}");
        // The learning-rate history holds the step lengths the line search accepted, one per epoch.
        assertThat(model.get("learningRateHistory").size())
                .isEqualTo(model.get("epochs").asInt());
    }

    @Test
    void continuesAModelAndRunsAsAJobToTheSameOptimum() throws Exception {
        String short_ = "{" + longley() + ", \"standardize\": true, \"epochs\": 5, \"optimizer\": {\"type\":"
                + " \"lbfgs\", \"memory\": 7}}";
        // Seven pairs, as many as Longley has weights: fewer make L-BFGS slow on data this ill-conditioned (with
        // three it needs some 300 epochs here).
        JsonNode parent = client.fit(short_);
        String more = short_.replace("\"epochs\": 5", "\"epochs\": 200");

        HttpResponse<String> continued =
                client.send("POST", "/api/v1/models/" + parent.get("id").asString() + "/fits", more);
        assertThat(continued.statusCode()).as(continued.body()).isEqualTo(201);
        String job = client.submit(more);
        JsonNode done = client.awaitStatus(job, "SUCCEEDED", "FAILED", "CANCELED");

        assertThat(parent.get("optimalityGap").asDouble()).isGreaterThan(1e-6);
        assertAtTheOptimum(client.read(continued));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode fromJob = client.get("/api/v1/models/" + done.get("modelId").asString());
        assertAtTheOptimum(fromJob);
        assertThat(fromJob.at("/hyperparameters/optimizer/memory").asInt()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "optimizer.memory | \"optimizer\": {\"type\": \"lbfgs\", \"memory\": 0}",
                "optimizer.memory | \"optimizer\": {\"type\": \"lbfgs\", \"memory\": 101}",
                "loss | \"optimizer\": {\"type\": \"lbfgs\"}, \"loss\": \"absolute\"",
                "l1 | \"optimizer\": {\"type\": \"lbfgs\"}, \"l1\": 0.1",
                "batchSize | \"optimizer\": {\"type\": \"lbfgs\"}, \"batchSize\": 4",
                "optimizer.memory | \"optimizer\": {\"type\": \"adam\", \"memory\": 5}"
            })
    void refusesWhatLbfgsCannotTakeNamingTheField(String field, String settings) throws Exception {
        HttpResponse<String> response = client.send("POST", "/api/v1/models", "{" + longley() + ", " + settings + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.read(response).at("/errors/0/field").asString())
                .as(response.body())
                .isEqualTo(field);
    }
}
