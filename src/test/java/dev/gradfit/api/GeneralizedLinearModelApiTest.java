package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.fitting.reference.ReferenceFixture;
import dev.gradfit.model.ModelStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Poisson, Gamma and Tweedie fits through {@code POST /api/v1/models}, with an exposure offset, against statsmodels'
 * and scikit-learn's minimisers on data they ship ({@code reference/glm}); their 400s; and predictions on the scale
 * of y, {@code exp(score + offset)}.
 */
@FitWebTest
@Import(MapModelStore.class)
class GeneralizedLinearModelApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MODELS = "/api/v1/models";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The exact reference (Newton) equals statsmodels and scikit-learn to rounding, see OffsetTest. */
    private static final double SAME_MINIMISER = 1e-9;

    /** Descent of enough epochs comes within this of each weight, relative. */
    private static final double CONVERGED = 1e-6;

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ModelStore store;

    private ResultActions post(String path, Object body) throws Exception {
        String json = body instanceof String text ? text : JSON.writeValueAsString(body);
        return mvc.perform(MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private JsonNode created(Object body) throws Exception {
        String response = post(MODELS, body)
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JSON.readTree(response);
    }

    /** The fixture's data and settings as a fit request. */
    private static Map<String, Object> request(ReferenceFixture fixture, Object loss) {
        int columns = fixture.columns("x");
        double[] flat = fixture.rows("x");
        double[][] x = new double[flat.length / columns][columns];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(flat, i * columns, x[i], 0, columns);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x", x);
        body.put("y", fixture.numbers("y"));
        body.put("loss", loss);
        body.put("standardize", true);
        return body;
    }

    private static void assertWeights(JsonNode weights, ReferenceFixture fixture, double relative) {
        double intercept = fixture.number("intercept");
        assertThat(weights.get("intercept").asDouble()).isCloseTo(intercept, within(relative * Math.abs(intercept)));
        double[] expected = fixture.numbers("coefficients");
        for (int j = 0; j < expected.length; j++) {
            assertThat(weights.get("coefficients").get(j).asDouble())
                    .as("coefficient %s", j)
                    .isCloseTo(expected[j], within(relative * Math.abs(expected[j])));
        }
    }

    /** The cancer counts with the offset log(population), started from the null model's rate log(Σy / Σpop). */
    private static Map<String, Object> cancer(ReferenceFixture fixture, Object loss) {
        Map<String, Object> body = request(fixture, loss);
        double[] y = fixture.numbers("y");
        double[] offset = fixture.numbers("offset");
        double counts = 0;
        double exposure = 0;
        for (int i = 0; i < y.length; i++) {
            counts += y[i];
            exposure += Math.exp(offset[i]);
        }
        body.put("offset", offset);
        body.put("initialWeights", Map.of("intercept", Math.log(counts / exposure), "coefficients", new double[] {0}));
        // Below 2/λ of the largest curvature at the optimum in standardized space (186 for Poisson, 13 for Tweedie).
        body.put("learningRate", 0.005);
        body.put("epochs", 5000);
        return body;
    }

    @Test
    void fitsCancerCountsWithTheExposureOffsetAsStatsmodelsDoes() throws Exception {
        ReferenceFixture fixture = ReferenceFixture.load("glm/poisson_cancer_offset");

        JsonNode model = created(cancer(fixture, "poisson"));

        assertThat(model.at("/hyperparameters/loss/type").asString()).isEqualTo("poisson");
        assertWeights(model.get("weights"), fixture, CONVERGED);
        assertThat(model.at("/reference/method").asString()).isEqualTo("NEWTON_IRLS");
        assertWeights(model.at("/reference/weights"), fixture, SAME_MINIMISER);
        assertThat(model.at("/metrics/type").asString()).isEqualTo("deviance");
        double deviance = fixture.number("metrics", "meanDeviance");
        assertThat(model.at("/metrics/meanDeviance").asDouble()).isCloseTo(deviance, within(CONVERGED * deviance));
        assertThat(model.at("/metrics/d2").asDouble()).isCloseTo(fixture.number("metrics", "d2"), within(CONVERGED));
        assertThat(model.at("/metrics/rmse").asDouble()).isCloseTo(fixture.number("metrics", "rmse"), within(1e-4));

        // A county of 10,000 people: the rate exp(b0 + c·10) times the exposure, exp(log 10000).
        String id = model.get("id").asString();
        double b0 = model.at("/weights/intercept").asDouble();
        double c = model.at("/weights/coefficients/0").asDouble();
        JsonNode predictions = JSON.readTree(post(
                        MODELS + "/" + id + "/predictions",
                        Map.of("x", new double[] {10, 10}, "offset", new double[] {Math.log(10_000), 0}))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(predictions.at("/predictions/0").asDouble())
                .isCloseTo(Math.exp(b0 + 10 * c) * 10_000, within(1e-9 * Math.exp(b0 + 10 * c) * 10_000));
        assertThat(predictions.at("/predictions/1").asDouble()).isCloseTo(Math.exp(b0 + 10 * c), within(1e-15));
        // Without offsets the exposure is 1: the rate per person.
        JsonNode plain = JSON.readTree(post(MODELS + "/" + id + "/predictions", "{\"x\":[10]}")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(plain.at("/predictions/0").asDouble()).isCloseTo(Math.exp(b0 + 10 * c), within(1e-15));

        post(MODELS + "/" + id + "/predictions", Map.of("x", new double[] {10, 10}, "offset", new double[] {1}))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("offset"))
                .andExpect(jsonPath("$.errors[0].reason").value("has 1 values but x has 2 points"));
        // exp(b0 + 10c + 800) is beyond the largest double: the point is refused, not answered as infinity.
        post(MODELS + "/" + id + "/predictions", Map.of("x", new double[] {10}, "offset", new double[] {800}))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("x[0]"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("offset[0]")));
    }

    @Test
    void fitsCancerCountsWithTweedieAndTheExposureOffset() throws Exception {
        ReferenceFixture fixture = ReferenceFixture.load("glm/tweedie_cancer_offset");

        JsonNode model = created(cancer(fixture, Map.of("type", "tweedie", "power", 1.5)));

        assertThat(model.at("/hyperparameters/loss/type").asString()).isEqualTo("tweedie");
        assertThat(model.at("/hyperparameters/loss/power").asDouble()).isEqualTo(1.5);
        assertWeights(model.get("weights"), fixture, CONVERGED);
        assertWeights(model.at("/reference/weights"), fixture, SAME_MINIMISER);
        assertThat(model.at("/metrics/d2").asDouble()).isCloseTo(fixture.number("metrics", "d2"), within(CONVERGED));
    }

    @Test
    void fitsTheScottishReferendumWithGamma() throws Exception {
        ReferenceFixture fixture = ReferenceFixture.load("glm/gamma_scotland");
        Map<String, Object> body = request(fixture, "gamma");
        body.put("optimizer", Map.of("type", "nesterov"));
        body.put("learningRate", 0.1);
        body.put("epochs", 20_000);

        JsonNode model = created(body);

        assertThat(model.at("/hyperparameters/loss/type").asString()).isEqualTo("gamma");
        assertWeights(model.at("/reference/weights"), fixture, SAME_MINIMISER);
        // Seven nearly collinear covariates: descent's weights trail its cost, which is within 1e-6 (see
        // GeneralizedLinearModelTest); 1e-4 of each weight.
        assertWeights(model.get("weights"), fixture, 1e-4);
        double cost = fixture.number("cost");
        assertThat(model.get("cost").asDouble()).isCloseTo(cost, within(CONVERGED * cost));
        // The predictions are means: exp of the score at the first point.
        String id = model.get("id").asString();
        double[] first = java.util.Arrays.copyOf(fixture.rows("x"), fixture.columns("x"));
        double score = model.at("/weights/intercept").asDouble();
        for (int j = 0; j < first.length; j++) {
            score += model.at("/weights/coefficients/" + j).asDouble() * first[j];
        }
        JsonNode predictions = JSON.readTree(post(MODELS + "/" + id + "/predictions", Map.of("x", List.of(first)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(predictions.at("/predictions/0").asDouble()).isCloseTo(Math.exp(score), within(1e-12));
    }

    @Test
    void tweediePowersZeroOneAndTwoAreTheSquaredPoissonAndGammaLosses() throws Exception {
        String data = "\"x\":[1,2,3,4],\"y\":[1,2,4,7],\"epochs\":10";
        for (String[] power : new String[][] {{"0", "squared"}, {"1", "poisson"}, {"2", "gamma"}}) {
            post(MODELS, "{" + data + ",\"loss\":{\"type\":\"tweedie\",\"power\":" + power[0] + "}}")
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.hyperparameters.loss.type").value(power[1]));
        }
        post(MODELS, "{" + data + ",\"loss\":\"tweedie\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.hyperparameters.loss.power").value(1.5));
    }

    /** Posts {@code body} and expects a 400 naming {@code field}, with nothing kept. */
    private ResultActions rejects(String body, String field) throws Exception {
        long before = store.count();
        ResultActions result = post(MODELS, body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        assertThat(store.count()).isEqualTo(before);
        return result;
    }

    @Test
    void refusesTargetsEachLossIsNotDefinedFor() throws Exception {
        rejects("{\"x\":[1,2,3],\"y\":[1,-2,-1],\"loss\":\"poisson\"}", "y[1]")
                .andExpect(jsonPath("$.errors[0].reason")
                        .value("must be 0 or more for the poisson loss (2 values are" + " not)"));
        rejects("{\"x\":[1,2,3],\"y\":[0,0,0],\"loss\":\"poisson\"}", "y")
                .andExpect(jsonPath("$.errors[0].reason", containsString("must not all be 0 for the poisson loss")));
        rejects("{\"x\":[1,2,3],\"y\":[1,0,2],\"loss\":\"gamma\"}", "y[1]")
                .andExpect(jsonPath("$.errors[0].reason").value("must be greater than 0 for the gamma loss"));
        rejects("{\"x\":[1,2,3],\"y\":[1,0,-2],\"loss\":{\"type\":\"tweedie\",\"power\":1.3}}", "y[2]")
                .andExpect(jsonPath("$.errors[0].reason").value("must be 0 or more for the tweedie loss"));
        rejects("{\"x\":[1,2,3],\"y\":[0,0,0],\"loss\":\"tweedie\"}", "y");
        // Points of weight 0 do not count: every point that does has y = 0.
        rejects("{\"x\":[1,2,3],\"y\":[0,0,5],\"sampleWeights\":[1,1,0],\"loss\":\"poisson\"}", "y")
                .andExpect(jsonPath("$.errors[0].reason", containsString("at every point of positive sampleWeights")));
    }

    @Test
    void refusesPowersNoTweedieDistributionHasOrThatDoNotApply() throws Exception {
        String data = "\"x\":[1,2,3],\"y\":[1,0,2],";
        rejects("{" + data + "\"loss\":{\"type\":\"tweedie\",\"power\":0.5}}", "loss.power")
                .andExpect(jsonPath("$.errors[0].reason", containsString("no Tweedie distribution")));
        rejects("{" + data + "\"loss\":{\"type\":\"tweedie\",\"power\":-1}}", "loss.power");
        rejects("{" + data + "\"loss\":{\"type\":\"tweedie\",\"power\":2.5}}", "loss.power");
        rejects("{" + data + "\"loss\":{\"type\":\"poisson\",\"power\":1.5}}", "loss.power")
                .andExpect(jsonPath("$.errors[0].reason").value("applies only to the tweedie loss"));
    }

    @Test
    void refusesOffsetsOfTheWrongLengthOrForOtherLosses() throws Exception {
        String data = "\"x\":[1,2,3],\"y\":[1,0,2],";
        rejects("{" + data + "\"loss\":\"poisson\",\"offset\":[0,1]}", "offset")
                .andExpect(jsonPath("$.errors[0].reason").value("has 2 values but y has 3"));
        rejects("{" + data + "\"offset\":[0,1,2]}", "offset")
                .andExpect(jsonPath("$.errors[0].reason", containsString("poisson, gamma and tweedie")));
        rejects("{" + data + "\"loss\":{\"type\":\"tweedie\",\"power\":0},\"offset\":[0,1,2]}", "offset");
        // Read as infinity, which the array reader refuses as it does for x and y.
        rejects("{" + data + "\"loss\":\"poisson\",\"offset\":[0,1e999,2]}", "offset")
                .andExpect(jsonPath("$.errors[0].reason", containsString("element 1 must be a finite number")));
    }

    @Test
    void refusesPredictionOffsetsForAModelWithoutALogLink() throws Exception {
        JsonNode model = created("{\"x\":[1,2,3],\"y\":[1,0,2],\"epochs\":5}");

        post(MODELS + "/" + model.get("id").asString() + "/predictions", "{\"x\":[1],\"offset\":[0]}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("offset"));
    }
}
