package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import dev.gradfit.plots.Svg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** The plot endpoints: SVG for a model, problems (as JSON, whatever was accepted) for what cannot be drawn. */
@FitWebTest
@Import(MapModelStore.class)
class PlotsApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String SVG = "image/svg+xml";
    private static final String MODELS = "/api/v1/models";

    /** The tutorial's data, y = 2x + 4 with a little noise, and its lines after 10, 20, 30, 100 and 1000 epochs. */
    static final String TUTORIAL = """
            {"x": [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10],
             "y": [5.0, 6.1, 6.1, 6.1, 6.9, 8.8, 10.9, 12.2, 12.3, 12.2, 12.8, 14.6, 16.7, 18.2, 18.5, 18.4, 18.8,
                   20.4, 22.5, 24.2, 24.7],
             "snapshotEpochs": [10, 20, 30, 100, 1000]}""";

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ModelStore store;

    @Test
    void drawsTheTutorialsFigure() throws Exception {
        String id = fit(TUTORIAL);

        byte[] body = mvc.perform(get(MODELS + "/" + id + "/plots/fit.svg").accept(SVG))
                .andExpect(status().isOk())
                .andExpect(content().contentType(SVG))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();

        Svg svg = Svg.parse(body);
        assertThat(svg.size()).isEqualTo("800x500");
        assertThat(svg.lines()).containsExactlyInAnyOrder("epoch-10", "epoch-20", "epoch-30", "epoch-100", "final");
        assertThat(svg.texts()).contains("epoch 10", "epoch 100", "final, epoch 1000", "data (21 points)", "x", "y");
        assertThat(svg.count("points", "path")).isEqualTo(21);
    }

    /**
     * Draws the README's figures into docs/: {@code ./mvnw test -Dtest=PlotsApiTest -Dgradfit.docs=write}.
     * Runs only when asked, as the figures depend on the fonts of the machine that draws them.
     */
    @Test
    @EnabledIfSystemProperty(named = "gradfit.docs", matches = "write")
    void writesTheTutorialFiguresOfTheReadme() throws Exception {
        String id = fit(TUTORIAL);

        Files.write(Path.of("docs/tutorial-fit.svg"), svg(id, "fit", ""));
        Files.write(Path.of("docs/tutorial-cost.svg"), svg(id, "cost", ""));
    }

    @Test
    void drawsTheCostAndTheResidualsAtTheSizeAsked() throws Exception {
        String id = fit(TUTORIAL);

        Svg cost = Svg.parse(svg(id, "cost", "?width=1000&height=300"));
        Svg residuals = Svg.parse(svg(id, "residuals", "?width=600&height=600"));

        assertThat(cost.size()).isEqualTo("1000x300");
        assertThat(cost.texts()).contains("Cost by epoch", "cost J (log scale)");
        assertThat(residuals.size()).isEqualTo("600x600");
        assertThat(residuals.count("points", "path")).isEqualTo(21);
    }

    @Test
    void theSameModelIsDrawnInTheSameBytes() throws Exception {
        String id = fit(TUTORIAL);

        assertThat(svg(id, "fit", "")).isEqualTo(svg(id, "fit", ""));
    }

    @Test
    void theModelLinksToItsPlots() throws Exception {
        String id = fit(TUTORIAL);

        mvc.perform(get(MODELS + "/" + id))
                .andExpect(jsonPath("$.links.plots.fit").value(MODELS + "/" + id + "/plots/fit.svg"))
                .andExpect(jsonPath("$.links.plots.cost").value(MODELS + "/" + id + "/plots/cost.svg"))
                .andExpect(jsonPath("$.links.plots.residuals").value(MODELS + "/" + id + "/plots/residuals.svg"));
    }

    @Test
    void anUnknownModelIsAProblemEvenToABrowserAskingForAnImage() throws Exception {
        for (String plot : List.of("fit", "cost", "residuals")) {
            mvc.perform(get(MODELS + "/" + UUID.randomUUID() + "/plots/" + plot + ".svg")
                            .accept("image/svg+xml,image/*;q=0.8"))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType(PROBLEM))
                    .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/model-not-found"));
        }
    }

    @Test
    void aSizeOutOfRangeIsABadRequestNamingTheParameter() throws Exception {
        String id = fit(TUTORIAL);

        expectInvalid(id, "fit", "?width=199", "width");
        expectInvalid(id, "cost", "?height=4001", "height");
        expectInvalid(id, "residuals", "?width=0&height=100000", "height")
                .andExpect(jsonPath("$.errors[*].field", hasItem("width")));
        expectInvalid(id, "fit", "?width=wide", "width");
    }

    @Test
    void theResidualsOfAClassifierAreNotApplicable() throws Exception {
        String id = fit(ApiDocs.LOGISTIC_EXAMPLE);

        mvc.perform(get(MODELS + "/" + id + "/plots/residuals.svg").accept(SVG))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/plot-not-applicable"))
                .andExpect(jsonPath("$.plot").value("residuals"))
                .andExpect(jsonPath("$.detail", containsString("classifier")));
        assertThat(Svg.parse(svg(id, "fit", "")).texts()).anyMatch(text -> text.startsWith("Fitted probability"));
    }

    @Test
    void drawsASoftmaxModelsClassesAndItsResiduals() throws Exception {
        String id = fit("""
                {"x": [1, 2, 3, 4, 5, 6, 7, 8, 9], "y": ["low", "low", "mid", "low", "mid", "mid", "top", "top", "mid"],
                 "loss": "softmax", "featureNames": ["size"], "targetName": "grade"}""");

        Svg fit = Svg.parse(svg(id, "fit", ""));
        assertThat(fit.legend()).containsExactly("low", "mid", "top");
        assertThat(fit.texts()).contains("size", "P(grade = class) / points at 1");
        assertThat(fit.count("points", "path")).isEqualTo(9);
        Svg residuals = Svg.parse(svg(id, "residuals", ""));
        assertThat(residuals.legend())
                .containsExactly("p(own class) = 1/2", "low (3 points)", "mid (4 points)", "top (2 points)");
        assertThat(residuals.count("points", "path")).isEqualTo(9);
    }

    @Test
    void theFitOfASoftmaxModelOfTwoFeaturesIsNotApplicableButItsResidualsAre() throws Exception {
        String id = fit("""
                {"x": [[1, 0], [2, 1], [3, 0], [4, 1], [5, 0], [6, 1]], "y": ["a", "b", "c", "a", "b", "c"],
                 "loss": "softmax"}""");

        mvc.perform(get(MODELS + "/" + id + "/plots/fit.svg").accept(SVG))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/plot-not-applicable"))
                .andExpect(jsonPath("$.plot").value("fit"))
                .andExpect(jsonPath("$.detail", containsString("one feature only")));
        assertThat(Svg.parse(svg(id, "residuals", "")).count("points", "path")).isEqualTo(6);
    }

    @Test
    void drawsAnOffsetFitAsRatesAndKeepsItsOffsets() throws Exception {
        String id = fit("""
                {"x": [1, 2, 3, 4, 5], "y": [2, 3, 9, 8, 20], "offset": [0, 0.5, 1, 1, 1.5],
                 "loss": "poisson", "epochs": 200, "learningRate": 0.01}""");

        assertThat(store.find(UUID.fromString(id)).orElseThrow().sample().offsets())
                .containsExactly(0, 0.5, 1, 1, 1.5);
        assertThat(Svg.parse(svg(id, "fit", "")).texts())
                .contains("y per unit of exp(offset)", "data (5 points), y/exp(offset)");
        assertThat(Svg.parse(svg(id, "residuals", "")).texts()).contains("fitted mean μ of y, μ = exp(score + offset)");
    }

    @Test
    void aModelWithoutASampleHasNoFitPlotButACostPlot() throws Exception {
        FittedModel fitted = store.find(UUID.fromString(fit(TUTORIAL))).orElseThrow();
        FittedModel withoutSample = new FittedModel(
                UUID.randomUUID(),
                fitted.createdAt(),
                fitted.hyperparameters(),
                fitted.result(),
                null,
                false,
                fitted.diagnostics());
        store.save(withoutSample);

        mvc.perform(get(MODELS + "/" + withoutSample.id() + "/plots/fit.svg").accept(SVG))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/plot-not-applicable"))
                .andExpect(jsonPath("$.detail", containsString("gradfit.plots.sample-points")));
        assertThat(Svg.parse(svg(withoutSample.id().toString(), "cost", "")).lines())
                .contains("cost");
    }

    private String fit(String body) throws Exception {
        String response = mvc.perform(
                        post(MODELS).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(response).get("id").asString();
    }

    private byte[] svg(String id, String plot, String query) throws Exception {
        return mvc.perform(get(MODELS + "/" + id + "/plots/" + plot + ".svg" + query))
                .andExpect(status().isOk())
                .andExpect(content().contentType(SVG))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }

    private ResultActions expectInvalid(String id, String plot, String query, String field) throws Exception {
        return mvc.perform(get(MODELS + "/" + id + "/plots/" + plot + ".svg" + query)
                        .accept(SVG))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }
}
