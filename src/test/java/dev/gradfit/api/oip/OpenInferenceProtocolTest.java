package dev.gradfit.api.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.web.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Open Inference Protocol (KServe V2 REST) end to end over real HTTP: requests written after the
 * specification's own examples (kserve docs/predict-api/v2/required_api.md and rest_predict_v2.yaml),
 * answers checked for the specification's field names and types, and for the values of y = 2x + 4.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.http.max-body-size=16KB", "gradfit.fit.max-points=10"})
class OpenInferenceProtocolTest {

    /** The tutorial's line on x = 0..4; at this rate 2000 epochs reach it to rounding (contraction 0.97 per epoch). */
    private static final String LINE_FIT =
            "{\"x\":[0,1,2,3,4],\"y\":[4,6,8,10,12],\"learningRate\":0.05,\"epochs\":2000}";

    /** Two features, y = 1 + 2·x1 + 3·x2, exact data. */
    private static final String PLANE_FIT = "{\"x\":[[0,0],[1,0],[0,1],[1,1],[2,1],[1,2]],"
            + "\"y\":[1,3,4,6,8,9],\"learningRate\":0.1,\"epochs\":5000}";

    private static final String LOGISTIC_FIT = "{\"x\":[0.5,1.0,1.5,2.0,2.5,3.0,3.5,4.0],\"y\":[0,0,0,1,0,1,1,1],"
            + "\"loss\":{\"type\":\"logistic\"},\"l2\":0.01,\"learningRate\":0.5,\"epochs\":3000}";

    /** The protocol's example request with the model's FP64 input in place of input0 and input1. */
    private static final String SPEC_EXAMPLE = """
            {
              "id" : "42",
              "inputs" : [
                {
                  "name" : "input0",
                  "shape" : [ 2, 2 ],
                  "datatype" : "FP64",
                  "data" : [ 1, 2, 3, 4 ]
                }
              ],
              "outputs" : [
                {
                  "name" : "predictions"
                }
              ]
            }""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void answersServerMetadata() throws Exception {
        HttpResponse<String> response = send("GET", "/v2", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode metadata = json.readTree(response.body());
        assertThat(metadata.propertyNames()).containsExactlyInAnyOrder("name", "version", "extensions");
        assertThat(metadata.get("name").asString()).isEqualTo("gradfit");
        assertThat(metadata.get("version").isString()).isTrue();
        assertThat(metadata.get("version").asString()).isNotBlank();
        assertThat(metadata.get("extensions").isArray()).isTrue();
        assertThat(send("GET", "/v2/", null).body()).isEqualTo(response.body());
    }

    @Test
    void isLiveAndReadyWithEmptyBodies() throws Exception {
        for (String path : List.of("/v2/health/live", "/v2/health/ready")) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEmpty();
        }
    }

    @Test
    void describesARegressionModel() throws Exception {
        String id = fit(LINE_FIT);

        for (String path : List.of("/v2/models/" + id, "/v2/models/" + id + "/versions/1")) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode metadata = json.readTree(response.body());
            assertThat(metadata.propertyNames())
                    .containsExactlyInAnyOrder("name", "versions", "platform", "inputs", "outputs");
            assertThat(metadata.get("name").asString()).isEqualTo(id);
            assertThat(metadata.get("versions").toString()).isEqualTo("[\"1\"]");
            assertThat(metadata.get("platform").asString()).isEqualTo("gradfit");
            assertThat(metadata.get("inputs").toString())
                    .isEqualTo("[{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[-1,1]}]");
            assertThat(metadata.get("outputs").toString())
                    .isEqualTo("[{\"name\":\"predictions\",\"datatype\":\"FP64\",\"shape\":[-1]}]");
        }
        JsonNode plane =
                json.readTree(send("GET", "/v2/models/" + fit(PLANE_FIT), null).body());
        assertThat(plane.at("/inputs/0/shape").toString()).isEqualTo("[-1,2]");
    }

    @Test
    void describesALogisticModelWithProbabilitiesAndLabels() throws Exception {
        String id = fit(LOGISTIC_FIT);

        JsonNode metadata = json.readTree(send("GET", "/v2/models/" + id, null).body());

        assertThat(metadata.get("outputs").toString())
                .isEqualTo("[{\"name\":\"probabilities\",\"datatype\":\"FP64\",\"shape\":[-1]},"
                        + "{\"name\":\"labels\",\"datatype\":\"INT64\",\"shape\":[-1]}]");
    }

    @Test
    void answersNamedClassesAsBytes() throws Exception {
        String id = fit(LOGISTIC_FIT.replace(
                "[0,0,0,1,0,1,1,1]", "[\"no\",\"no\",\"no\",\"yes\",\"no\",\"yes\",\"yes\",\"yes\"]"));

        JsonNode metadata = json.readTree(send("GET", "/v2/models/" + id, null).body());
        assertThat(metadata.at("/outputs/1").toString())
                .isEqualTo("{\"name\":\"labels\",\"datatype\":\"BYTES\",\"shape\":[-1]}");

        String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[0.5,4]}]}";
        JsonNode answer =
                json.readTree(send("POST", "/v2/models/" + id + "/infer", body).body());
        JsonNode labels = answer.at("/outputs/1");
        assertThat(labels.get("datatype").asString()).isEqualTo("BYTES");
        assertThat(labels.get("data").toString()).isEqualTo("[\"no\",\"yes\"]");
    }

    @Test
    void saysAKeptModelIsReady() throws Exception {
        String id = fit(LINE_FIT);

        HttpResponse<String> ready = send("GET", "/v2/models/" + id + "/ready", null);
        HttpResponse<String> versionReady = send("GET", "/v2/models/" + id + "/versions/1/ready", null);

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEmpty();
        assertThat(versionReady.statusCode()).isEqualTo(200);
        assertThat(versionReady.body()).isEmpty();
        assertError(send("GET", "/v2/models/" + id + "/versions/2/ready", null), 404, "version");
        assertError(send("GET", "/v2/models/" + UUID.randomUUID() + "/ready", null), 404, "Unknown model");
        assertError(send("GET", "/v2/models/not-a-model/ready", null), 404, "Unknown model");
    }

    @Test
    void infersTheTutorialLineFromFlatAndNestedData() throws Exception {
        String id = fit(LINE_FIT);
        String flat = "{\"id\":\"42\",\"inputs\":[{\"name\":\"x\",\"shape\":[3],\"datatype\":\"FP64\","
                + "\"data\":[6,7,10]}]}";
        String nested = "{\"id\":\"42\",\"inputs\":[{\"name\":\"x\",\"shape\":[3,1],\"datatype\":\"FP64\","
                + "\"data\":[[6],[7],[10]]}],\"parameters\":{\"content_type\":\"np\"}}";

        for (String body : List.of(flat, nested)) {
            HttpResponse<String> response = send("POST", "/v2/models/" + id + "/infer", body);

            assertThat(response.statusCode()).as(body).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode answer = json.readTree(response.body());
            // No version in the path: the response names none.
            assertThat(answer.propertyNames()).containsExactlyInAnyOrder("model_name", "id", "outputs");
            assertThat(answer.get("model_name").asString()).isEqualTo(id);
            assertThat(answer.get("id").asString()).isEqualTo("42");
            JsonNode output = answer.at("/outputs/0");
            assertThat(answer.get("outputs")).hasSize(1);
            assertThat(output.propertyNames()).containsExactlyInAnyOrder("name", "datatype", "shape", "data");
            assertThat(output.get("name").asString()).isEqualTo("predictions");
            assertThat(output.get("datatype").asString()).isEqualTo("FP64");
            assertThat(output.get("shape").toString()).isEqualTo("[3]");
            double[] expected = {16, 18, 24}; // 2x + 4
            for (int i = 0; i < expected.length; i++) {
                // The fit has converged to rounding; 1e-9 leaves room for its last bits.
                assertThat(output.at("/data/" + i).asDouble()).isCloseTo(expected[i], within(1e-9));
            }
            assertThat(output.get("data"))
                    .isEqualTo(v1Predictions(id, "[6,7,10]").get("predictions"));
        }
    }

    @Test
    void answersTheSpecificationsExampleForATwoFeatureModel() throws Exception {
        String id = fit(PLANE_FIT);

        HttpResponse<String> response = send("POST", "/v2/models/" + id + "/infer", SPEC_EXAMPLE);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("id").asString()).isEqualTo("42");
        assertThat(answer.at("/outputs/0/shape").toString()).isEqualTo("[2]");
        // Rows [1, 2] and [3, 4] of y = 1 + 2·x1 + 3·x2: 9 and 19, as /api/v1 answers them.
        JsonNode data = answer.at("/outputs/0/data");
        assertThat(data.get(0).asDouble()).isCloseTo(9, within(1e-6));
        assertThat(data.get(1).asDouble()).isCloseTo(19, within(1e-6));
        assertThat(data).isEqualTo(v1Predictions(id, "[[1,2],[3,4]]").get("predictions"));
    }

    @Test
    void takesOneTensorPerFeatureInColumnOrder() throws Exception {
        String id = fit(PLANE_FIT);
        String columns = "{\"inputs\":[{\"name\":\"x1\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[1,3]},"
                + "{\"name\":\"x2\",\"shape\":[2,1],\"datatype\":\"FP64\",\"data\":[[2],[4]]}]}";

        HttpResponse<String> response = send("POST", "/v2/models/" + id + "/infer", columns);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.has("id")).isFalse();
        assertThat(answer.at("/outputs/0/data"))
                .isEqualTo(v1Predictions(id, "[[1,2],[3,4]]").get("predictions"));
    }

    @Test
    void namesTheFeaturesAndMatchesTensorsToThemByName() throws Exception {
        String id = fit(PLANE_FIT.replace("{\"x\"", "{\"featureNames\":[\"size\",\"rooms\"],\"x\""));
        HttpResponse<String> metadata = send("GET", "/v2/models/" + id, null);
        assertThat(json.readTree(metadata.body())
                        .at("/inputs/0/parameters/feature_names")
                        .asString())
                .isEqualTo("size,rooms");

        // The tensors in the other order, named: matched by name, so the same answer as [[1,2],[3,4]].
        String columns = "{\"inputs\":[{\"name\":\"rooms\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[2,4]},"
                + "{\"name\":\"size\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[1,3]}]}";
        HttpResponse<String> response = send("POST", "/v2/models/" + id + "/infer", columns);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).at("/outputs/0/data"))
                .isEqualTo(v1Predictions(id, "[[1,2],[3,4]]").get("predictions"));
    }

    @Test
    void refusesTensorsOfWhichOnlySomeAreNamedAfterFeatures() throws Exception {
        String id = fit(PLANE_FIT.replace("{\"x\"", "{\"featureNames\":[\"size\",\"rooms\"],\"x\""));
        // "rooms" names a feature, "area" does not: in column order rooms would be read as size.
        String partial = "{\"inputs\":[{\"name\":\"rooms\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[2,4]},"
                + "{\"name\":\"area\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[1,3]}]}";

        assertError(send("POST", "/v2/models/" + id + "/infer", partial), 400, "inputs[1].name");
        assertError(send("POST", "/v2/models/" + id + "/infer", partial), 400, "\"size\", \"rooms\"");

        String repeated = partial.replace("\"area\"", "\"rooms\"");
        assertError(send("POST", "/v2/models/" + id + "/infer", repeated), 400, "inputs[1].name repeats");

        // No tensor named after a feature: taken in column order, as for a model without names.
        String unnamed = partial.replace("\"rooms\"", "\"c1\"").replace("\"area\"", "\"c2\"");
        HttpResponse<String> ordered = send("POST", "/v2/models/" + id + "/infer", unnamed);
        assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(200);
        assertThat(json.readTree(ordered.body()).at("/outputs/0/data"))
                .isEqualTo(v1Predictions(id, "[[2,1],[4,3]]").get("predictions"));
    }

    @Test
    void readsIntegerDatatypesAsNumbers() throws Exception {
        String id = fit(LINE_FIT);
        String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[2,1],\"datatype\":\"UINT32\",\"data\":[1,2]}]}";

        JsonNode answer =
                json.readTree(send("POST", "/v2/models/" + id + "/infer", body).body());

        assertThat(answer.at("/outputs/0/data/0").asDouble()).isCloseTo(6, within(1e-9));
        assertThat(answer.at("/outputs/0/data/1").asDouble()).isCloseTo(8, within(1e-9));
    }

    @Test
    void refusesIntegersJustBeyondTheWidestIntegerDatatypes() throws Exception {
        String id = fit(LINE_FIT);
        String infer = "/v2/models/" + id + "/infer";

        // 2^63 - 1 and 2^63 are one double, as are 2^64 - 1 and 2^64: only the written integer tells them apart.
        assertError(
                send("POST", infer, input("INT64", "[1]", "[9223372036854775808]")),
                400,
                "inputs[0].data has a value outside the range of its datatype");
        assertError(
                send("POST", infer, input("INT64", "[1]", "[-9223372036854775809]")),
                400,
                "inputs[0].data has a value outside the range of its datatype");
        assertError(
                send("POST", infer, input("UINT64", "[1]", "[18446744073709551616]")),
                400,
                "inputs[0].data has a value outside the range of its datatype");
        assertThat(send("POST", infer, input("INT64", "[2]", "[9223372036854775807,-9223372036854775808]"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", infer, input("UINT64", "[1]", "[18446744073709551615]"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void namesTheVersionWhenThePathDoes() throws Exception {
        String id = fit(LINE_FIT);
        String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,1],\"datatype\":\"FP64\",\"data\":[0]}]}";

        HttpResponse<String> response = send("POST", "/v2/models/" + id + "/versions/1/infer", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("model_version").asString()).isEqualTo("1");
        assertThat(answer.at("/outputs/0/data/0").asDouble()).isCloseTo(4, within(1e-9));
        assertError(send("POST", "/v2/models/" + id + "/versions/2/infer", body), 404, "version");
    }

    @Test
    void infersProbabilitiesAndLabelsFromALogisticModel() throws Exception {
        HttpResponse<String> fitted = send("POST", "/api/v1/models", LOGISTIC_FIT);
        JsonNode model = json.readTree(fitted.body());
        String id = model.get("id").asString();
        double intercept = model.at("/weights/intercept").asDouble();
        double slope = model.at("/weights/coefficients/0").asDouble();
        double[] x = {0.5, 2.25, 4.0};
        String body = "{\"inputs\":[{\"name\":\"x\",\"shape\":[3,1],\"datatype\":\"FP64\",\"data\":[0.5,2.25,4.0]}]}";

        JsonNode answer =
                json.readTree(send("POST", "/v2/models/" + id + "/infer", body).body());

        assertThat(answer.get("outputs")).hasSize(2);
        JsonNode probabilities = answer.at("/outputs/0");
        JsonNode labels = answer.at("/outputs/1");
        assertThat(probabilities.get("name").asString()).isEqualTo("probabilities");
        assertThat(probabilities.get("datatype").asString()).isEqualTo("FP64");
        assertThat(labels.get("name").asString()).isEqualTo("labels");
        assertThat(labels.get("datatype").asString()).isEqualTo("INT64");
        assertThat(labels.get("shape").toString()).isEqualTo("[3]");
        for (int i = 0; i < x.length; i++) {
            double p = 1 / (1 + Math.exp(-(intercept + slope * x[i])));
            // σ computed here and by the model may differ in the last bits.
            assertThat(probabilities.at("/data/" + i).asDouble()).isCloseTo(p, within(1e-12));
            assertThat(labels.at("/data/" + i).isIntegralNumber()).isTrue();
            assertThat(labels.at("/data/" + i).asInt()).isEqualTo(p >= 0.5 ? 1 : 0);
        }
        // The data straddle the boundary: the ends are labelled 0 and 1.
        assertThat(labels.get("data").toString()).startsWith("[0,").endsWith(",1]");
        JsonNode v1 = v1Predictions(id, "[0.5,2.25,4.0]");
        assertThat(probabilities.get("data")).isEqualTo(v1.get("probabilities"));
        assertThat(labels.get("data")).isEqualTo(v1.get("labels"));

        String onlyLabels = "{\"parameters\":{\"threshold\":0.999},\"inputs\":[{\"name\":\"x\",\"shape\":[3,1],"
                + "\"datatype\":\"FP64\",\"data\":[0.5,2.25,4.0]}],\"outputs\":[{\"name\":\"labels\"}]}";
        JsonNode strict = json.readTree(
                send("POST", "/v2/models/" + id + "/infer", onlyLabels).body());
        assertThat(strict.get("outputs")).hasSize(1);
        assertThat(strict.at("/outputs/0/name").asString()).isEqualTo("labels");
        assertThat(strict.at("/outputs/0/data").toString()).isEqualTo("[0,0,0]");
    }

    @Test
    void answersEveryBadInferenceWithTheProtocolsErrorBody() throws Exception {
        String id = fit(LINE_FIT);
        String infer = "/v2/models/" + id + "/infer";

        assertError(send("POST", infer, input("FP64", "[2,1]", "[1,2,3]")), 400, "inputs[0].data has 3 values");
        assertError(send("POST", infer, input("FP64", "[2,2]", "[1,2,3,4]")), 400, "inputs[0].shape");
        assertError(send("POST", infer, input("BOOL", "[1,1]", "[1]")), 400, "inputs[0].datatype");
        assertError(send("POST", infer, input("BYTES", "[1,1]", "[1]")), 400, "inputs[0].datatype");
        assertError(send("POST", infer, input("INT32", "[1,1]", "[1.5]")), 400, "integers");
        assertError(send("POST", infer, input("UINT8", "[1,1]", "[-1]")), 400, "range");
        assertError(send("POST", infer, input("FP64", "[2,1]", "[1,1e400]")), 400, "finite");
        assertError(send("POST", infer, input("FP64", "[2,1]", "[1,\"NaN\"]")), 400, "must be a number");
        assertError(send("POST", infer, input("FP64", "[2,1]", "[1,NaN]")), 400, "not valid JSON");
        assertError(send("POST", infer, input("FP64", "[2,1]", "[[1],2]")), 400, "nest");
        assertError(send("POST", infer, input("FP64", "[2,1]", "[[1,2]]")), 400, "nested otherwise");
        assertError(send("POST", infer, input("FP64", "[-1,1]", "[1]")), 400, "negative");
        assertError(send("POST", infer, input("FP64", "[11,1]", "[1,2,3,4,5,6,7,8,9,10,11]")), 400, "limit of 10");
        assertError(send("POST", infer, input("FP64", "[0,1]", "[]")), 400, "no rows");
        assertError(
                send(
                        "POST",
                        infer,
                        input("FP64", "[1,1]", "[1]").replace("]}]}", "]}],\"outputs\":[{\"name\":\"y\"}]}")),
                400,
                "outputs[0].name");
        assertError(
                send(
                        "POST",
                        infer,
                        input("FP64", "[1,1]", "[1]")
                                .replace("{\"inputs\"", "{\"parameters\":{\"threshold\":0.3},\"inputs\"")),
                400,
                "logistic");
        assertError(send("POST", infer, "{\"inputs\":[]}"), 400, "inputs");
        assertError(send("POST", infer, "{\"id\":\"42\"}"), 400, "inputs");
        assertError(send("POST", infer, "{\"inputs\":[{\"name\":\"x\"}]}"), 400, "inputs[0]");
        assertError(send("POST", infer, "{\"inputs\":[null]}"), 400, "inputs[0]");
        assertError(send("POST", infer, input("FP64", "[null,1]", "[1]")), 400, "shape[0]");
        assertError(
                send("POST", infer, input("FP64", "[1,1]", "[1]").replace("]}]}", "]}],\"outputs\":[null]}")),
                400,
                "outputs[0]");
        assertError(send("POST", infer, input("FP64", "[1,1]", "{\"a\":1}")), 400, "inputs[0].data");
        assertError(
                send(
                        "POST",
                        infer,
                        input("FP64", "[1,1]", "[1]").replace("\"name\":\"x\",", "\"name\":\"x\",\"extra\":1,")),
                400,
                "extra");
        assertError(send("POST", infer, "{\"inputs\": ["), 400, "JSON");
        assertError(send("POST", infer, "[]"), 400, "JSON object");
        assertError(send("POST", "/v2/models/" + UUID.randomUUID() + "/infer", SPEC_EXAMPLE), 404, "Unknown model");
        assertError(send("GET", "/v2/models/" + UUID.randomUUID(), null), 404, "Unknown model");
        assertError(send("GET", "/v2/models/" + id + "/versions/7", null), 404, "version");
    }

    @Test
    void answersRefusalsOfTheFiltersAndOfSpringMvcWithTheProtocolsErrorBody() throws Exception {
        String id = fit(LINE_FIT);
        String infer = "/v2/models/" + id + "/infer";

        HttpResponse<String> plain = http.send(
                HttpRequest.newBuilder(uri(infer))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(SPEC_EXAMPLE))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(plain, 415, "application/json");
        HttpResponse<String> wildcard = http.send(
                HttpRequest.newBuilder(uri(infer))
                        .header("Content-Type", "*/*")
                        .POST(HttpRequest.BodyPublishers.ofString(SPEC_EXAMPLE))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(wildcard, 415, "application/json");
        assertError(send("GET", infer, null), 405, "not allowed");
        assertError(send("GET", "/v2/nothing/here", null), 404, "No resource");

        // A declared length past gradfit.http.max-body-size (16KB here) is refused unread by the body filter.
        String large = input("FP64", "[1,1]", "[1]") + " ".repeat(20_000);
        RawHttp.Response tooLarge = new RawHttp(port).send(RawHttp.Request.json("POST", infer, large));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).isEqualTo("application/json");
        JsonNode error = json.readTree(tooLarge.text());
        assertThat(error.propertyNames()).containsExactly("error");
        assertThat(error.get("error").asString()).contains("gradfit.http.max-body-size");

        // Elsewhere errors stay RFC 9457 problems.
        HttpResponse<String> v1 = send("GET", "/api/v1/models/" + UUID.randomUUID(), null);
        assertThat(v1.statusCode()).isEqualTo(404);
        assertThat(v1.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(v1.body()).has("type")).isTrue();
    }

    @Test
    void documentsTheProtocolInTheOpenApiDocument() throws Exception {
        JsonNode docs = json.readTree(send("GET", "/v3/api-docs", null).body());

        JsonNode infer = docs.at("/paths/~1v2~1models~1{name}~1infer/post");
        assertThat(infer.get("tags").toString()).contains("Open Inference Protocol");
        for (String status : List.of("400", "404", "408", "413", "415", "503")) {
            assertThat(infer.at("/responses/" + status + "/content/application~1json/schema/$ref")
                            .asString())
                    .as(status)
                    .endsWith("/OipError");
        }
        assertThat(infer.at("/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .endsWith("/OipInferenceRequest");
        assertThat(docs.at("/paths/~1v2~1models~1{name}~1versions~1{version}~1infer/post")
                        .isMissingNode())
                .isFalse();
        for (String path : List.of(
                "/paths/~1v2/get",
                "/paths/~1v2~1health~1live/get",
                "/paths/~1v2~1health~1ready/get",
                "/paths/~1v2~1models~1{name}/get",
                "/paths/~1v2~1models~1{name}~1ready/get")) {
            assertThat(docs.at(path).isMissingNode()).as(path).isFalse();
        }
        JsonNode schemas = docs.at("/components/schemas");
        assertThat(schemas.at("/OipInferenceResponse/properties").propertyNames())
                .contains("model_name", "model_version", "id", "outputs");
        assertThat(schemas.at("/OipRequestInput/properties/data/type").asString())
                .isEqualTo("array");
        assertThat(schemas.at("/OipError/required").toString()).isEqualTo("[\"error\"]");
    }

    private static String input(String datatype, String shape, String data) {
        return "{\"inputs\":[{\"name\":\"x\",\"shape\":" + shape + ",\"datatype\":\"" + datatype + "\",\"data\":" + data
                + "}]}";
    }

    private void assertError(HttpResponse<String> response, int status, String says) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = json.readTree(response.body());
        assertThat(error.propertyNames()).containsExactly("error");
        assertThat(error.get("error").isString()).isTrue();
        assertThat(error.get("error").asString()).contains(says);
    }

    private String fit(String body) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/models", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }

    private JsonNode v1Predictions(String id, String x) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/models/" + id + "/predictions", "{\"x\":" + x + "}");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
