package dev.gradfit.api.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inference over the Open Inference Protocol from models fitted on raw rows, end to end over real HTTP: one
 * tensor per table column (BYTES for a text column), null for a missing cell, answers equal to those of
 * /api/v1 predictions from the same rows, and every bad set of tensors a 400 in the protocol's error body.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.fit.max-points=10"})
class DesignInferenceTest {

    /**
     * price = 10 + 2·size + 5·[city = Paris] − 3·[city = Rome] exactly, and a last row of missing cells whose
     * price is what the fills make of it: size's mean over the other rows is 4 and Paris the most frequent city,
     * 10 + 2·4 + 5 = 23. So under missing = mean the data stay exactly linear.
     */
    private static final String ROWS = "["
            + "{\"size\":1,\"city\":\"Lyon\",\"price\":12},"
            + "{\"size\":2,\"city\":\"Paris\",\"price\":19},"
            + "{\"size\":3,\"city\":\"Rome\",\"price\":13},"
            + "{\"size\":4,\"city\":\"Lyon\",\"price\":18},"
            + "{\"size\":5,\"city\":\"Paris\",\"price\":25},"
            + "{\"size\":6,\"city\":\"Rome\",\"price\":19},"
            + "{\"size\":7,\"city\":\"Paris\",\"price\":29},"
            + "{\"size\":null,\"city\":null,\"price\":23}]";

    private static final String LBFGS = "\"optimizer\":{\"type\":\"lbfgs\"},\"epochs\":200";

    /** Sizes and cities with a missing cell of each, and the rows /api/v1 predictions takes for them. */
    private static final String SIZES = "{\"name\":\"size\",\"shape\":[4],\"datatype\":\"FP64\",\"data\":[2,null,5,3]}";

    private static final String CITIES =
            "{\"name\":\"city\",\"shape\":[4,1],\"datatype\":\"BYTES\",\"data\":[[\"Rome\"],[\"Paris\"],[null],[\"Lyon\"]]}";

    private static final String SAME_ROWS = "[{\"size\":2,\"city\":\"Rome\"},{\"size\":null,\"city\":\"Paris\"},"
            + "{\"size\":5,\"city\":null},{\"size\":3,\"city\":\"Lyon\"}]";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void describesOneInputPerColumnTheDesignReads() throws Exception {
        String id = fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"design\":{\"missing\":\"mean\"}," + LBFGS + "}");

        JsonNode metadata = json.readTree(send("GET", "/v2/models/" + id, null).body());

        // The design's columns in its order (size, then city, as the rows gave them), the target left out.
        assertThat(metadata.get("inputs").toString())
                .isEqualTo("[{\"name\":\"size\",\"datatype\":\"FP64\",\"shape\":[-1]},"
                        + "{\"name\":\"city\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        assertThat(metadata.get("outputs").toString())
                .isEqualTo("[{\"name\":\"predictions\",\"datatype\":\"FP64\",\"shape\":[-1]}]");
    }

    @Test
    void infersFromABytesTensorPerTextColumnAsPredictionsFromRowsDo() throws Exception {
        String id = fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"design\":{\"missing\":\"mean\"}," + LBFGS + "}");
        // The tensors in another order than the design's: matched by name.
        String body = "{\"id\":\"7\",\"inputs\":[" + CITIES + "," + SIZES + "]}";

        HttpResponse<String> response = send("POST", "/v2/models/" + id + "/infer", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("id").asString()).isEqualTo("7");
        JsonNode output = answer.at("/outputs/0");
        assertThat(output.get("shape").toString()).isEqualTo("[4]");
        // 10 + 2·2 − 3; size filled with its mean 4, 10 + 8 + 5; city filled with Paris, 10 + 10 + 5; 10 + 6.
        double[] expected = {11, 23, 25, 16};
        for (int i = 0; i < expected.length; i++) {
            // lbfgs reaches the exact weights to about 1e-6; a prediction sums four of them times at most 5.
            assertThat(output.at("/data/" + i).asDouble()).isCloseTo(expected[i], within(5e-5));
        }
        assertThat(output.get("data")).isEqualTo(v1Predictions(id, SAME_ROWS).get("predictions"));
    }

    @Test
    void followsTheModelsUnknownLevels() throws Exception {
        String ignoring = fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"design\":{\"missing\":\"mean\","
                + "\"unknownLevels\":\"ignore\"}," + LBFGS + "}");
        String refusing = fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"design\":{\"missing\":\"mean\","
                + "\"unknownLevels\":\"error\"}," + LBFGS + "}");
        String nice = "{\"inputs\":[" + SIZES + "," + CITIES.replace("[\"Lyon\"]", "[\"Nice\"]") + "]}";
        String niceRows = SAME_ROWS.replace("\"Lyon\"", "\"Nice\"");

        HttpResponse<String> ignored = send("POST", "/v2/models/" + ignoring + "/infer", nice);
        assertThat(ignored.statusCode()).as(ignored.body()).isEqualTo(200);
        JsonNode data = json.readTree(ignored.body()).at("/outputs/0/data");
        // An ignored level has all its 0/1 columns 0, as the first level Lyon does: 10 + 2·3.
        assertThat(data.get(3).asDouble()).isCloseTo(16, within(5e-5));
        assertThat(data).isEqualTo(v1Predictions(ignoring, niceRows).get("predictions"));

        HttpResponse<String> refused = send("POST", "/v2/models/" + refusing + "/infer", nice);
        assertError(refused, 400, "inputs[1].data[3] (row 3 of the tensor \"city\") has the level \"Nice\"");
        HttpResponse<String> v1 =
                send("POST", "/api/v1/models/" + refusing + "/predictions", "{\"rows\":" + niceRows + "}");
        assertThat(v1.statusCode()).isEqualTo(400);
        assertThat(v1.body()).contains("rows[3].city").contains("\\\"Nice\\\"");
    }

    @Test
    void refusesAMissingCellWhenTheModelFillsNone() throws Exception {
        String id = fit("{\"rows\":" + ROWS.substring(0, ROWS.lastIndexOf(",{")) + "],\"target\":\"price\","
                + "\"design\":{\"missing\":\"refuse\"}," + LBFGS + "}");

        assertError(
                send("POST", "/v2/models/" + id + "/infer", "{\"inputs\":[" + SIZES + "," + CITIES + "]}"),
                400,
                "inputs[0].data[1] (row 1 of the tensor \"size\") is missing");
    }

    @Test
    void namesTheTensorOfTheRefusedColumnWhenSeveralNamesAreUnusual() throws Exception {
        // price = 1 + a + 2b exactly; "a!" and "b!" are both shown as (an unusual name).
        String rows = "[{\"a!\":0,\"b!\":0,\"price\":1},{\"a!\":1,\"b!\":0,\"price\":2},"
                + "{\"a!\":0,\"b!\":1,\"price\":3},{\"a!\":1,\"b!\":1,\"price\":4},"
                + "{\"a!\":2,\"b!\":1,\"price\":5},{\"a!\":1,\"b!\":2,\"price\":6}]";
        String id =
                fit("{\"rows\":" + rows + ",\"target\":\"price\",\"design\":{\"missing\":\"refuse\"}," + LBFGS + "}");
        String tensors = "{\"inputs\":[{\"name\":\"a!\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[1,2]},"
                + "{\"name\":\"b!\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[3,null]}]}";

        assertError(
                send("POST", "/v2/models/" + id + "/infer", tensors), 400, "inputs[1].data[1] (row 1 of the tensor");
    }

    @Test
    void answersProbabilitiesAndNamedLabelsAsPredictionsFromRowsDo() throws Exception {
        String rows =
                "[{\"x\":0.5,\"city\":\"Lyon\",\"bought\":\"no\"},{\"x\":1.0,\"city\":\"Paris\",\"bought\":\"no\"},"
                        + "{\"x\":1.5,\"city\":\"Lyon\",\"bought\":\"no\"},{\"x\":2.0,\"city\":\"Paris\",\"bought\":\"yes\"},"
                        + "{\"x\":2.5,\"city\":\"Lyon\",\"bought\":\"no\"},{\"x\":3.0,\"city\":\"Paris\",\"bought\":\"yes\"},"
                        + "{\"x\":3.5,\"city\":\"Lyon\",\"bought\":\"yes\"},{\"x\":4.0,\"city\":null,\"bought\":\"yes\"}]";
        String id = fit("{\"rows\":" + rows + ",\"target\":\"bought\",\"loss\":{\"type\":\"logistic\"},\"l2\":0.01,"
                + "\"design\":{\"missing\":\"indicator\"},\"learningRate\":0.5,\"epochs\":2000}");
        String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[3,1],\"datatype\":\"FP32\",\"data\":[0.5,2.25,4]},"
                + "{\"name\":\"city\",\"shape\":[3],\"datatype\":\"BYTES\",\"data\":[\"Paris\",null,\"Lyon\"]}]}";

        HttpResponse<String> response = send("POST", "/v2/models/" + id + "/infer", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        JsonNode v1 = v1Predictions(
                id, "[{\"x\":0.5,\"city\":\"Paris\"},{\"x\":2.25,\"city\":null},{\"x\":4,\"city\":\"Lyon\"}]");
        assertThat(answer.at("/outputs/0/data")).isEqualTo(v1.get("probabilities"));
        assertThat(answer.at("/outputs/1/datatype").asString()).isEqualTo("BYTES");
        assertThat(answer.at("/outputs/1/data")).isEqualTo(v1.get("labels"));
        assertThat(answer.at("/outputs/1/data").toString())
                .startsWith("[\"no\",")
                .endsWith(",\"yes\"]");
    }

    @Test
    void takesNumbersOrStringsForACategoricalColumnOfCodes() throws Exception {
        String rows = "[{\"zone\":1,\"y\":3},{\"zone\":2,\"y\":5},{\"zone\":3,\"y\":4},{\"zone\":1,\"y\":3},"
                + "{\"zone\":2,\"y\":5},{\"zone\":3,\"y\":4}]";
        String id =
                fit("{\"rows\":" + rows + ",\"target\":\"y\",\"design\":{\"categorical\":[\"zone\"]}," + LBFGS + "}");
        JsonNode metadata = json.readTree(send("GET", "/v2/models/" + id, null).body());
        assertThat(metadata.get("inputs").toString())
                .isEqualTo("[{\"name\":\"zone\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");

        String numbers = "{\"inputs\":[{\"name\":\"zone\",\"shape\":[3],\"datatype\":\"INT64\",\"data\":[3,1,2]}]}";
        String strings =
                "{\"inputs\":[{\"name\":\"zone\",\"shape\":[3],\"datatype\":\"BYTES\",\"data\":[\"3\",\"1\",\"2\"]}]}";
        JsonNode expected =
                v1Predictions(id, "[{\"zone\":3},{\"zone\":1},{\"zone\":2}]").get("predictions");
        for (String body : new String[] {numbers, strings}) {
            HttpResponse<String> response = send("POST", "/v2/models/" + id + "/infer", body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode data = json.readTree(response.body()).at("/outputs/0/data");
            assertThat(data).as(body).isEqualTo(expected);
            // The means of the zones: 4, 3 and 5.
            assertThat(data.get(0).asDouble()).isCloseTo(4, within(1e-5));
            assertThat(data.get(2).asDouble()).isCloseTo(5, within(1e-5));
        }
    }

    @Test
    void refusesTensorsThatDoNotMatchTheColumns() throws Exception {
        String id = fit("{\"rows\":" + ROWS + ",\"target\":\"price\",\"design\":{\"missing\":\"mean\"}," + LBFGS + "}");
        String infer = "/v2/models/" + id + "/infer";

        assertError(send("POST", infer, inputs(SIZES)), 400, "inputs has no tensor named \"city\"");
        assertError(
                send("POST", infer, inputs(SIZES, CITIES, SIZES.replace("\"size\"", "\"rooms\""))),
                400,
                "inputs[2].name is not a column the model reads");
        assertError(send("POST", infer, inputs(SIZES, CITIES, SIZES)), 400, "inputs[2].name repeats inputs[0].name");
        assertError(
                send("POST", infer, inputs(SIZES.replace("FP64", "BYTES"), CITIES)),
                400,
                "inputs[0].data must hold strings (or null) for the datatype BYTES");
        assertError(
                send(
                        "POST",
                        infer,
                        inputs(
                                "{\"name\":\"size\",\"shape\":[4],\"datatype\":\"BYTES\","
                                        + "\"data\":[\"2\",\"1\",\"5\",\"3\"]}",
                                CITIES)),
                400,
                "inputs[0].datatype is BYTES, but the model reads \"size\" as numbers");
        assertError(
                send(
                        "POST",
                        infer,
                        inputs(
                                SIZES,
                                "{\"name\":\"city\",\"shape\":[4],\"datatype\":\"FP64\"," + "\"data\":[1,2,3,4]}")),
                400,
                "inputs[1].datatype is FP64, but \"city\" is a text column");
        assertError(
                send("POST", infer, inputs(SIZES.replace("[4]", "[3]").replace("[2,null,5,3]", "[2,null,5]"), CITIES)),
                400,
                "inputs[1].shape has 4 rows but inputs[0] has 3");
        assertError(
                send("POST", infer, inputs(SIZES.replace("[4]", "[2,2]"), CITIES)),
                400,
                "inputs[0].shape must be [rows] or [rows, 1]");
        assertError(
                send("POST", infer, inputs(SIZES, CITIES.replace("\"BYTES\"", "\"BOOL\""))),
                400,
                "inputs[1].datatype must be FP64");
        String eleven = "{\"name\":\"size\",\"shape\":[11],\"datatype\":\"FP64\",\"data\":[1,2,3,4,5,6,7,8,9,10,11]}";
        String elevenCities = "{\"name\":\"city\",\"shape\":[11],\"datatype\":\"BYTES\",\"data\":"
                + "[\"Lyon\",\"Lyon\",\"Lyon\",\"Lyon\",\"Lyon\",\"Lyon\",\"Lyon\",\"Lyon\",\"Lyon\",\"Lyon\",\"Lyon\"]}";
        assertError(send("POST", infer, inputs(eleven, elevenCities)), 400, "more than the limit of 10");
        assertError(
                send("POST", infer, inputs(SIZES.replace("[2,null,5,3]", "[2,\"x\",5,3]"), CITIES)),
                400,
                "must be a number, like the elements before it");
    }

    @Test
    void refusesNullsAndStringsForAModelFittedFromNumbers() throws Exception {
        String id = fit("{\"x\":[0,1,2,3,4],\"y\":[4,6,8,10,12],\"learningRate\":0.05,\"epochs\":100}");
        String infer = "/v2/models/" + id + "/infer";

        assertError(
                send("POST", infer, inputs("{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[1,null]}")),
                400,
                "inputs[0].data element 1 must be a number, not null");
        assertError(
                send(
                        "POST",
                        infer,
                        inputs("{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[\"1\",\"2\"]}")),
                400,
                "inputs[0].data must hold numbers for the datatype FP64, not strings");
        assertError(
                send("POST", infer, inputs("{\"name\":\"x\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[\"1\"]}")),
                400,
                "inputs[0].datatype");
    }

    private static String inputs(String... tensors) {
        return "{\"inputs\":[" + String.join(",", tensors) + "]}";
    }

    private void assertError(HttpResponse<String> response, int status, String says) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (says == null) {
            return;
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = json.readTree(response.body());
        assertThat(error.propertyNames()).containsExactly("error");
        assertThat(error.get("error").asString()).contains(says);
    }

    private String fit(String body) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/models", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }

    private JsonNode v1Predictions(String id, String rows) throws Exception {
        HttpResponse<String> response =
                send("POST", "/api/v1/models/" + id + "/predictions", "{\"rows\":" + rows + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
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
