package dev.gradfit.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Every fit option's validation: a 400 problem naming the field, and nothing stored. */
@FitWebTest
class FitOptionsValidationTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String DATA = "\"x\":[1,2,3,4],\"y\":[0,1,1,0]";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelStore store;

    /** Posts {@code {DATA, options}} and expects a 400 naming {@code field}. */
    private ResultActions rejects(String options, String field) throws Exception {
        ResultActions result = mvc.perform(post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{" + DATA + "," + options + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        verify(store, never()).save(any());
        return result;
    }

    @Test
    void rejectsUnknownTypesListingTheAllowedOnes() throws Exception {
        rejects("\"loss\":{\"type\":\"hinge\"}", "loss.type")
                .andExpect(jsonPath("$.errors[0].reason")
                        .value("must be one of squared, huber, absolute, logistic, softmax, poisson, gamma, tweedie"));
        rejects("\"loss\":\"hinge\"", "loss").andExpect(jsonPath("$.errors[0].reason", containsString("logistic")));
        rejects("\"optimizer\":{\"type\":\"newton\"}", "optimizer.type")
                .andExpect(jsonPath("$.errors[0].reason")
                        .value("must be one of gd, momentum, nesterov, adagrad, rmsprop, adam, lbfgs"));
        rejects("\"schedule\":{\"type\":\"cosine\"}", "schedule.type")
                .andExpect(jsonPath("$.errors[0].reason", containsString("inverseScaling")));
    }

    @Test
    void rejectsSettingsThatDoNotApplyToTheChosenType() throws Exception {
        rejects("\"loss\":{\"type\":\"absolute\",\"delta\":1}", "loss.delta");
        rejects("\"optimizer\":{\"beta1\":0.9}", "optimizer.beta1")
                .andExpect(jsonPath("$.errors[0].reason").value("applies only to the adam optimizer"));
        rejects("\"optimizer\":{\"type\":\"adam\",\"momentum\":0.9}", "optimizer.momentum");
        rejects("\"optimizer\":{\"type\":\"momentum\",\"rho\":0.9}", "optimizer.rho");
        rejects("\"optimizer\":{\"type\":\"nesterov\",\"epsilon\":1e-8}", "optimizer.epsilon");
        rejects("\"schedule\":{\"type\":\"exponential\",\"every\":10}", "schedule.every");
        rejects("\"schedule\":{\"type\":\"step\",\"patience\":3}", "schedule.patience");
        rejects("\"schedule\":{\"power\":0.5}", "schedule.power");
        rejects("\"schedule\":{\"type\":\"inverseScaling\",\"factor\":0.5}", "schedule.factor");
        rejects("\"shuffle\":false", "shuffle");
        rejects("\"patience\":3", "patience");
        rejects("\"validationFraction\":0.2", "validationFraction");
    }

    @Test
    void rejectsSettingsOutOfRange() throws Exception {
        rejects("\"loss\":{\"type\":\"huber\",\"delta\":0}", "loss.delta");
        rejects("\"optimizer\":{\"type\":\"momentum\",\"momentum\":1}", "optimizer.momentum");
        rejects("\"optimizer\":{\"type\":\"adam\",\"beta2\":-0.1}", "optimizer.beta2");
        rejects("\"optimizer\":{\"type\":\"adam\",\"epsilon\":0}", "optimizer.epsilon");
        rejects("\"optimizer\":{\"type\":\"rmsprop\",\"rho\":1.5}", "optimizer.rho");
        rejects("\"schedule\":{\"type\":\"step\",\"factor\":1.5}", "schedule.factor");
        rejects("\"schedule\":{\"type\":\"step\",\"every\":0}", "schedule.every");
        rejects("\"schedule\":{\"type\":\"plateau\",\"patience\":0}", "schedule.patience");
        rejects("\"schedule\":{\"type\":\"inverseScaling\",\"power\":0}", "schedule.power");
        rejects("\"l1\":-0.1", "l1");
        // Clipping the smooth gradient would stop the proximal L1 step short of the minimiser.
        rejects("\"l1\":0.1,\"clipNorm\":5", "l1")
                .andExpect(jsonPath("$.errors[0].reason", containsString("clipNorm")));
        rejects("\"l2\":-1", "l2");
        rejects("\"batchSize\":0", "batchSize");
        rejects("\"clipNorm\":0", "clipNorm");
        rejects("\"tolerance\":-1e-6", "tolerance");
        rejects("\"tolerance\":1e-6,\"patience\":0", "patience");
        rejects("\"earlyStopping\":true,\"validationFraction\":1", "validationFraction");
        rejects("\"maxDurationMs\":0", "maxDurationMs");
        rejects("\"seed\":1.5", "seed");
        rejects("\"fitIntercept\":\"no\"", "fitIntercept");
    }

    @Test
    void rejectsUnknownFieldsInsideNestedSettings() throws Exception {
        rejects("\"optimizer\":{\"type\":\"adam\",\"beta\":0.9}", "optimizer.beta")
                .andExpect(jsonPath("$.errors[0].reason").value("is not a known field"));
    }

    @Test
    void rejectsSnapshotEpochsBeyondTheFit() throws Exception {
        rejects("\"epochs\":100,\"snapshotEpochs\":[10,101]", "snapshotEpochs[1]")
                .andExpect(jsonPath("$.errors[0].reason").value("must be between 0 and epochs (100)"));
        rejects("\"snapshotEpochs\":[-1]", "snapshotEpochs[0]");
        rejects("\"snapshotEpochs\":[1.5]", "snapshotEpochs[0]");
    }

    @Test
    void rejectsSampleWeightsThatDoNotFit() throws Exception {
        rejects("\"sampleWeights\":[1,1,1]", "sampleWeights")
                .andExpect(jsonPath("$.errors[0].reason").value("has 3 values but y has 4"));
        rejects("\"sampleWeights\":[1,-1,1,1]", "sampleWeights[1]");
        rejects("\"sampleWeights\":[0,0,0,0]", "sampleWeights")
                .andExpect(jsonPath("$.errors[0].reason").value("must not all be zero"));
        rejects("\"sampleWeights\":[1,1e400,1,1]", "sampleWeights");
    }

    @Test
    void rejectsLogisticTargetsOfMoreThanTwoClasses() throws Exception {
        mvc.perform(post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[1,2,3,4],\"y\":[0,1,2,0.5],\"loss\":\"logistic\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("y"))
                .andExpect(jsonPath("$.errors[0].reason")
                        .value("holds 4 classes; the logistic loss takes two (the softmax loss takes more)"));
    }

    @Test
    void rejectsAnInterceptToHoldWhenItIsNotFitted() throws Exception {
        rejects(
                "\"fitIntercept\":false,\"initialWeights\":{\"intercept\":1,\"coefficients\":[0]}",
                "initialWeights.intercept");
    }

    @Test
    void rejectsAValidationSplitThatLeavesNothingToTrainOn() throws Exception {
        mvc.perform(post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[1],\"y\":[1],\"earlyStopping\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("validationFraction"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("none to train on")));
    }

    @Test
    void rejectsAThresholdForARegressionModelOrOutOfRange() throws Exception {
        FittedModel model = new FittedModel(
                UUID.randomUUID(),
                Instant.EPOCH,
                Hyperparameters.defaults(),
                new FitResult(new Weights(0, new double[] {1}), 0, new double[] {0, 0}, 1, 1));
        given(store.find(model.id())).willReturn(Optional.of(model));

        for (String threshold : new String[] {"0.7", "1.5", "0"}) {
            mvc.perform(post("/api/v1/models/" + model.id() + "/predictions")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"x\":[1],\"threshold\":" + threshold + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(PROBLEM))
                    .andExpect(jsonPath("$.errors[0].field").value("threshold"));
        }
    }

    @Test
    void rejectsContinuingAnUnknownOrMismatchedModel() throws Exception {
        UUID unknown = UUID.randomUUID();
        given(store.find(unknown)).willReturn(Optional.empty());
        mvc.perform(post("/api/v1/models/" + unknown + "/fits")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[1,2],\"y\":[1,2]}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/model-not-found"));

        FittedModel parent = new FittedModel(
                UUID.randomUUID(),
                Instant.EPOCH,
                Hyperparameters.defaults(),
                new FitResult(new Weights(0, new double[] {1, 2}), 0, new double[] {0, 0}, 1, 1));
        given(store.find(parent.id())).willReturn(Optional.of(parent));
        mvc.perform(post("/api/v1/models/" + parent.id() + "/fits")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[1,2],\"y\":[1,2]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("x"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("the model takes 2")));
        mvc.perform(
                        post("/api/v1/models/" + parent.id() + "/fits")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"x\":[[1,2]],\"y\":[1],\"initialWeights\":{\"intercept\":0,\"coefficients\":[0,0]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("initialWeights"));
        verify(store, never()).save(any());
    }
}
