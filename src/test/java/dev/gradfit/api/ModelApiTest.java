package dev.gradfit.api;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@FitWebTest
class ModelApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MODELS = "/api/v1/models";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelStore store;

    private ResultActions fit(String body) throws Exception {
        return mvc.perform(post(MODELS).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        verify(store, never()).save(any());
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    @Test
    void fitsAndStoresTheTutorialLine() throws Exception {
        fit("{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.05,\"epochs\":2000}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith(MODELS + "/")))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                // y = 2x + 4 exactly; 2000 contracting epochs leave an error near 1e-13.
                .andExpect(jsonPath("$.weights.intercept", closeTo(4.0, 1e-9)))
                .andExpect(jsonPath("$.weights.coefficients[0]", closeTo(2.0, 1e-9)))
                .andExpect(jsonPath("$.costHistory", hasSize(2001)))
                .andExpect(jsonPath("$.costHistory[0]").value(108.0))
                .andExpect(jsonPath("$.costHistoryStride").value(1))
                .andExpect(jsonPath("$.epochs").value(2000))
                .andExpect(jsonPath("$.createdAt").value("2026-01-01T00:00:00Z"))
                .andExpect(jsonPath("$.hyperparameters.learningRate").value(0.05))
                .andExpect(jsonPath("$.hyperparameters.initialWeights.coefficients[0]")
                        .value(0.0))
                .andExpect(jsonPath("$.links.self", startsWith(MODELS + "/")))
                .andExpect(jsonPath("$.links.predictions", containsString("/predictions")));
        verify(store).save(any());
    }

    @Test
    void appliesTheTutorialDefaults() throws Exception {
        fit("{\"x\":[1,2,3],\"y\":[2,4,6]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.hyperparameters.learningRate").value(0.001))
                .andExpect(jsonPath("$.hyperparameters.epochs").value(1000))
                .andExpect(jsonPath("$.costHistory", hasSize(1001)));
    }

    @Test
    void fitsSeveralFeaturesGivenAsRows() throws Exception {
        fit("{\"x\":[[1,0],[0,1],[1,1],[2,1]],\"y\":[3,4,6,8],\"learningRate\":0.1,\"epochs\":5000}")
                .andExpect(status().isCreated())
                // y = 1 + 2·x0 + 3·x1 exactly; 5000 epochs converge far below 1e-9.
                .andExpect(jsonPath("$.weights.intercept", closeTo(1.0, 1e-9)))
                .andExpect(jsonPath("$.weights.coefficients[0]", closeTo(2.0, 1e-9)))
                .andExpect(jsonPath("$.weights.coefficients[1]", closeTo(3.0, 1e-9)));
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        fit("{\"x\":[1,2,")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM));
        fit("not json")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/malformed-json"));
        verify(store, never()).save(any());
    }

    @Test
    void rejectsAnEmptyBody() throws Exception {
        fit("").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/malformed-json"));
    }

    @Test
    void namesMissingFields() throws Exception {
        expectInvalid(fit("{\"y\":[1,2]}"), "x");
        expectInvalid(fit("{\"x\":[1,2]}"), "y");
        expectInvalid(fit("{\"x\":null,\"y\":null}"), "y").andExpect(jsonPath("$.errors", hasSize(2)));
    }

    @Test
    void rejectsEmptyArrays() throws Exception {
        expectInvalid(fit("{\"x\":[],\"y\":[]}"), "x");
        expectInvalid(fit("{\"x\":[],\"y\":[]}"), "y");
    }

    @Test
    void rejectsRaggedRows() throws Exception {
        expectInvalid(fit("{\"x\":[[1,2],[3]],\"y\":[1,2]}"), "x")
                .andExpect(jsonPath("$.errors[0].reason", containsString("same length")));
    }

    @Test
    void rejectsEmptyRowsAndMixedShapes() throws Exception {
        expectInvalid(fit("{\"x\":[[],[]],\"y\":[1,2]}"), "x");
        expectInvalid(fit("{\"x\":[1,[2]],\"y\":[1,2]}"), "x");
        expectInvalid(fit("{\"x\":[[1],2],\"y\":[1,2]}"), "x");
        expectInvalid(fit("{\"x\":{\"a\":1},\"y\":[1,2]}"), "x");
    }

    @Test
    void rejectsMismatchedLengths() throws Exception {
        expectInvalid(fit("{\"x\":[1,2,3],\"y\":[1,2]}"), "y")
                .andExpect(jsonPath("$.errors[0].reason").value("has 2 values but x has 3 points"));
    }

    @Test
    void rejectsNumbersThatAreNotFinite() throws Exception {
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,1e400]}"), "y");
        expectInvalid(fit("{\"x\":[1,-1e999],\"y\":[1,2]}"), "x");
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"learningRate\":1e400}"), "learningRate");
        expectInvalid(fit("{\"x\":[1,\"NaN\"],\"y\":[1,2]}"), "x");
        // Bare NaN is not JSON at all.
        fit("{\"x\":[1,NaN],\"y\":[1,2]}").andExpect(status().isBadRequest());
    }

    @Test
    void rejectsWrongTypes() throws Exception {
        expectInvalid(fit("{\"x\":[1,2],\"y\":[true,2]}"), "y");
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"epochs\":\"ten\"}"), "epochs");
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"epochs\":1.5}"), "epochs");
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"epochs\":99999999999}"), "epochs");
        expectInvalid(fit("{\"x\":\"1,2\",\"y\":[1,2]}"), "x");
    }

    @Test
    void rejectsHyperparametersOutOfRange() throws Exception {
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"learningRate\":0}"), "learningRate");
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"learningRate\":-0.1}"), "learningRate");
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"epochs\":0}"), "epochs");
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"epochs\":1000001}"), "epochs");
    }

    @Test
    void listsEveryInvalidFieldAtOnce() throws Exception {
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"learningRate\":-1,\"epochs\":0}"), "epochs")
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[*].field", hasItem("learningRate")));
    }

    @Test
    void rejectsUnknownFields() throws Exception {
        expectInvalid(fit("{\"x\":[1,2],\"y\":[1,2],\"learning_rate\":0.1}"), "learning_rate")
                .andExpect(jsonPath("$.errors[0].reason").value("is not a known field"));
    }

    @Test
    void rejectsInitialWeightsOfTheWrongShape() throws Exception {
        expectInvalid(
                fit("{\"x\":[1,2],\"y\":[1,2],\"initialWeights\":{\"intercept\":0,\"coefficients\":[1,2]}}"),
                "initialWeights.coefficients");
        expectInvalid(
                fit("{\"x\":[1,2],\"y\":[1,2],\"initialWeights\":{\"coefficients\":[1]}}"), "initialWeights.intercept");
    }

    @Test
    void reportsADivergedFitAndStoresNothing() throws Exception {
        fit("{\"x\":[1000,2000,3000],\"y\":[1,2,3],\"learningRate\":1}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/fit-diverged"))
                .andExpect(jsonPath("$.epoch").isNumber())
                .andExpect(jsonPath("$.lastFiniteCost").isNumber())
                .andExpect(jsonPath("$.hint", containsString("smaller learningRate")));
        verify(store, never()).save(any());
    }

    @Test
    void answersAnUnknownModelWith404() throws Exception {
        UUID id = UUID.randomUUID();
        given(store.find(id)).willReturn(Optional.empty());

        mvc.perform(get(MODELS + "/" + id))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/model-not-found"))
                .andExpect(jsonPath("$.modelId").value(id.toString()));
        mvc.perform(post(MODELS + "/" + id + "/predictions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[1]}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM));
        mvc.perform(delete(MODELS + "/" + id)).andExpect(status().isNotFound());
    }

    @Test
    void rejectsIdsThatAreNotUuids() throws Exception {
        mvc.perform(get(MODELS + "/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("id"))
                .andExpect(jsonPath("$.detail", not(containsString("not-a-uuid"))));
    }

    /** UUID.fromString takes 1-2-3-4-5; no id is ever written that way, and /v2 calls it an unknown model. */
    @Test
    void rejectsIdsThatAreNotAUuidsThirtySixCharacters() throws Exception {
        for (String id : new String[] {
            "1-2-3-4-5",
            "0f2d6c1e-93a4-4a7e-8a55-3f1c2b7d9e1",
            "0f2d6c1e-93a4-4a7e-8a55-3f1c2b7d9e1g",
            // Padding is no part of an id: /v2 does not find these either.
            "%200f2d6c1e-93a4-4a7e-8a55-3f1c2b7d9e1f",
            "0f2d6c1e-93a4-4a7e-8a55-3f1c2b7d9e1f%09"
        }) {
            mvc.perform(get(java.net.URI.create(MODELS + "/" + id)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(PROBLEM))
                    .andExpect(jsonPath("$.errors[0].field").value("id"))
                    .andExpect(jsonPath("$.errors[0].reason").value("must be a UUID"));
        }
    }

    @Test
    void answersUnknownPathsWith404Problems() throws Exception {
        mvc.perform(get("/api/v1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/not-found"));
    }

    @Test
    void answersWrongMethodsAndMediaTypes() throws Exception {
        mvc.perform(put(MODELS))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/method-not-allowed"));
        mvc.perform(post(MODELS).contentType(MediaType.TEXT_PLAIN).content("x=1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/unsupported-media-type"));
    }

    @Test
    void predictsInterceptPlusCoefficientsTimesX() throws Exception {
        FittedModel model = storedModel(new Weights(1.5, new double[] {2.0, -0.5}));

        mvc.perform(post(MODELS + "/" + model.id() + "/predictions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[[1,2],[0,0],[-2,4]]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.modelId").value(model.id().toString()))
                // 1.5 + 2·1 − 0.5·2 = 2.5; 1.5; 1.5 − 4 − 2 = −4.5, all exact in binary.
                .andExpect(jsonPath("$.predictions[0]").value(2.5))
                .andExpect(jsonPath("$.predictions[1]").value(1.5))
                .andExpect(jsonPath("$.predictions[2]").value(-4.5));
    }

    @Test
    void rejectsPredictionsWithTheWrongNumberOfFeatures() throws Exception {
        FittedModel model = storedModel(new Weights(1.5, new double[] {2.0, -0.5}));

        mvc.perform(post(MODELS + "/" + model.id() + "/predictions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[1,2,3]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("x"))
                .andExpect(jsonPath("$.errors[0].reason", containsString("the model takes 2")));
        mvc.perform(post(MODELS + "/" + model.id() + "/predictions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("x"));
    }

    @Test
    void deletesAModel() throws Exception {
        UUID id = UUID.randomUUID();
        given(store.delete(id)).willReturn(true);

        mvc.perform(delete(MODELS + "/" + id)).andExpect(status().isNoContent());
    }

    @Test
    void listsModelsAPageAtATime() throws Exception {
        FittedModel model = storedModel(new Weights(1, new double[] {2}));
        given(store.count()).willReturn(41L);
        given(store.list(20, 10)).willReturn(List.of(model));

        mvc.perform(get(MODELS).param("page", "2").param("size", "10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content", hasSize(1)))
                .andExpect(jsonPath("$.content[0].id").value(model.id().toString()))
                .andExpect(jsonPath("$.content[0].costHistory").doesNotExist())
                .andExpect(jsonPath("$.content[0].weights.intercept").value(1.0))
                .andExpect(jsonPath("$.content[0].weights.coefficients[0]").value(2.0))
                .andExpect(jsonPath("$.content[0].weights.*", hasSize(2)))
                .andExpect(jsonPath("$.totalElements").value(41))
                .andExpect(jsonPath("$.totalPages").value(5));
    }

    @Test
    void rejectsBadPaging() throws Exception {
        mvc.perform(get(MODELS).param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get(MODELS).param("page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get(MODELS).param("page", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    private FittedModel storedModel(Weights weights) {
        FitResult result = new FitResult(weights, 0.0, new double[] {1.0, 0.0}, 1, 1);
        FittedModel model = new FittedModel(UUID.randomUUID(), Instant.EPOCH, Hyperparameters.defaults(), result);
        given(store.find(model.id())).willReturn(Optional.of(model));
        return model;
    }
}
