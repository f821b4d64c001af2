package dev.gradfit;

import static dev.gradfit.ApiClient.parts;
import static dev.gradfit.CsvFitEndToEndTest.HOUSES;
import static dev.gradfit.CsvFitEndToEndTest.OPTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a CSV upload over real multipart HTTP: each comes once, and the delimiter is one that can
 * separate cells or a 400. The houses follow price = 3·size + 2·rooms + 5 exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvFormPartsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"target", "options", "delimiter", "file"})
    void refusesAPartThatComesTwice(String part) throws Exception {
        String first = part.equals("target") ? "price" : part.equals("delimiter") ? "," : "{\"epochs\": 5}";
        String second = part.equals("target") ? "size" : part.equals("delimiter") ? ";" : "{\"epochs\": 6}";
        byte[] body = part.equals("file")
                ? parts("file", HOUSES, "file", HOUSES)
                : parts(part, first, part, second, "file", HOUSES);

        HttpResponse<String> refused = api.upload("/api/v1/models", body);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo(part);
        assertThat(error.get("reason").asString()).contains("must come once");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"target", "delimiter"})
    void refusesAPartThatIsAlsoAQueryParameter(String part) throws Exception {
        String value = part.equals("target") ? "price" : ",";

        HttpResponse<String> refused =
                api.upload("/api/v1/models?" + part + "=" + value, parts(part, value, "file", HOUSES));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).at("/errors/0/field").asString())
                .isEqualTo(part);
    }

    /** The tab itself, and the two characters backslash and t that a shell or a form field sends more easily. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\t", "\\t"})
    void readsTabSeparatedValuesWithATabDelimiter(String delimiter) throws Exception {
        String tsv = HOUSES.replace(',', '\t');

        HttpResponse<String> created =
                api.upload("/api/v1/models", parts("delimiter", delimiter, "file", tsv, "options", OPTIONS));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode model = json.readTree(created.body());
        assertThat(model.get("featureNames").toString()).isEqualTo("[\"size\",\"rooms\"]");
        // The exact least-squares solution (QR), to rounding.
        assertThat(model.at("/reference/weights/coefficients/0").asDouble()).isCloseTo(3, within(1e-9));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\n", "\r", "\r\n", "\"", " ", "|", ",,", "tab"})
    void refusesADelimiterThatCannotSeparateCells(String delimiter) throws Exception {
        HttpResponse<String> refused = api.upload("/api/v1/models", parts("delimiter", delimiter, "file", HOUSES));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("delimiter");
        assertThat(error.get("reason").asString()).contains("must be , or ; or a tab");
    }
}
