package dev.gradfit.api;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The fit options over HTTP: what the response reports, logistic predictions, and warm starts. */
@FitWebTest
@Import(MapModelStore.class)
class FitOptionsApiTest {

    @Autowired
    private MockMvc mvc;

    private ResultActions post(String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void fitsTheSwaggerExamples() throws Exception {
        post("/api/v1/models", ApiDocs.FIT_EXAMPLE).andExpect(status().isCreated());
        post("/api/v1/models", ApiDocs.LOGISTIC_EXAMPLE)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stopReason").value("CONVERGED"));
        post("/api/v1/models", ApiDocs.ADAM_EXAMPLE)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.validationCostHistory").isArray())
                .andExpect(jsonPath("$.learningRateHistory").isArray())
                .andExpect(jsonPath("$.snapshots[0].epoch").value(10));
    }

    @Test
    void echoesEveryEffectiveSettingOfADefaultFit() throws Exception {
        post("/api/v1/models", "{\"x\":[1,2,3],\"y\":[2,4,6]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stopReason").value("EPOCHS"))
                .andExpect(jsonPath("$.hyperparameters.loss.type").value("squared"))
                .andExpect(jsonPath("$.hyperparameters.optimizer.type").value("gd"))
                .andExpect(jsonPath("$.hyperparameters.schedule.type").value("constant"))
                .andExpect(jsonPath("$.hyperparameters.l1").value(0.0))
                .andExpect(jsonPath("$.hyperparameters.l2").value(0.0))
                .andExpect(jsonPath("$.hyperparameters.fitIntercept").value(true))
                .andExpect(jsonPath("$.hyperparameters.seed").value(0))
                .andExpect(jsonPath("$.hyperparameters.earlyStopping").value(false))
                .andExpect(jsonPath("$.hyperparameters.batchSize").doesNotExist())
                .andExpect(jsonPath("$.hyperparameters.tolerance").doesNotExist())
                .andExpect(jsonPath("$.learningRateHistory").doesNotExist())
                .andExpect(jsonPath("$.validationCostHistory").doesNotExist())
                .andExpect(jsonPath("$.snapshots").doesNotExist())
                .andExpect(jsonPath("$.parentId").doesNotExist());
    }

    @Test
    void fillsInTheDefaultsOfTheChosenTypes() throws Exception {
        post(
                        "/api/v1/models",
                        "{\"x\":[1,2,3],\"y\":[2,4,6],\"optimizer\":{\"type\":\"adam\"},"
                                + "\"schedule\":{\"type\":\"plateau\"},\"loss\":{\"type\":\"huber\"},\"batchSize\":2,"
                                + "\"clipNorm\":5,\"tolerance\":0,\"maxDurationMs\":60000}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.hyperparameters.optimizer.beta1").value(0.9))
                .andExpect(jsonPath("$.hyperparameters.optimizer.beta2").value(0.999))
                .andExpect(jsonPath("$.hyperparameters.optimizer.epsilon").value(1e-8))
                .andExpect(jsonPath("$.hyperparameters.optimizer.momentum").doesNotExist())
                .andExpect(jsonPath("$.hyperparameters.schedule.factor").value(0.1))
                .andExpect(jsonPath("$.hyperparameters.schedule.patience").value(10))
                .andExpect(jsonPath("$.hyperparameters.loss.delta").value(1.0))
                .andExpect(jsonPath("$.hyperparameters.batchSize").value(2))
                .andExpect(jsonPath("$.hyperparameters.shuffle").value(true))
                .andExpect(jsonPath("$.hyperparameters.clipNorm").value(5.0))
                .andExpect(jsonPath("$.hyperparameters.tolerance").value(0.0))
                .andExpect(jsonPath("$.hyperparameters.patience").value(5))
                .andExpect(jsonPath("$.hyperparameters.maxDurationMs").value(60000));
    }

    @Test
    void reportsSnapshotsLearningRatesAndTheValidationCost() throws Exception {
        post(
                        "/api/v1/models",
                        "{\"x\":[1,2,3,4,5,6,7,8,9,10],\"y\":[3,5,7,9,11,13,15,17,19,21],\"learningRate\":0.01,"
                                + "\"epochs\":30,\"schedule\":{\"type\":\"step\",\"factor\":0.5,\"every\":10},"
                                + "\"snapshotEpochs\":[30,10,20,10],\"returnLearningRates\":true,"
                                + "\"earlyStopping\":true,\"validationFraction\":0.2,\"patience\":50}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.epochs").value(30))
                .andExpect(jsonPath("$.snapshots", hasSize(3)))
                .andExpect(jsonPath("$.snapshots[2].epoch").value(30))
                .andExpect(jsonPath("$.snapshots[2].coefficients", hasSize(1)))
                .andExpect(jsonPath("$.learningRateHistory", hasSize(30)))
                .andExpect(jsonPath("$.learningRateHistory[9]").value(0.01))
                .andExpect(jsonPath("$.learningRateHistory[10]").value(0.005))
                .andExpect(jsonPath("$.learningRateHistory[29]").value(0.0025))
                .andExpect(jsonPath("$.validationCostHistory", hasSize(31)))
                .andExpect(jsonPath("$.hyperparameters.validationFraction").value(0.2));
    }

    @Test
    void answersLogisticModelsWithProbabilitiesAndLabels() throws Exception {
        // Three of four points at x = 1 are class 1, one of four at x = −1: the optimum is b0 = 0, b = ln 3,
        // so σ(b) = 3/4 at x = 1, 1/4 at x = −1 and 1/2 at x = 0.
        String body = "{\"x\":[1,1,1,1,-1,-1,-1,-1],\"y\":[1,1,1,0,0,0,0,1],\"loss\":\"logistic\","
                + "\"learningRate\":2,\"epochs\":2000}";
        String id = JsonPath.read(
                post("/api/v1/models", body)
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.hyperparameters.loss.type").value("logistic"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.id");

        post("/api/v1/models/" + id + "/predictions", "{\"x\":[1,-1,0]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions").doesNotExist())
                // Converged to rounding (the fitting tests show 1e-12 on the weights).
                .andExpect(jsonPath("$.probabilities[0]", closeTo(0.75, 1e-9), Double.class))
                .andExpect(jsonPath("$.probabilities[1]", closeTo(0.25, 1e-9), Double.class))
                .andExpect(jsonPath("$.probabilities[2]", closeTo(0.5, 1e-9), Double.class))
                .andExpect(jsonPath("$.labels[0]").value(1))
                .andExpect(jsonPath("$.labels[1]").value(0))
                .andExpect(jsonPath("$.threshold").value(0.5));
        post("/api/v1/models/" + id + "/predictions", "{\"x\":[1,-1],\"threshold\":0.8}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.labels[0]").value(0))
                .andExpect(jsonPath("$.threshold").value(0.8));
    }

    @Test
    void reportsTheLargestStableLearningRateOfADivergedFit() throws Exception {
        post("/api/v1/models", "{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.2}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.divergence").value("GREW"))
                .andExpect(jsonPath("$.epoch").isNumber())
                .andExpect(jsonPath("$.lastFiniteCost").isNumber())
                // 2/λmax with λmax = 2·(6 + √34), the Hessian's largest eigenvalue for x = 1..5.
                .andExpect(jsonPath(
                        "$.maxStableLearningRate", closeTo(2 / (2 * (6 + Math.sqrt(34))), 1e-14), Double.class))
                .andExpect(jsonPath("$.hint", containsString("0.0845241")));
    }

    @Test
    void continuesAModelFromItsWeights() throws Exception {
        String data = "\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.01";
        String parent = post("/api/v1/models", "{" + data + ",\"epochs\":10}")
                .andReturn()
                .getResponse()
                .getContentAsString();
        String parentId = JsonPath.read(parent, "$.id");
        String straight = post("/api/v1/models", "{" + data + ",\"epochs\":20}")
                .andReturn()
                .getResponse()
                .getContentAsString();

        String child = post("/api/v1/models/" + parentId + "/fits", "{" + data + ",\"epochs\":10}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/v1/models/")))
                .andExpect(jsonPath("$.parentId").value(parentId))
                .andExpect(jsonPath("$.hyperparameters.initialWeights.intercept")
                        .value((double) JsonPath.read(parent, "$.weights.intercept")))
                .andExpect(jsonPath("$.costHistory[0]").value((double) JsonPath.read(parent, "$.cost")))
                .andExpect(jsonPath("$.cost", lessThan((double) JsonPath.read(parent, "$.cost"))))
                .andReturn()
                .getResponse()
                .getContentAsString();

        // Plain gradient descent keeps no state, so 10 + 10 epochs are the same steps as 20, bit for bit.
        double childIntercept = JsonPath.read(child, "$.weights.intercept");
        double straightIntercept = JsonPath.read(straight, "$.weights.intercept");
        org.assertj.core.api.Assertions.assertThat(childIntercept).isEqualTo(straightIntercept);
        mvc.perform(get("/api/v1/models/" + JsonPath.read(child, "$.id")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.parentId").value(parentId));
    }
}
