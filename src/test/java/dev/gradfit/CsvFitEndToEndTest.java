package dev.gradfit;

import static dev.gradfit.ApiClient.parts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV uploads and feature names end to end, over real multipart HTTP: the houses below follow price = 3·size +
 * 2·rooms + 5 exactly, so least squares answers intercept 5 and coefficients 3 and 2 whatever the method.
 * Small limits (50 points, a 16 KB body) so that the limits can be reached.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.fit.max-points=50", "gradfit.http.max-body-size=16KB"})
class CsvFitEndToEndTest {

    static final String HOUSES = """
            size,rooms,price
            1,2,12
            2,1,13
            3,3,20
            4,1,19
            5,4,28
            6,2,27
            7,5,36
            8,3,35
            """;

    /** Descent on standardized features converges on these well-conditioned houses long before 3000 epochs. */
    static final String OPTIONS = "{\"standardize\": true, \"learningRate\": 0.1, \"epochs\": 3000}";

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Test
    void fitsACsvFileAndNamesItsCoefficientsByTheHeader() throws Exception {
        HttpResponse<String> created = api.upload("/api/v1/models", parts("file", HOUSES, "options", OPTIONS));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode model = json.readTree(created.body());
        assertThat(model.get("featureNames").toString()).isEqualTo("[\"size\",\"rooms\"]");
        assertThat(model.get("targetName").asString()).isEqualTo("price");
        // The exact least-squares solution (QR), to rounding; descent, to its convergence.
        assertThat(model.at("/reference/weights/intercept").asDouble()).isCloseTo(5, within(1e-9));
        assertThat(model.at("/reference/weights/coefficients/0").asDouble()).isCloseTo(3, within(1e-9));
        assertThat(model.at("/reference/weights/coefficients/1").asDouble()).isCloseTo(2, within(1e-9));
        assertThat(model.at("/coefficientsByName/size").asDouble()).isCloseTo(3, within(1e-6));
        assertThat(model.at("/coefficientsByName/rooms").asDouble()).isCloseTo(2, within(1e-6));
        assertThat(model.at("/weights/intercept").asDouble()).isCloseTo(5, within(1e-6));

        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> predicted = api.post(
                location + "/predictions", "{\"x\": [{\"rooms\": 2, \"size\": 3}, {\"size\": 10, \"rooms\": 0}]}");

        assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
        JsonNode predictions = json.readTree(predicted.body()).get("predictions");
        assertThat(predictions.get(0).asDouble()).isCloseTo(3 * 3 + 2 * 2 + 5, within(1e-5));
        assertThat(predictions.get(1).asDouble()).isCloseTo(3 * 10 + 5, within(1e-5));
    }

    @Test
    void takesTheTargetColumnByNameAndASemicolonDelimiter() throws Exception {
        String csv = "price;size;rooms\n"
                + HOUSES.lines()
                        .skip(1)
                        .map(line -> line.split(","))
                        .map(cells -> cells[2] + ";" + cells[0] + ";" + cells[1])
                        .reduce("", (a, b) -> a + b + "\n");

        JsonNode model =
                api.created(api.upload("/api/v1/models", parts("target", "price", "file", csv, "options", OPTIONS)));

        assertThat(model.get("featureNames").toString()).isEqualTo("[\"size\",\"rooms\"]");
        assertThat(model.at("/coefficientsByName/size").asDouble()).isCloseTo(3, within(1e-6));
    }

    @Test
    void readsQuotedFieldsThatHoldTheDelimiter() throws Exception {
        String csv = "\"size, m²\",\"rooms\",price\r\n"
                + HOUSES.lines()
                        .skip(1)
                        .map(line -> line.split(","))
                        .map(cells -> "\"" + cells[0] + "\"," + cells[1] + ",\"" + cells[2] + "\"")
                        .reduce("", (a, b) -> a + b + "\r\n");

        JsonNode model = api.created(api.upload("/api/v1/models", parts("file", csv, "options", OPTIONS)));

        assertThat(model.get("featureNames").get(0).asString()).isEqualTo("size, m²");
        assertThat(model.at("/reference/weights/coefficients/0").asDouble()).isCloseTo(3, within(1e-9));
    }

    @Test
    void runsACsvFitAsAJob() throws Exception {
        JobClient jobs = new JobClient(port);
        HttpResponse<String> accepted = api.upload("/api/v1/jobs", parts("file", HOUSES, "options", OPTIONS));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();

        JsonNode done = jobs.awaitStatus(job, "SUCCEEDED", "FAILED");

        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode model = jobs.get("/api/v1/models/" + done.get("modelId").asString());
        assertThat(model.get("featureNames").toString()).isEqualTo("[\"size\",\"rooms\"]");
        assertThat(model.get("targetName").asString()).isEqualTo("price");
        assertThat(model.at("/coefficientsByName/rooms").asDouble()).isCloseTo(2, within(1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "ragged row|'size,rooms,price\n1,2,12\n2,1\n'|line 3 has 2 values but the header has 3 columns",
                "NaN|'size,rooms,price\n1,2,12\n2,NaN,13\n'|line 3, column \"rooms\": \"NaN\" is not a finite number",
                "Infinity|'size,rooms,price\n1,2,12\n-Infinity,1,13\n'|line 3, column \"size\": \"-Infinity\" is not a"
                        + " finite number",
                "too large|'size,rooms,price\n1,2,1e400\n'|line 2, column \"price\": \"1e400\" is out of the range",
                "duplicate header|'size,rooms,size\n1,2,12\n'|line 1, column 3: the header \"size\" repeats column 1",
                "blank header|'size,,price\n1,2,12\n'|line 1, column 2: the header is blank",
                "empty file|''|is empty",
                "header only|'size,rooms,price\n'|has a header but no lines of data",
                "one column|'price\n1\n'|it needs at least one feature and the target",
                "open quote|'size,rooms,price\n1,\"2,12\n'|line 2: a quoted cell is not closed",
                "open quote at the end|'a,b,y\n\"1,2,5'|line 2: a quoted cell is not closed",
                "text after a quote|'a,b,y\n1,2,5\n\"1\"x,2,5\n'|line 3: text after a closing quote",
                "decimal comma|'a;b;y\n1,5;2;5\n'|line 2, column \"a\": \"1,5\" is not a number (a number takes a"
                        + " decimal point, not a comma)"
            })
    void refusesBadCsvNamingTheLineAndColumn(String name, String csv, String reason) throws Exception {
        HttpResponse<String> refused = api.upload("/api/v1/models", parts("file", csv));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("file");
        assertThat(error.get("reason").asString()).contains(reason);
        // commons-csv's own words (its tokens, its line counting) never reach the client.
        assertThat(refused.body()).doesNotContain("encapsulated", "EOF", "startline", "position:");
    }

    @Test
    void showsTheStartAndLengthOfAVeryLongBadValue() throws Exception {
        String digits = "1234567890".repeat(1500);

        HttpResponse<String> refused = api.upload("/api/v1/models", parts("file", "a,b,y\n1,2," + digits + "\n"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).at("/errors/0/reason").asString())
                .isEqualTo("line 2, column \"y\": \"" + digits.substring(0, 40)
                        + "\"… (15000 characters) is out of the range of a double");
    }

    @Test
    void refusesATargetThatNamesNoColumn() throws Exception {
        HttpResponse<String> refused = api.upload("/api/v1/models", parts("file", HOUSES, "target", "cost"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"target\"").contains("size, rooms, price");
    }

    @Test
    void checksTheOptionsAsAJsonBodyIsChecked() throws Exception {
        HttpResponse<String> unknown =
                api.upload("/api/v1/models", parts("file", HOUSES, "options", "{\"learning_rate\": 0.1}"));
        HttpResponse<String> invalid =
                api.upload("/api/v1/models", parts("file", HOUSES, "options", "{\"epochs\": -1}"));
        HttpResponse<String> data =
                api.upload("/api/v1/models", parts("file", HOUSES, "options", "{\"y\": [1, 2], \"epochs\": 5}"));

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"options.learning_rate\"", "is not a known field");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"options.epochs\"");
        assertThat(data.statusCode()).isEqualTo(400);
        assertThat(data.body()).contains("\"field\":\"options.y\"");
    }

    @Test
    void refusesMorePointsThanTheLimit() throws Exception {
        StringBuilder csv = new StringBuilder("size,price\n");
        for (int i = 0; i < 51; i++) {
            csv.append(i).append(',').append(2 * i + 4).append('\n');
        }

        HttpResponse<String> refused = api.upload("/api/v1/models", parts("file", csv.toString()));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"file\"", "more than the limit of 50");
    }

    @Test
    void refusesABodyLargerThanTheLimit() throws Exception {
        StringBuilder csv = new StringBuilder("size,price\n");
        while (csv.length() < 20_000) {
            csv.append("1.00000000000000,6.00000000000000\n");
        }

        HttpResponse<String> refused = api.upload("/api/v1/models", parts("file", csv.toString()));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("body-too-large");
    }

    @Test
    void keepsFeatureNamesOfAJsonFitAndPassesThemToAContinuedFit() throws Exception {
        JsonNode model = api.created(api.post(
                "/api/v1/models",
                "{\"x\": [[1, 2], [2, 1], [3, 3], [4, 1]], \"y\": [12, 13, 20, 19], \"featureNames\": [\"size\","
                        + " \"rooms\"], \"targetName\": \"price\", \"epochs\": 10}"));
        assertThat(model.get("featureNames").toString()).isEqualTo("[\"size\",\"rooms\"]");
        assertThat(model.get("coefficientsByName").size()).isEqualTo(2);
        assertThat(model.at("/coefficientsByName/rooms").asDouble())
                .isEqualTo(model.at("/weights/coefficients/1").asDouble());

        JsonNode continued = api.created(api.post(
                "/api/v1/models/" + model.get("id").asString() + "/fits",
                "{\"x\": [[5, 4]], \"y\": [28], \"epochs\": 10}"));

        assertThat(continued.get("featureNames").toString()).isEqualTo("[\"size\",\"rooms\"]");
        assertThat(continued.get("targetName").asString()).isEqualTo("price");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "too few|'[\"size\"]'|featureNames|has 1 names but x has 2 features",
                "repeated|'[\"size\", \"size\"]'|featureNames[1]|repeats featureNames[0]",
                "blank|'[\"size\", \" \"]'|featureNames[1]|must not be blank"
            })
    void refusesBadFeatureNames(String name, String names, String field, String reason) throws Exception {
        HttpResponse<String> refused =
                api.post("/api/v1/models", "{\"x\": [[1, 2], [2, 1]], \"y\": [1, 2], \"featureNames\": " + names + "}");

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("reason").asString()).contains(reason);
    }

    @Test
    void namesTheRowAndKeyOfABadNamedRow() throws Exception {
        String model = "/api/v1/models/"
                + api.created(api.upload("/api/v1/models", parts("file", HOUSES)))
                        .get("id")
                        .asString();
        String good = "{\"size\": 1, \"rooms\": 2}";

        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("[" + good + ", " + good + ", " + good + ", {\"size\": 1}]", new String[] {"x[3].rooms", "missing"});
        cases.put(
                "[" + good + ", {\"size\": 1, \"rooms\": 2, \"floor\": 3}]", new String[] {"x[1].floor", "not a key"});
        cases.put("[{\"size\": 1, \"floor\": 2}]", new String[] {"x[0].floor", "not a feature of the model"});
        cases.put("[" + good + ", {\"size\": 1, \"rooms\": \"two\"}]", new String[] {"x[1].rooms", "must be a number"});
        for (Map.Entry<String, String[]> each : cases.entrySet()) {
            HttpResponse<String> refused = api.post(model + "/predictions", "{\"x\": " + each.getKey() + "}");

            assertThat(refused.statusCode()).as(each.getKey()).isEqualTo(400);
            assertThat(refused.body())
                    .as(each.getKey())
                    .contains("\"field\":\"" + each.getValue()[0] + "\"")
                    .contains(each.getValue()[1]);
        }
    }

    @Test
    void refusesNamedRowsForAModelWithoutNames() throws Exception {
        String model = "/api/v1/models/"
                + api.created(api.post("/api/v1/models", "{\"x\": [1, 2, 3], \"y\": [6, 8, 10]}"))
                        .get("id")
                        .asString();

        HttpResponse<String> refused = api.post(model + "/predictions", "{\"x\": [{\"size\": 1}]}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("the model has no feature names");
    }

    @Test
    void documentsBothBodiesOfTheFitOperations() throws Exception {
        JsonNode docs = json.readTree(api.get("/v3/api-docs").body());

        for (String path : new String[] {"/api/v1/models", "/api/v1/jobs"}) {
            JsonNode content = docs.get("paths").get(path).get("post").at("/requestBody/content");
            assertThat(content.has("application/json")).as(path).isTrue();
            JsonNode form = content.get("multipart/form-data");
            assertThat(form).as(path).isNotNull();
            String ref = form.at("/schema/$ref").asString();
            JsonNode schema = docs.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
            assertThat(schema.at("/properties/file/type").asString()).isEqualTo("string");
            assertThat(schema.at("/properties/file/format").asString()).isEqualTo("binary");
            assertThat(schema.get("properties").has("target")).isTrue();
            assertThat(schema.get("properties").has("delimiter")).isTrue();
            assertThat(schema.get("properties").has("options")).isTrue();
        }
    }
}
