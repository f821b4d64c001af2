package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.nist.NistDataset;
import dev.gradfit.fitting.objective.Curvature;
import dev.gradfit.fitting.train.Standardizer;
import dev.gradfit.model.ModelStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Standardization and the diagnostics block of the fit response, over the web layer. */
@FitWebTest
class DiagnosticsApiTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelStore store;

    private ResultActions fit(String body) throws Exception {
        return mvc.perform(
                post("/api/v1/models").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** Numbers read as doubles: the JSON parser gives BigDecimal for long decimals, which closeTo refuses. */
    private static ResultMatcher near(String path, double expected, double tolerance) {
        return jsonPath(path, closeTo(expected, tolerance), Double.class);
    }

    @Test
    void reportsMetricsTheLeastSquaresReferenceAndTheGap() throws Exception {
        // x = {1, 2, 3, 4}, y = {2, 4, 5, 9}: least squares in closed form (x̄ = 2.5, ȳ = 5, Sxx = 5,
        // Sxy = 11) gives slope 2.2 and intercept −0.5, residuals {0.3, 0.1, −1.1, 0.7}, RSS = 1.8.
        fit("{\"x\":[1,2,3,4],\"y\":[2,4,5,9],\"learningRate\":0.05,\"epochs\":5000}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.hyperparameters.standardize").value(false))
                .andExpect(jsonPath("$.reference.method").value("HOUSEHOLDER_QR"))
                .andExpect(near("$.reference.weights.intercept", -0.5, 1e-12))
                .andExpect(near("$.reference.weights.coefficients[0]", 2.2, 1e-12))
                .andExpect(near("$.reference.cost", 0.45, 1e-14))
                .andExpect(jsonPath("$.reference.note").value(nullValue()))
                // 5000 epochs at 0.05 contract the error far below rounding: the gap is rounding only.
                .andExpect(near("$.optimalityGap", 0.0, 1e-14))
                .andExpect(jsonPath("$.metrics.type").value("regression"))
                .andExpect(near("$.metrics.mse", 0.45, 1e-12))
                .andExpect(near("$.metrics.rmse", Math.sqrt(0.45), 1e-12))
                .andExpect(near("$.metrics.mae", 0.55, 1e-12))
                // Σ(y − ȳ)² = 26, so r2 = 1 − 1.8/26.
                .andExpect(near("$.metrics.r2", 1 - 1.8 / 26, 1e-12));
    }

    @Test
    void standardizesBadlyScaledFeaturesAndReportsOriginalUnits() throws Exception {
        // y = 3 + 0.002·x with x near 1e4: unstandardized, a stable rate is below 1e-8 and the intercept
        // would take billions of epochs; standardized, the error halves each epoch at rate 0.25.
        fit("{\"x\":[10000,10010,10020,10030,10040],\"y\":[23,23.02,23.04,23.06,23.08],"
                        + "\"learningRate\":0.25,\"epochs\":300,\"standardize\":true}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.hyperparameters.standardize").value(true))
                // The data are decimal approximations of the line: agreement to rounding of values near 23.
                .andExpect(near("$.weights.intercept", 3.0, 1e-9))
                .andExpect(near("$.weights.coefficients[0]", 0.002, 1e-13))
                .andExpect(near("$.reference.weights.intercept", 3.0, 1e-9))
                .andExpect(jsonPath("$.optimalityGap", lessThan(1e-20), Double.class))
                .andExpect(near("$.metrics.r2", 1.0, 1e-12));
    }

    @Test
    void reportsClassificationMetricsAndTheNewtonReferenceForTheLogisticLoss() throws Exception {
        // Two groups: at x = 0 one positive in four, at x = 1 three in four. The optimum by hand is
        // b0 = log(1/3), c = 2·log 3 (each group's probability equals its share).
        fit("{\"x\":[0,0,0,0,1,1,1,1],\"y\":[1,0,0,0,1,1,1,0],\"loss\":\"logistic\","
                        + "\"learningRate\":1,\"epochs\":3000}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reference.method").value("NEWTON_IRLS"))
                .andExpect(near("$.reference.weights.intercept", Math.log(1.0 / 3), 1e-12))
                .andExpect(near("$.reference.weights.coefficients[0]", 2 * Math.log(3), 1e-12))
                // Scores b0 < 0 at x = 0 and b0 + c > 0 at x = 1: one false positive, one false negative.
                .andExpect(jsonPath("$.metrics.truePositives").value(3))
                .andExpect(jsonPath("$.metrics.falsePositives").value(1))
                .andExpect(jsonPath("$.metrics.trueNegatives").value(3))
                .andExpect(jsonPath("$.metrics.falseNegatives").value(1))
                .andExpect(near("$.metrics.accuracy", 0.75, 1e-15))
                // 3000 epochs at rate 1 reach the optimum to rounding (curvature at least 0.04, so the
                // error shrinks by 0.96 per epoch or faster).
                .andExpect(near("$.optimalityGap", 0.0, 1e-12));
    }

    @Test
    void scalesButDoesNotCentreWithoutAnIntercept() throws Exception {
        // NIST's NoInt2: y = {3, 4, 4} on x = {4, 5, 6} through the origin; certified slope
        // Σxy/Σx² = 56/77 = 0.727272... Standardizing only scales x (by its root mean square), so the
        // intercept stays 0.
        fit("{\"x\":[4,5,6],\"y\":[3,4,4],\"fitIntercept\":false,\"standardize\":true,"
                        + "\"learningRate\":0.25,\"epochs\":200}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.weights.intercept").value(0.0))
                .andExpect(near("$.weights.coefficients[0]", 56.0 / 77, 1e-15))
                .andExpect(near("$.reference.weights.coefficients[0]", 56.0 / 77, 1e-15))
                // uncentred R² = 1 − RSS/Σy², RSS = Σy² − (Σxy)²/Σx² = 41 − 56²/77
                .andExpect(near("$.metrics.r2", 1 - (41 - 56.0 * 56 / 77) / 41, 1e-14));
    }

    @Test
    void fitsTheStandardizedSwaggerExample() throws Exception {
        // y = 3 + 2·t + 0.001·income exactly. Standardized, the Hessian's eigenvalues are 2·(1 ± r) with
        // r the features' correlation (about −0.18 here), so rate 0.1 multiplies the error by at most
        // 0.84 per epoch: 500 epochs leave rounding only.
        fit(ApiDocs.STANDARDIZED_EXAMPLE)
                .andExpect(status().isCreated())
                .andExpect(near("$.weights.intercept", 3.0, 1e-9))
                .andExpect(near("$.weights.coefficients[0]", 2.0, 1e-11))
                .andExpect(near("$.weights.coefficients[1]", 0.001, 1e-14))
                .andExpect(near("$.reference.weights.coefficients[1]", 0.001, 1e-14));
        // The same request without standardization diverges at this rate (income² dominates the Hessian).
        fit(ApiDocs.STANDARDIZED_EXAMPLE.replace("\"standardize\": true", "\"standardize\": false"))
                .andExpect(status().isUnprocessableEntity());
    }

    @Test
    void reachesNistsCertifiedWampler4CoefficientsOverHttp() throws Exception {
        // The path docs/nist.md describes, end to end through the web layer: degree-5 features,
        // standardize, Nesterov with momentum 0.999 at 1/λmax of the standardized Hessian, 200,000 epochs.
        NistDataset set = NistDataset.load("wampler4");
        Dataset data = set.data();
        StringBuilder x = new StringBuilder("[");
        StringBuilder y = new StringBuilder("[");
        for (int i = 0; i < data.rows(); i++) {
            x.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < data.columns(); j++) {
                x.append(j == 0 ? "" : ",").append(data.feature(i, j));
            }
            x.append(']');
            y.append(i == 0 ? "" : ",").append(data.target(i));
        }
        double rate =
                Curvature.maxStableLearningRate(Standardizer.of(data, true).transform(data), true, 0.0) / 2;
        String body = "{\"x\":" + x + "],\"y\":" + y + "],\"standardize\":true,\"learningRate\":" + rate
                + ",\"epochs\":200000,\"optimizer\":{\"type\":\"nesterov\",\"momentum\":0.999}}";

        String response = fit(body)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();

        JsonNode weights = JsonMapper.builder().build().readTree(response).get("weights");
        double[] coefficients = new double[data.columns()];
        for (int j = 0; j < coefficients.length; j++) {
            coefficients[j] = weights.get("coefficients").get(j).doubleValue();
        }
        // NIST's floor for Wampler; the same descent in NistStrdTest reaches 10.1.
        assertThat(set.minLre(new Weights(weights.get("intercept").doubleValue(), coefficients)))
                .isGreaterThanOrEqualTo(8.0);
    }

    @Test
    void saysWhenThereIsNoReference() throws Exception {
        // Two identical columns: least squares has a line of minimisers, so no unique reference.
        fit("{\"x\":[[1,1],[2,2],[3,3]],\"y\":[1,2,4]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reference.method").value("HOUSEHOLDER_QR"))
                .andExpect(jsonPath("$.reference.weights").value(nullValue()))
                .andExpect(jsonPath("$.reference.cost").value(nullValue()))
                .andExpect(jsonPath("$.reference.note", containsString("collinear")))
                .andExpect(jsonPath("$.optimalityGap").value(nullValue()));
    }

    @Test
    void leavesR2NullForConstantTargets() throws Exception {
        fit("{\"x\":[1,2,3],\"y\":[5,5,5]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.metrics.r2").value(nullValue()));
    }

    @Test
    void rejectsAStandardizeThatIsNotABoolean() throws Exception {
        fit("{\"x\":[1,2,3],\"y\":[1,2,3],\"standardize\":\"yes\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("standardize")));
    }
}
