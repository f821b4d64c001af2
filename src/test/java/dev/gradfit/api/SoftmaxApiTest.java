package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.model.ModelStore;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Iris's three species, named by strings, fitted with the softmax loss over HTTP and predicted by name, against
 * the minimiser of scikit-learn's LogisticRegression(multinomial, C = 1) objective (fixture softmax/iris, whose
 * script solves it by Newton to a gradient of 1e-16 and checks scikit-learn's own answer).
 */
@FitWebTest
@Import(MapModelStore.class)
class SoftmaxApiTest {

    private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

    private static final ReferenceFixture IRIS = ReferenceFixture.load("softmax/iris");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ModelStore store;

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    /** Iris as JSON: the four measurements per flower and its species by name. */
    private static String iris(String settings) {
        double[] x = IRIS.rows("x");
        double[] y = IRIS.numbers("y");
        String rows = IntStream.range(0, y.length)
                .mapToObj(i -> "[" + x[4 * i] + "," + x[4 * i + 1] + "," + x[4 * i + 2] + "," + x[4 * i + 3] + "]")
                .collect(Collectors.joining(","));
        String names = IntStream.range(0, y.length)
                .mapToObj(i -> "\"" + SPECIES[(int) y[i]] + "\"")
                .collect(Collectors.joining(","));
        return "{\"x\":[" + rows + "],\"y\":[" + names + "]," + settings + "}";
    }

    private static final String LBFGS = "\"loss\":\"softmax\",\"l2\":" + IRIS.number("fits", "0", "l2")
            + ",\"optimizer\":{\"type\":\"lbfgs\"},\"epochs\":500,\"tolerance\":0";

    @Test
    void fitsIrisSpeciesByNameToTheMinimiser() throws Exception {
        String model = post("/api/v1/models", iris(LBFGS))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.classes[0]").value("setosa"))
                .andExpect(jsonPath("$.classes[2]").value("virginica"))
                .andExpect(jsonPath("$.hyperparameters.loss.type").value("softmax"))
                .andExpect(jsonPath("$.metrics.type").value("multiclass"))
                .andExpect(jsonPath("$.weights.intercept").doesNotExist())
                .andReturn()
                .getResponse()
                .getContentAsString();

        double[] intercepts = IRIS.numbers("fits", "0", "intercepts");
        double[] coefficients = IRIS.rows("fits", "0", "coefficients");
        for (int k = 0; k < 3; k++) {
            double exact = intercepts[k];
            assertThat(number(model, "$.reference.weights.byClass[" + k + "].intercept"))
                    .isCloseTo(exact, within(1e-9 * Math.abs(exact)));
            assertThat(number(model, "$.weights.byClass[" + k + "].intercept"))
                    .isCloseTo(exact, within(1e-6 * Math.abs(exact)));
            for (int j = 0; j < 4; j++) {
                double c = coefficients[4 * k + j];
                assertThat(number(model, "$.weights.byClass[" + k + "].coefficients[" + j + "]"))
                        .isCloseTo(c, within(1e-6 * Math.abs(c)));
            }
        }
        assertThat(number(model, "$.metrics.accuracy"))
                .isCloseTo(IRIS.number("fits", "0", "metrics", "accuracy"), within(1e-12));
        assertThat(number(model, "$.metrics.macroF1"))
                .isCloseTo(IRIS.number("fits", "0", "metrics", "macroF1"), within(1e-9));
        assertThat((List<Object>) JsonPath.read(model, "$.metrics.confusion[1]"))
                .containsExactly(0.0, 47.0, 3.0);
        assertThat(number(model, "$.optimalityGap")).isLessThan(1e-12);

        // Flowers 0, 50 and 100 of iris: one of each species, each predicted as its own.
        String id = JsonPath.read(model, "$.id");
        String answer = post(
                        "/api/v1/models/" + id + "/predictions",
                        "{\"x\":[[5.1,3.5,1.4,0.2],[7.0,3.2,4.7,1.4]," + "[6.3,3.3,6.0,2.5]]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.labels[0]").value("setosa"))
                .andExpect(jsonPath("$.labels[1]").value("versicolor"))
                .andExpect(jsonPath("$.labels[2]").value("virginica"))
                .andExpect(jsonPath("$.threshold").doesNotExist())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<List<Number>> probabilities = JsonPath.read(answer, "$.probabilities");
        assertThat(probabilities).hasSize(3);
        for (List<Number> row : probabilities) {
            assertThat(row).hasSize(3);
            assertThat(row.stream().mapToDouble(Number::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
        }
        assertThat(probabilities.get(0).get(0).doubleValue()).isGreaterThan(0.9);
    }

    @Test
    void continuesASoftmaxModelOnlyWithSoftmax() throws Exception {
        String model = post("/api/v1/models", iris(LBFGS.replace("500", "5")))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(model, "$.id");

        String child = post("/api/v1/models/" + id + "/fits", iris(LBFGS))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(number(child, "$.weights.byClass[0].intercept"))
                .isCloseTo(IRIS.number("fits", "0", "intercepts", "0"), within(1e-5));
        post("/api/v1/models/" + id + "/fits", iris("\"loss\":\"logistic\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'loss')].reason")
                        .value(org.hamcrest.Matchers.hasItem(containsString("softmax"))));
    }

    @Test
    void refusesWhatSoftmaxCannotTake() throws Exception {
        expect400("{\"x\":[1,2],\"y\":[\"a\",\"a\"],\"loss\":\"softmax\"}", "y", "one class");
        expect400(
                "{\"x\":[1,2,3],\"y\":[\"a\",\"b\",\"c\"],\"loss\":\"softmax\",\"initialWeights\":{\"intercept\":0,"
                        + "\"coefficients\":[0]}}",
                "initialWeights",
                "zeros");
        expect400("{\"x\":[1,2,3],\"y\":[\"a\",\"b\",\"c\"],\"loss\":\"softmax\",\"l1\":0.1}", "l1", "");
        expect400(
                "{\"x\":[1,2,3],\"y\":[\"a\",\"b\",\"c\"],\"loss\":\"softmax\",\"optimizer\":{\"type\":\"lbfgs\"},"
                        + "\"batchSize\":1}",
                "batchSize",
                "");
    }

    /** The fixture's rows as {@code initialWeights}, each moved by {@code shift} (intercept and coefficients). */
    private static String startAt(double[] intercepts, double[] coefficients, double shift) {
        String rows = IntStream.range(0, 3)
                .mapToObj(k -> "{\"intercept\":" + (intercepts[k] + shift) + ",\"coefficients\":["
                        + IntStream.range(0, 4)
                                .mapToObj(j -> String.valueOf(coefficients[4 * k + j] + shift))
                                .collect(Collectors.joining(","))
                        + "]}")
                .collect(Collectors.joining(","));
        return ",\"initialWeights\":{\"byClass\":[" + rows + "]}";
    }

    @Test
    void aFitStartedAtTheMinimiserStaysThere() throws Exception {
        double[] intercepts = IRIS.numbers("fits", "0", "intercepts");
        double[] coefficients = IRIS.rows("fits", "0", "coefficients");
        double cost = IRIS.number("fits", "0", "cost");

        String model = post("/api/v1/models", iris(LBFGS + startAt(intercepts, coefficients, 0)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stopReason").value("CONVERGED"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        // Newton's minimiser has a gradient of 1e-16: no step lowers its cost, which every entry of the history is
        // to rounding.
        List<Number> history = JsonPath.read(model, "$.costHistory");
        assertThat(history).isNotEmpty();
        for (Number entry : history) {
            assertThat(entry.doubleValue()).isCloseTo(cost, within(1e-13 * cost));
        }
        for (int k = 0; k < 3; k++) {
            assertThat(number(model, "$.hyperparameters.initialWeights.byClass[" + k + "].intercept"))
                    .isEqualTo(intercepts[k]);
            assertThat(number(model, "$.weights.byClass[" + k + "].intercept"))
                    .isCloseTo(intercepts[k], within(1e-9 * Math.abs(intercepts[k])));
            for (int j = 0; j < 4; j++) {
                double c = coefficients[4 * k + j];
                assertThat(number(model, "$.weights.byClass[" + k + "].coefficients[" + j + "]"))
                        .isCloseTo(c, within(1e-9 * Math.abs(c)));
            }
        }
    }

    @Test
    void aFitStartedElsewhereEndsAtTheMinimiser() throws Exception {
        // Rows 1.5 away from the minimiser in every weight, and so not summing to zero: taken as given, and the
        // fitted rows come back centred (l2 pulls the coefficients' sums to zero, the intercepts are centred).
        double[] intercepts = IRIS.numbers("fits", "0", "intercepts");
        double[] coefficients = IRIS.rows("fits", "0", "coefficients");

        String model = post("/api/v1/models", iris(LBFGS + startAt(intercepts, coefficients, 1.5)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(number(model, "$.costHistory[0]")).isGreaterThan(number(model, "$.cost"));
        for (int k = 0; k < 3; k++) {
            assertThat(number(model, "$.weights.byClass[" + k + "].intercept"))
                    .isCloseTo(intercepts[k], within(1e-6 * Math.abs(intercepts[k])));
            for (int j = 0; j < 4; j++) {
                double c = coefficients[4 * k + j];
                assertThat(number(model, "$.weights.byClass[" + k + "].coefficients[" + j + "]"))
                        .isCloseTo(c, within(1e-6 * Math.abs(c)));
            }
        }
    }

    @Test
    void refusesInitialRowsOfTheWrongShapeAndStoresNothing() throws Exception {
        String data = "\"x\":[[1,2],[2,1],[3,3]],\"y\":[\"a\",\"b\",\"c\"],\"loss\":\"softmax\",";
        String row = "{\"intercept\":0,\"coefficients\":[0,0]}";
        long before = store.count();
        expect400(
                "{" + data + "\"initialWeights\":{\"byClass\":[" + row + "," + row + "]}}",
                "initialWeights.byClass",
                "has 2 rows but y has 3 classes");
        expect400(
                "{" + data + "\"initialWeights\":{\"byClass\":[" + row + ",{\"intercept\":0,\"coefficients\":[0]},"
                        + row + "]}}",
                "initialWeights.byClass[1].coefficients",
                "has 1 values but x has 2 features");
        expect400(
                "{" + data + "\"initialWeights\":{\"byClass\":[" + row + "," + row + ",{\"coefficients\":[0,0]}]}}",
                "initialWeights.byClass[2].intercept",
                "must not be null");
        expect400(
                "{" + data + "\"initialWeights\":{\"intercept\":0,\"byClass\":[" + row + "," + row + "," + row + "]}}",
                "initialWeights",
                "no intercept or coefficients of its own");
        expect400(
                "{" + data + "\"fitIntercept\":false,\"initialWeights\":{\"byClass\":[" + row + ","
                        + "{\"intercept\":1,\"coefficients\":[0,0]}," + row + "]}}",
                "initialWeights.byClass[1].intercept",
                "must be 0 when fitIntercept is false");
        expect400(
                "{\"x\":[1,2,3],\"y\":[1,2,3],\"initialWeights\":{\"byClass\":[{\"intercept\":0,\"coefficients\":[0]}]}}",
                "initialWeights.byClass",
                "applies to the softmax loss");
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void rowsStartedAtTheLargestInterceptsComeBackFiniteAndPredict() throws Exception {
        // Every class's intercept at 1e308: the same model as intercepts 0, since only differences between
        // classes count. Their sum overflows a double, so a naive centring would subtract an infinite mean.
        String row = "{\"intercept\":1e308,\"coefficients\":[0]}";
        String model = post(
                        "/api/v1/models",
                        "{\"x\":[1,2,3,4,5,6],\"y\":[\"a\",\"b\",\"c\",\"a\",\"b\",\"c\"],\"loss\":\"softmax\","
                                + "\"epochs\":5,\"initialWeights\":{\"byClass\":[" + row + "," + row + "," + row
                                + "]}}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();

        // The start predicts 1/3 for every class: cost ln 3, which five small steps can only lower.
        assertThat(number(model, "$.costHistory[0]")).isCloseTo(Math.log(3), within(1e-15));
        assertThat(number(model, "$.cost")).isBetween(0.0, Math.log(3));
        for (int k = 0; k < 3; k++) {
            // The steps (about 1e-3) vanish beside 1e308, so the three intercepts stay equal and centre to 0.
            assertThat(number(model, "$.weights.byClass[" + k + "].intercept")).isZero();
        }
        post("/api/v1/models/" + JsonPath.read(model, "$.id") + "/predictions", "{\"x\":[0]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.probabilities[0][0]").value(org.hamcrest.Matchers.closeTo(1.0 / 3, 1e-15)));
    }

    @Test
    void refusesAPointWhoseClassScoresOverflowRatherThanFailing() throws Exception {
        // Rows (0, 2), (0, 0), (0, −2) after one step of 1e-12: at x = 1e308 the first class's score is 2e308, past
        // the largest double (1.8e308), and e^(score − max) is e^(∞ − ∞), undefined.
        String rows = "{\"intercept\":0,\"coefficients\":[2]},{\"intercept\":0,\"coefficients\":[0]},"
                + "{\"intercept\":0,\"coefficients\":[-2]}";
        String model = post(
                        "/api/v1/models",
                        "{\"x\":[1,2,3],\"y\":[\"a\",\"b\",\"c\"],\"loss\":\"softmax\",\"epochs\":1,"
                                + "\"learningRate\":1e-12,\"initialWeights\":{\"byClass\":[" + rows + "]}}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(model, "$.id");

        post("/api/v1/models/" + id + "/predictions", "{\"x\":[1,1e308]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("x[1]"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("beyond the range of a double")));
    }

    @Test
    void refusesAThresholdForASoftmaxModel() throws Exception {
        String model = post("/api/v1/models", iris(LBFGS.replace("500", "5")))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        post("/api/v1/models/" + JsonPath.read(model, "$.id") + "/predictions", "{\"x\":[[1,2,3,4]],\"threshold\":0.3}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("threshold"));
    }

    private void expect400(String body, String field, String reason) throws Exception {
        post("/api/v1/models", body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')].reason")
                        .value(org.hamcrest.Matchers.hasItem(containsString(reason))));
    }

    private static double number(String json, String path) {
        return ((Number) JsonPath.read(json, path)).doubleValue();
    }
}
