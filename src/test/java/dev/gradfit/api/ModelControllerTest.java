package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.StoreFullException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.service.FitCommand;
import dev.gradfit.service.FitService;
import dev.gradfit.service.ModelNotFoundException;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.ModelService.ModelListing;
import dev.gradfit.service.Prediction;
import dev.gradfit.service.PredictionCommand;
import dev.gradfit.service.PredictionService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The controller alone: how requests become commands and results become responses, with the services mocked. */
@ControllerSliceTest
class ModelControllerTest {

    private static final String MODELS = "/api/v1/models";
    private static final String PROBLEM = "application/problem+json";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private FitService fits;

    @MockitoBean
    private ModelService models;

    @MockitoBean
    private PredictionService predictions;

    /** A stored model y' = 4 + 2x, as a fit would leave it. */
    private static FittedModel model(UUID id, UUID parentId) {
        Weights weights = new Weights(4.0, new double[] {2.0});
        FitResult result = new FitResult(weights, 0.5, new double[] {108.0, 0.5}, 1, 1);
        Hyperparameters hyperparameters = new Hyperparameters(0.05, 1, null);
        return new FittedModel(id, Instant.parse(ControllerSliceTest.NOW), hyperparameters, result, parentId);
    }

    private ResultActions postJson(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void fitsThroughTheServiceAndAnswers201WithTheModelsLocation() throws Exception {
        UUID id = UUID.randomUUID();
        given(fits.fit(any())).willReturn(model(id, null));

        postJson(MODELS, "{\"x\": [1, 2, 3], \"y\": [6, 8, 10], \"learningRate\": 0.05, \"epochs\": 1}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", MODELS + "/" + id))
                .andExpect(jsonPath("$.id").value(id.toString()))
                .andExpect(jsonPath("$.weights.intercept").value(4.0))
                .andExpect(jsonPath("$.links.predictions").value(MODELS + "/" + id + "/predictions"));

        ArgumentCaptor<FitCommand> command = ArgumentCaptor.forClass(FitCommand.class);
        verify(fits).fit(command.capture());
        assertThat(command.getValue().parentId()).isNull();
        assertThat(command.getValue().data().rows()).isEqualTo(3);
        assertThat(command.getValue().hyperparameters().learningRate()).isEqualTo(0.05);
        assertThat(command.getValue().hyperparameters().epochs()).isEqualTo(1);
    }

    @Test
    void continuesFromTheParentsWeights() throws Exception {
        UUID parentId = UUID.randomUUID();
        given(models.find(parentId)).willReturn(model(parentId, null));
        given(fits.fit(any())).willReturn(model(UUID.randomUUID(), parentId));

        postJson(MODELS + "/" + parentId + "/fits", "{\"x\": [1, 2], \"y\": [6, 8], \"epochs\": 1}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.parentId").value(parentId.toString()));

        ArgumentCaptor<FitCommand> command = ArgumentCaptor.forClass(FitCommand.class);
        verify(fits).fit(command.capture());
        assertThat(command.getValue().parentId()).isEqualTo(parentId);
        Weights start = command.getValue().hyperparameters().initialWeights();
        assertThat(start.intercept()).isEqualTo(4.0);
        assertThat(start.coefficients()).containsExactly(2.0);
    }

    @Test
    void answersAnUnknownParentWith404WithoutFitting() throws Exception {
        UUID id = UUID.randomUUID();
        given(models.find(id)).willThrow(new ModelNotFoundException(id));

        postJson(MODELS + "/" + id + "/fits", "{\"x\": [1, 2], \"y\": [6, 8]}")
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/model-not-found"));
        verify(fits, never()).fit(any());
    }

    @Test
    void refusesABadRequestBeforeTheServiceSeesIt() throws Exception {
        postJson(MODELS, "{\"x\": [1, 2, 3], \"y\": [6, 8], \"shuffle\": true}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[*].field", hasItem("y")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("shuffle")));
        verify(fits, never()).fit(any());
    }

    @Test
    void refusesAParentIdInTheBodyOfAFitWhichOnlyJobsTake() throws Exception {
        postJson(MODELS, "{\"x\": [1, 2], \"y\": [6, 8], \"parentId\": \"" + UUID.randomUUID() + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("parentId"));
        verify(fits, never()).fit(any());
    }

    @Test
    void listsOnePageAndCountsThePages() throws Exception {
        UUID id = UUID.randomUUID();
        given(models.list(1, 2)).willReturn(new ModelListing(List.of(model(id, null)), 5));

        mvc.perform(get(MODELS).param("page", "1").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value(id.toString()))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalElements").value(5))
                .andExpect(jsonPath("$.totalPages").value(3));
    }

    @Test
    void refusesPagesOutsideTheirBounds() throws Exception {
        mvc.perform(get(MODELS).param("page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM));
        mvc.perform(get(MODELS).param("size", "1001"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM));
        verify(models, never()).list(any(Integer.class), any(Integer.class));
    }

    @Test
    void deletesWith204AndAnswersAnUnknownIdWith404() throws Exception {
        UUID kept = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        willThrow(new ModelNotFoundException(unknown)).given(models).delete(unknown);

        mvc.perform(delete(MODELS + "/" + kept)).andExpect(status().isNoContent());
        mvc.perform(delete(MODELS + "/" + unknown))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM));
        verify(models).delete(kept);
    }

    @Test
    void answersALogisticModelWithProbabilitiesAndLabels() throws Exception {
        UUID id = UUID.randomUUID();
        given(predictions.predict(any(), any())).willReturn(new Prediction(id, new double[] {0.2, 0.7}, true, 0.6));

        postJson(MODELS + "/" + id + "/predictions", "{\"x\": [[1, 2], [3, 4]], \"threshold\": 0.6}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.modelId").value(id.toString()))
                .andExpect(jsonPath("$.probabilities[1]").value(0.7))
                .andExpect(jsonPath("$.labels[0]").value(0))
                .andExpect(jsonPath("$.labels[1]").value(1))
                .andExpect(jsonPath("$.threshold").value(0.6))
                .andExpect(jsonPath("$.predictions").doesNotExist());

        ArgumentCaptor<PredictionCommand> command = ArgumentCaptor.forClass(PredictionCommand.class);
        verify(predictions).predict(command.capture(), any());
        assertThat(command.getValue().modelId()).isEqualTo(id);
        assertThat(command.getValue().rows()).isEqualTo(2);
        assertThat(command.getValue().features()).isEqualTo(2);
        assertThat(command.getValue().points()).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(command.getValue().threshold()).isEqualTo(0.6);
    }

    @Test
    void answersARegressionModelWithPredictions() throws Exception {
        UUID id = UUID.randomUUID();
        given(predictions.predict(any(), any())).willReturn(new Prediction(id, new double[] {16.0}, false, 0.5));

        postJson(MODELS + "/" + id + "/predictions", "{\"x\": [6]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0]").value(16.0))
                .andExpect(jsonPath("$.probabilities").doesNotExist())
                .andExpect(jsonPath("$.threshold").doesNotExist());
    }

    @Test
    void answersAnUnreachableStoreWith503AndRetryAfter() throws Exception {
        UUID id = UUID.randomUUID();
        StoreUnavailableException down = new StoreUnavailableException(
                "Redis did not answer the model store's find", Duration.ofMillis(4500), new RuntimeException());
        given(models.find(id)).willThrow(down);
        given(models.list(0, 20)).willThrow(down);

        for (String path : List.of(MODELS + "/" + id, MODELS)) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentType(PROBLEM))
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/store-unavailable"))
                    .andExpect(jsonPath("$.retryAfterSeconds").value(5))
                    .andExpect(jsonPath("$.detail")
                            .value(org.hamcrest.Matchers.not(
                                    org.hamcrest.Matchers.containsString("Redis did not answer"))));
        }
    }

    @Test
    void answersAFullStoreWith507StoreFullAndNoRetryAfter() throws Exception {
        given(fits.fit(any()))
                .willThrow(new StoreFullException(
                        "Redis is out of memory and refused the model store's save",
                        Duration.ofSeconds(1),
                        new RuntimeException("OOM command not allowed when used memory > 'maxmemory'.")));

        postJson(MODELS, "{\"x\": [1, 2, 3], \"y\": [6, 8, 10]}")
                .andExpect(status().isInsufficientStorage())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/store-full"))
                .andExpect(jsonPath("$.title").value("Store full"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("out of memory")));
    }
}
