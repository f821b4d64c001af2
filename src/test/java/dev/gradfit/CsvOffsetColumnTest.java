package dev.gradfit;

import static dev.gradfit.ApiClient.parts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.reference.ReferenceFixture;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV uploads whose offsets are a column, over real multipart HTTP: statsmodels' cancer counts (deaths, population in
 * thousands, and the offset log(population)) fit to the weights of the JSON body with the same offsets, bit for bit,
 * and the exact reference of that fit is statsmodels' {@code GLM(..., offset=log(population))}. The offset column is
 * neither a feature nor the target, and is refused for a loss without a log link, in a bad cell, or when it names no
 * column or the target.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvOffsetColumnTest {

    static final ReferenceFixture CANCER = ReferenceFixture.load("glm/poisson_cancer_offset");

    /** The counts as a CSV file, the offset column between the feature and the target. */
    static final String CSV = "population,log_population,deaths\n"
            + IntStream.range(0, CANCER.numbers("y").length)
                    .mapToObj(
                            i -> CANCER.rows("x")[i] + "," + CANCER.numbers("offset")[i] + "," + CANCER.numbers("y")[i])
                    .collect(Collectors.joining("\n", "", "\n"));

    /** lbfgs on standardized features: a few dozen epochs reach the optimum of 301 counts. */
    static final String SETTINGS =
            "\"loss\": \"poisson\", \"optimizer\": {\"type\": \"lbfgs\"}, \"epochs\": 100, \"standardize\": true";

    /** The JSON body of the same fit: x, y and offset as JSON numbers. */
    static final String JSON_FIT = "{\"x\": " + Arrays.toString(CANCER.rows("x")) + ", \"y\": "
            + Arrays.toString(CANCER.numbers("y")) + ", \"offset\": " + Arrays.toString(CANCER.numbers("offset"))
            + ", " + SETTINGS + "}";

    /** The exact reference (Newton) and statsmodels agree to rounding (GeneralizedLinearModelApiTest). */
    static final double SAME_MINIMISER = 1e-9;

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Test
    void fitsTheOffsetColumnAsTheJsonFitWithTheSameOffsets() throws Exception {
        JsonNode csv = api.created(api.upload(
                "/api/v1/models", parts("offset", "log_population", "file", CSV, "options", "{" + SETTINGS + "}")));
        JsonNode byQuery = api.created(api.upload(
                "/api/v1/models?offset=log_population", parts("file", CSV, "options", "{" + SETTINGS + "}")));
        JsonNode jsonFit = api.created(api.post("/api/v1/models", JSON_FIT));

        assertThat(csv.get("featureNames").toString()).isEqualTo("[\"population\"]");
        assertThat(csv.get("targetName").asString()).isEqualTo("deaths");
        // Same numbers (each cell the double its shortest decimal spells), same arithmetic: the same doubles.
        assertThat(csv.get("weights")).isEqualTo(jsonFit.get("weights"));
        assertThat(byQuery.get("weights")).isEqualTo(jsonFit.get("weights"));
        assertReferenceIsStatsmodels(csv);
    }

    /** The exact optimum of the fit is statsmodels' GLM with the offset: the column was taken as offsets. */
    static void assertReferenceIsStatsmodels(JsonNode model) {
        double intercept = CANCER.number("intercept");
        double coefficient = CANCER.numbers("coefficients")[0];
        assertThat(model.at("/reference/weights/intercept").asDouble())
                .as(model.toString())
                .isCloseTo(intercept, within(SAME_MINIMISER * Math.abs(intercept)));
        assertThat(model.at("/reference/weights/coefficients/0").asDouble())
                .isCloseTo(coefficient, within(SAME_MINIMISER * Math.abs(coefficient)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "a loss without a log link|'{}'|log_population|offset|names the column \"log_population\", but an"
                        + " offset applies only to the poisson, gamma and tweedie losses",
                "logistic|'{\"loss\": \"logistic\"}'|log_population|offset|applies only to the poisson",
                "no such column|'{\"loss\": \"poisson\"}'|exposure|offset|names no column of the file's header",
                "the target|'{\"loss\": \"poisson\"}'|deaths|offset|names the target column \"deaths\"",
                "offsets given twice|'{\"loss\": \"poisson\", \"offset\": [0, 0]}'|log_population|options.offset|comes"
                        + " from the column \"log_population\""
            })
    void refusesTheOffsetColumnNamingIt(String name, String options, String column, String field, String reason)
            throws Exception {
        String csv = "population,log_population,deaths\n1.5,7.3,3\n2.5,7.8,5\n";

        HttpResponse<String> refused =
                api.upload("/api/v1/models", parts("offset", column, "file", csv, "options", options));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("reason").asString()).contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "NaN|'population,log_population,deaths\n1.5,7.3,3\n2.5,NaN,5\n'|line 3, column \"log_population\":"
                        + " \"NaN\" is not a finite number",
                "infinity|'population,log_population,deaths\n1.5,-Infinity,3\n'|line 2, column \"log_population\":"
                        + " \"-Infinity\" is not a finite number",
                "too large|'population,log_population,deaths\n1.5,1e999,3\n'|line 2, column \"log_population\":"
                        + " \"1e999\" is out of the range of a double",
                "missing|'population,log_population,deaths\n1.5,,3\n'|line 2, column \"log_population\": the value"
                        + " is missing",
                "text|'population,log_population,deaths\n1.5,many,3\n'|line 2, column \"log_population\": \"many\""
                        + " is not a number",
                "no feature left|'log_population,deaths\n7.3,3\n'|with an offset column it needs at least one"
                        + " feature"
            })
    void refusesABadOffsetCellNamingTheLineAndColumn(String name, String csv, String reason) throws Exception {
        HttpResponse<String> refused = api.upload(
                "/api/v1/models?offset=log_population", parts("file", csv, "options", "{\"loss\": \"poisson\"}"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("file");
        assertThat(error.get("reason").asString()).contains(reason);
    }

    @Test
    void submitsAJobWithTheOffsetColumn() throws Exception {
        HttpResponse<String> refused = api.upload(
                "/api/v1/jobs", parts("offset", "log_population", "file", CSV, "options", "{\"epochs\": 1}"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).at("/errors/0/reason").asString())
                .startsWith("names the column \"log_population\", but an offset applies only to");
        HttpResponse<String> accepted = api.upload(
                "/api/v1/jobs", parts("offset", "log_population", "file", CSV, "options", "{" + SETTINGS + "}"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }
}
