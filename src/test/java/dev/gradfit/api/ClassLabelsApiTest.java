package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Classifiers whose targets are named: the classes sorted as scikit-learn sorts them, predictions answered by
 * name, class weights, continued fits, and a 400 naming the field for each bad target.
 */
@FitWebTest
@Import(MapModelStore.class)
class ClassLabelsApiTest {

    /** Three of four points at x = 1 are spam, one of four at x = −1: σ(b) = 3/4 at x = 1 at the optimum. */
    private static final String X = "[1,1,1,1,-1,-1,-1,-1]";

    private static final String SETTINGS = "\"loss\":\"logistic\",\"learningRate\":2,\"epochs\":2000";

    @Autowired
    private MockMvc mvc;

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private String fit(String body) throws Exception {
        return post("/api/v1/models", body)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void fitsNamedClassesAsTheSameFitOnTheirSortedIndices() throws Exception {
        String named = fit("{\"x\":" + X + ",\"y\":[\"spam\",\"spam\",\"spam\",\"ham\",\"ham\",\"ham\",\"ham\","
                + "\"spam\"]," + SETTINGS + "}");
        // "ham" < "spam": ham is class 0, spam class 1, whose probability the model answers.
        String numbered = fit("{\"x\":" + X + ",\"y\":[1,1,1,0,0,0,0,1]," + SETTINGS + "}");

        assertThat((List<Object>) JsonPath.read(named, "$.classes")).containsExactly("ham", "spam");
        assertThat((List<Object>) JsonPath.read(numbered, "$.classes")).containsExactly(0, 1);
        assertThat((Object) JsonPath.read(named, "$.weights")).isEqualTo(JsonPath.read(numbered, "$.weights"));
        assertThat((double) JsonPath.read(named, "$.weights.coefficients[0]"))
                .isCloseTo(Math.log(3), org.assertj.core.data.Offset.offset(1e-9));

        String id = JsonPath.read(named, "$.id");
        post("/api/v1/models/" + id + "/predictions", "{\"x\":[1,-1]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.labels[0]").value("spam"))
                .andExpect(jsonPath("$.labels[1]").value("ham"))
                .andExpect(jsonPath("$.probabilities[0]").value(org.hamcrest.Matchers.closeTo(0.75, 1e-9)));
        post("/api/v1/models/" + id + "/predictions", "{\"x\":[1],\"threshold\":0.8}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.labels[0]").value("ham"));
    }

    @Test
    void sortsNamesByCodePointAndNumbersByValue() throws Exception {
        // U+FF01 comes before U+1F600 by code point, after it by UTF-16 unit (a surrogate, 0xD83D).
        String a = "\"\\uFF01\"";
        String b = "\"\\uD83D\\uDE00\"";
        String names =
                fit("{\"x\":" + X + ",\"y\":[" + String.join(",", b, b, b, a, a, a, a, b) + "]," + SETTINGS + "}");
        assertThat((List<Object>) JsonPath.read(names, "$.classes")).containsExactly("\uFF01", "\uD83D\uDE00");

        String numbers = fit("{\"x\":" + X + ",\"y\":[10,10,10,9,9,9,9,10]," + SETTINGS + "}");
        assertThat((List<Object>) JsonPath.read(numbers, "$.classes")).containsExactly(9, 10);
        post("/api/v1/models/" + JsonPath.read(numbers, "$.id") + "/predictions", "{\"x\":[-1]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.labels[0]").value(9));
    }

    @Test
    void keepsZeroAndOneForAFitOnOneOfThem() throws Exception {
        String ones = fit("{\"x\":[1,2],\"y\":[1,1],\"loss\":\"logistic\",\"epochs\":3}");
        assertThat((List<Object>) JsonPath.read(ones, "$.classes")).containsExactly(0, 1);
    }

    @Test
    void weighsBalancedClassesAsScikitLearnDoes() throws Exception {
        // Five ham and three spam: balanced weights are 8 / (2·5) = 0.8 and 8 / (2·3) = 4/3.
        String y = "[\"spam\",\"spam\",\"spam\",\"ham\",\"ham\",\"ham\",\"ham\",\"ham\"]";
        String balanced = fit("{\"x\":" + X + ",\"y\":" + y + ",\"classWeights\":\"balanced\"," + SETTINGS + "}");
        String byHand = fit("{\"x\":" + X + ",\"y\":" + y + ",\"sampleWeights\":[" + 4.0 / 3 + "," + 4.0 / 3 + ","
                + 4.0 / 3 + ",0.8,0.8,0.8,0.8,0.8]," + SETTINGS + "}");
        String byName = fit("{\"x\":" + X + ",\"y\":" + y + ",\"classWeights\":{\"ham\":0.8,\"spam\":" + 4.0 / 3 + "},"
                + SETTINGS + "}");

        Object weights = JsonPath.read(byHand, "$.weights");
        assertThat((Object) JsonPath.read(balanced, "$.weights")).isEqualTo(weights);
        assertThat((Object) JsonPath.read(byName, "$.weights")).isEqualTo(weights);
    }

    @Test
    void continuesANamedModelOnItsClasses() throws Exception {
        String parent = fit("{\"x\":" + X + ",\"y\":[\"spam\",\"spam\",\"spam\",\"ham\",\"ham\",\"ham\",\"ham\","
                + "\"spam\"]," + SETTINGS + "}");
        String id = JsonPath.read(parent, "$.id");

        // A continuation may hold one of the classes only; its classes stay the parent's.
        String child = post(
                        "/api/v1/models/" + id + "/fits",
                        "{\"x\":[1,2],\"y\":[\"spam\",\"spam\"],\"loss\":\"logistic\",\"epochs\":1}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((List<Object>) JsonPath.read(child, "$.classes")).containsExactly("ham", "spam");

        post(
                        "/api/v1/models/" + id + "/fits",
                        "{\"x\":[1,2],\"y\":[\"spam\",\"eggs\"],\"loss\":\"logistic\",\"epochs\":1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("y[1]"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("\"eggs\"")));
        post("/api/v1/models/" + id + "/fits", "{\"x\":[1,2],\"y\":[1,0],\"loss\":\"logistic\",\"epochs\":1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("y"));
    }

    @Test
    void refusesBadTargetsNamingTheField() throws Exception {
        expect400("{\"x\":[1,2],\"y\":[\"a\",\"a\"],\"loss\":\"logistic\"}", "y", "one class");
        expect400("{\"x\":[1,2,3],\"y\":[\"a\",\"b\",\"c\"],\"loss\":\"logistic\"}", "y", "3 classes");
        expect400("{\"x\":[1,2,3],\"y\":[0,1,2],\"loss\":\"logistic\"}", "y", "3 classes");
        expect400("{\"x\":[1,2],\"y\":[\"a\",\"b\"]}", "y", "squared loss takes numbers");
        expect400("{\"x\":[1,2],\"y\":[1,2],\"classWeights\":\"balanced\"}", "classWeights", "classifier");
        expect400(
                "{\"x\":[1,2],\"y\":[\"a\",\"b\"],\"loss\":\"logistic\",\"classWeights\":{\"c\":2}}",
                "classWeights.c",
                "does not hold");
        expect400(
                "{\"x\":[1,2],\"y\":[\"a\",\"b\"],\"loss\":\"logistic\",\"classWeights\":{\"a\":-1}}",
                "classWeights.a",
                "at least 0");
        expect400(
                "{\"x\":[1,2],\"y\":[\"a\",\"b\"],\"loss\":\"logistic\",\"classWeights\":{\"a\":0,\"b\":0}}",
                "classWeights",
                "weight of 0");
        expect400(
                "{\"x\":[1,2],\"y\":[\"a\",\"b\"],\"loss\":\"logistic\",\"classWeights\":\"even\"}",
                "classWeights",
                "balanced");
        // "1" and "1.0" are two JSON keys but one numbered class.
        post(
                        "/api/v1/models",
                        "{\"x\":[1,2,3],\"y\":[1,2,3],\"loss\":\"softmax\",\"classWeights\":{\"1.0\":2,\"1\":3}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(containsString("classWeights.1")))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("names already")));
    }

    @Test
    void refusesALabelThatIsNeitherAStringNorANumber() throws Exception {
        expect400("{\"x\":[1,2,3],\"y\":[\"a\",\"b\",true],\"loss\":\"logistic\"}", "y", "element 2");
        expect400("{\"x\":[1,2,3],\"y\":[\"a\",null,\"b\"],\"loss\":\"logistic\"}", "y", "element 1");
        expect400("{\"x\":[1,2,3],\"y\":[\"a\",1,\"b\"],\"loss\":\"logistic\"}", "y", "element 1");
        expect400("{\"x\":[1,2,3],\"y\":[0,1,\"b\"],\"loss\":\"logistic\"}", "y", "element 2");
    }

    @Test
    void refusesAnEmptyLabelNamingItsElementAsCsvAndArrowDo() throws Exception {
        expect400("{\"x\":[1,2,3],\"y\":[\"a\",\"\",\"b\"],\"loss\":\"logistic\"}", "y[1]", "the label is empty");
        expect400("{\"x\":[1,2,3],\"y\":[\"\",\"a\",\"b\"],\"loss\":\"softmax\"}", "y[0]", "the label is empty");
        // A blank label is still a label: only the empty string is no name at all.
        post("/api/v1/models", "{\"x\":[1,2],\"y\":[\" \",\"a\"],\"loss\":\"logistic\",\"epochs\":1}")
                .andExpect(status().isCreated());
    }

    private void expect400(String body, String field, String reason) throws Exception {
        post("/api/v1/models", body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString(reason)));
    }
}
