package dev.gradfit;

import static dev.gradfit.ApiClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CSV uploads whose target column holds class labels, over real multipart HTTP. The flowers are rows of Fisher's
 * iris data (petal length and width in cm, as scikit-learn's {@code load_iris} ships them): five setosa and five
 * versicolor, versicolor first, so that the order of the classes is the sorted one and not the order of
 * appearance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvClassLabelsTest {

    static final String IRIS = """
            petal_length,petal_width,species
            4.7,1.4,versicolor
            1.4,0.2,setosa
            4.5,1.5,versicolor
            1.4,0.2,setosa
            4.9,1.5,versicolor
            1.3,0.2,setosa
            4.0,1.3,versicolor
            1.5,0.2,setosa
            4.6,1.5,versicolor
            1.4,0.2,setosa
            """;

    static final String SETTINGS = "\"loss\": \"logistic\", \"learningRate\": 0.1, \"epochs\": 500";

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Test
    void fitsSpeciesNamesAsTheJsonFitOnTheSameLabels() throws Exception {
        JsonNode csv = api.created(api.upload("/api/v1/models", parts("file", IRIS, "options", "{" + SETTINGS + "}")));
        JsonNode jsonFit = api.created(api.post("/api/v1/models", "{" + json(IRIS) + ", " + SETTINGS + "}"));

        assertThat(csv.get("classes").toString()).isEqualTo("[\"setosa\",\"versicolor\"]");
        assertThat(csv.get("targetName").asString()).isEqualTo("species");
        // Same labels, same order of classes, same arithmetic: the same doubles, bit for bit.
        assertThat(csv.get("weights")).isEqualTo(jsonFit.get("weights"));

        String model = "/api/v1/models/" + csv.get("id").asString();
        JsonNode predicted = json.readTree(api.post(
                        model + "/predictions",
                        "{\"x\": [{\"petal_length\": 1.5, \"petal_width\": 0.1}, {\"petal_length\": 4.4,"
                                + " \"petal_width\": 1.4}]}")
                .body());
        // Iris rows 10 (setosa) and 66 (versicolor), which the fit did not see.
        assertThat(predicted.get("labels").toString()).isEqualTo("[\"setosa\",\"versicolor\"]");
    }

    @Test
    void readsNumbersInAColumnOfLabelsAsLabelsWrittenAsTheyAre() throws Exception {
        // The first cells are numbers; "b" makes every cell a label, "1.50" as written, not 1.5.
        String csv = "x,grade\n1,1.50\n2,1.50\n3,b\n4,b\n5,1.50\n6,b\n";

        JsonNode model = api.created(api.upload("/api/v1/models", parts("file", csv, "options", "{" + SETTINGS + "}")));
        JsonNode jsonFit = api.created(api.post(
                "/api/v1/models",
                "{\"x\": [1, 2, 3, 4, 5, 6], \"y\": [\"1.50\", \"1.50\", \"b\", \"b\", \"1.50\", \"b\"], " + SETTINGS
                        + "}"));

        assertThat(model.get("classes").toString()).isEqualTo("[\"1.50\",\"b\"]");
        assertThat(model.get("weights")).isEqualTo(jsonFit.get("weights"));
    }

    @Test
    void takesLabelsInAnyColumnNamedAsTheTargetBeforeTheFile() throws Exception {
        String speciesFirst = IRIS.lines()
                .map(line -> line.substring(line.lastIndexOf(',') + 1) + "," + line.substring(0, line.lastIndexOf(',')))
                .reduce("", (a, b) -> a + b + "\n");
        JsonNode last = api.created(api.upload("/api/v1/models", parts("file", IRIS, "options", "{" + SETTINGS + "}")));

        JsonNode byQuery = api.created(api.upload(
                "/api/v1/models?target=species", parts("file", speciesFirst, "options", "{" + SETTINGS + "}")));
        JsonNode byPart = api.created(api.upload(
                "/api/v1/models", parts("target", "species", "file", speciesFirst, "options", "{" + SETTINGS + "}")));

        assertThat(byQuery.get("featureNames").toString()).isEqualTo("[\"petal_length\",\"petal_width\"]");
        assertThat(byQuery.get("weights")).isEqualTo(last.get("weights"));
        assertThat(byPart.get("weights")).isEqualTo(last.get("weights"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "empty label|'a,species\n1,setosa\n2,\n3,versicolor\n'|line 3, column \"species\": the value is missing",
                "empty label before text|'a,species\n1,2\n2,\n3,versicolor\n'|line 3, column \"species\": the value is"
                        + " missing",
                "NaN label|'a,species\n1,setosa\n2,NaN\n'|line 3, column \"species\": \"NaN\" is not a finite number"
            })
    void refusesBadLabelCellsNamingTheLineAndColumn(String name, String csv, String reason) throws Exception {
        HttpResponse<String> refused =
                api.upload("/api/v1/models", parts("file", csv, "options", "{" + SETTINGS + "}"));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body()).at("/errors/0");
        assertThat(error.get("field").asString()).isEqualTo("file");
        assertThat(error.get("reason").asString()).contains(reason);
    }

    @Test
    void takesTextInAColumnThatIsNotTheTargetAsACategoricalFeature() throws Exception {
        // The target, named after the file, is b: species is an input, and the file is fitted as rows.
        String csv = "a,b,species\n1,2,setosa\n3,4,versicolor\n5,7,setosa\n2,3,versicolor\n";

        HttpResponse<String> fitted = api.upload("/api/v1/models", parts("file", csv, "target", "b"));

        JsonNode model = api.created(fitted);
        assertThat(model.get("featureNames").toString()).isEqualTo("[\"species[T.versicolor]\",\"a\"]");
        assertThat(model.get("targetName").asString()).isEqualTo("b");
    }

    @Test
    void refusesLabelsALossCannotTake() throws Exception {
        String threeSpecies = IRIS + "6.0,2.5,virginica\n";

        HttpResponse<String> three =
                api.upload("/api/v1/models", parts("file", threeSpecies, "options", "{" + SETTINGS + "}"));
        HttpResponse<String> squared = api.upload("/api/v1/models", parts("file", IRIS));

        assertThat(three.statusCode()).as(three.body()).isEqualTo(400);
        assertThat(json.readTree(three.body()).at("/errors/0/field").asString()).isEqualTo("y");
        assertThat(json.readTree(three.body()).at("/errors/0/reason").asString())
                .contains("holds 3 classes");
        assertThat(squared.statusCode()).as(squared.body()).isEqualTo(400);
        assertThat(json.readTree(squared.body()).at("/errors/0/field").asString())
                .isEqualTo("y");
        assertThat(json.readTree(squared.body()).at("/errors/0/reason").asString())
                .contains("holds labels", "squared loss takes numbers");
    }

    /** The {@code x} and {@code y} of a JSON body holding the rows of a CSV file whose last column is labels. */
    static String json(String csv) {
        List<String[]> rows = csv.lines().skip(1).map(line -> line.split(",")).toList();
        StringBuilder x = new StringBuilder("\"x\": [");
        StringBuilder y = new StringBuilder("\"y\": [");
        for (String[] row : rows) {
            x.append(x.length() > 6 ? ", [" : "[")
                    .append(String.join(", ", List.of(row).subList(0, row.length - 1)))
                    .append(']');
            y.append(y.length() > 6 ? ", \"" : "\"").append(row[row.length - 1]).append('"');
        }
        return x.append(']') + ", " + y.append(']');
    }
}
