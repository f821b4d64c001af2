package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.reference.ReferenceFixture;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The diagnostics of a fit tell the truth over real HTTP: the exact reference and the metrics against answers
 * from outside gradfit (statsmodels and scikit-learn fixtures in src/test/resources/reference, closed forms).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiagnosticsEndToEndTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final ApiClient api = new ApiClient(() -> port);

    @Test
    void findsTheLogisticMinimiserForTimestampFeatures() throws Exception {
        ReferenceFixture statsmodels = ReferenceFixture.load("logistic_offset");
        // A rate this small keeps descent from diverging on x near 1.7e9; the reference does not depend on it.
        JsonNode model = api.created(post("{\"x\": " + array(statsmodels.numbers("x")) + ", \"y\": "
                + array(statsmodels.numbers("y")) + ", \"loss\": \"logistic\", \"learningRate\": 1e-20,"
                + " \"epochs\": 10}"));

        assertThat(model.at("/reference/note").isNull()).as(model.toString()).isTrue();
        double slope = model.at("/reference/weights/coefficients/0").asDouble();
        assertThat(slope).isCloseTo(statsmodels.number("slope"), within(1e-12));
        // b0 is about −1.1e9: b0 + c·offset cancels nine digits, leaving rounding of about 1e-7.
        assertThat(model.at("/reference/weights/intercept").asDouble() + slope * statsmodels.number("offset"))
                .isCloseTo(statsmodels.number("interceptAtOffset"), within(1e-6));
        assertThat(model.at("/reference/cost").asDouble()).isCloseTo(statsmodels.number("meanLogLoss"), within(1e-12));
    }

    @Test
    void weighsTheConfusionMatrixBySampleWeights() throws Exception {
        // Symmetric about x = 3.5 with labels flipped, so descent from zero keeps the boundary at 3.5: the
        // points at x = 3 (y = 1) and x = 4 (y = 0) are misclassified but weigh 0. Weighted, as
        // scikit-learn's confusion_matrix(sample_weight=...) counts: 3 true positives, 3 true negatives,
        // no errors, and accuracy (3 + 3) / 6.
        JsonNode model = api.created(post("{\"x\": [0, 1, 2, 3, 4, 5, 6, 7], \"y\": [0, 0, 0, 1, 0, 1, 1, 1],"
                + " \"sampleWeights\": [1, 1, 1, 0, 0, 1, 1, 1], \"loss\": \"logistic\", \"learningRate\": 0.5,"
                + " \"epochs\": 200}"));

        JsonNode metrics = model.get("metrics");
        assertThat(metrics.get("accuracy").asDouble()).as(metrics.toString()).isEqualTo(1.0);
        assertThat(metrics.get("truePositives").asDouble()).isEqualTo(3.0);
        assertThat(metrics.get("falsePositives").asDouble()).isEqualTo(0.0);
        assertThat(metrics.get("trueNegatives").asDouble()).isEqualTo(3.0);
        assertThat(metrics.get("falseNegatives").asDouble()).isEqualTo(0.0);
    }

    @Test
    void reportsTheConfusionMatrixInTheUnitsOfTheWeightsAsGiven() throws Exception {
        // The dataset holds weights near 1e30 rescaled by 2^-101; the cells had shown 1.578, 1.183, ….
        // scikit-learn: confusion_matrix(y, (X @ coef + b >= 0), sample_weight=sw) = [[4e30, 3e30], [3e30, 5e30]].
        JsonNode model = api.created(post("{\"x\": [-2, -1, -0.5, 0, 0.5, 1, 2, 3], \"y\": [0, 0, 1, 0, 1, 0, 1, 1],"
                + " \"loss\": \"logistic\", \"sampleWeights\": [1e30, 2e30, 3e30, 1e30, 2e30, 3e30, 1e30, 2e30],"
                + " \"learningRate\": 0.5, \"epochs\": 500}"));

        JsonNode metrics = model.get("metrics");
        assertThat(metrics.get("trueNegatives").asDouble())
                .as(metrics.toString())
                .isCloseTo(4e30, within(4e18));
        assertThat(metrics.get("falsePositives").asDouble()).isCloseTo(3e30, within(3e18));
        assertThat(metrics.get("falseNegatives").asDouble()).isCloseTo(3e30, within(3e18));
        assertThat(metrics.get("truePositives").asDouble()).isCloseTo(5e30, within(5e18));
    }

    @Test
    void reportsTheCostOfTheReturnedWeightsWhereTheInterceptCancelsTimestamps() throws Exception {
        // Both weights cost 0.55370466537362743 and …735 (mpmath, 80 digits, from the weights as returned);
        // the fit had reported 0.5537046632633889 and the reference 0.5537046647748373, a gap of −1.5e-9.
        String x = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> Double.toString(1699999995.0 + 0.5 * i))
                .collect(Collectors.joining(", ", "[", "]"));
        JsonNode model = api.created(post("{\"x\": " + x + ", \"y\": [0,0,1,0,0,0,1,0,1,0,1,1,0,1,1,1,0,1,1,1],"
                + " \"loss\": \"logistic\", \"standardize\": true, \"learningRate\": 0.5, \"epochs\": 3000}"));

        assertThat(model.get("cost").asDouble()).as(model.toString()).isCloseTo(0.55370466537362743, within(1e-15));
        assertThat(model.at("/reference/cost").asDouble()).isCloseTo(0.55370466537362735, within(1e-15));
        assertThat(model.get("optimalityGap").asDouble()).isGreaterThanOrEqualTo(-1e-16);
    }

    @Test
    void refusesAFeatureWhoseSquaresUnderflowNamingIt() throws Exception {
        // The reference came out as "-Infinity" and "Infinity" (with standardize, "NaN"), outside the schema.
        for (String standardize : new String[] {"false", "true"}) {
            HttpResponse<String> refused =
                    post("{\"x\": [1e-310, 0, 2e-310], \"y\": [1, 2, 3], \"standardize\": " + standardize + "}");

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode error = json.readTree(refused.body()).at("/errors/0");
            assertThat(error.get("field").asString()).isEqualTo("x");
            assertThat(error.get("reason").asString()).contains("feature 0").contains("underflow");
        }
    }

    @Test
    void treatsAFeatureThatVariesByAnUlpAsConstantAndSaysSo() throws Exception {
        // 1 and the next double, 1.0000000000000002: standardized, the coefficient was 3e15 and the gap negative.
        JsonNode model =
                api.created(post("{\"x\": [1, 1.0000000000000002, 1, 1.0000000000000002], \"y\": [1, 2, 1.5, 2.5],"
                        + " \"standardize\": true}"));

        assertThat(model.at("/reference/note").asString()).contains("feature 0 is constant");
        assertThat(model.at("/reference/weights").isNull()).isTrue();
        // Descent on the intercept alone: ȳ·(1 − 0.998^1000) with ȳ = 1.75; the column's coefficient stays at
        // rounding level.
        assertThat(model.at("/weights/intercept").asDouble())
                .isCloseTo(1.75 * (1 - Math.pow(0.998, 1000)), within(1e-13));
        assertThat(model.at("/weights/coefficients/0").asDouble()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void putsLassoZerosOnZeroAndChecksThemAgainstCoordinateDescent() throws Exception {
        // scikit-learn's diabetes data (lasso_diabetes.py), standardized: its Lasso on the z-scores zeroes
        // coefficients 0 and 5. Proximal descent lands on 0 exactly, and the reference agrees to the gap.
        ReferenceFixture sklearn = ReferenceFixture.load("lasso_diabetes");
        StringBuilder rows = new StringBuilder("[");
        double[] x = sklearn.rows("x");
        int d = sklearn.columns("x");
        for (int i = 0; i < x.length / d; i++) {
            rows.append(i == 0 ? "" : ", ").append(array(Arrays.copyOfRange(x, i * d, (i + 1) * d)));
        }
        JsonNode model = api.created(post("{\"x\": " + rows + "], \"y\": " + array(sklearn.numbers("y"))
                + ", \"l1\": " + sklearn.number("l1") + ", \"standardize\": true, \"learningRate\": 0.1,"
                + " \"epochs\": 3000}"));

        assertThat(model.at("/reference/method").asString()).isEqualTo("COORDINATE_DESCENT");
        double[] expected = sklearn.numbers("standardized", "lasso", "coefficients");
        for (int j = 0; j < d; j++) {
            double coefficient = model.at("/weights/coefficients/" + j).asDouble();
            if (expected[j] == 0) {
                assertThat(coefficient).as("coefficient %d", j).isEqualTo(0.0);
                assertThat(model.at("/reference/weights/coefficients/" + j).asDouble())
                        .isEqualTo(0.0);
            } else {
                assertThat(coefficient).as("coefficient %d", j).isNotZero();
            }
        }
        // The cost is about 2900: 3000 epochs at 0.1 reach the minimiser to rounding of it.
        assertThat(model.get("optimalityGap").asDouble()).isCloseTo(0.0, within(1e-9));
    }

    static String array(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return api.post("/api/v1/models", body);
    }
}
