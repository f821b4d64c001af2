package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.fitting.reference.ReferenceFixture;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Poisson fits without initialWeights whose offsets put the zero start absurdly far from the data: every offset
 * ±700 (the zero start's mean {@code e^±700}), and targets scaled so that the null model's rate
 * {@code Σy / Σe^offset} is beyond the doubles. They start from the null model and reach statsmodels' answer on
 * cpunish (fixture {@code glm/poisson_cpunish}), moved as Poisson regression moves: a constant offset {@code o}
 * shifts the intercept by {@code −o}, and targets times {@code s} shift it by {@code log s}, the coefficients
 * staying the same (the score equations {@code Σ xᵢ(yᵢ − μᵢ) = 0} are linear in y and see only {@code o + b}).
 */
@FitWebTest
@Import(MapModelStore.class)
class LogLinkStartApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** L-BFGS ends within this of each weight of statsmodels' fit, relative, as in QuasiNewtonTest. */
    private static final double CONVERGED = 1e-6;

    @Autowired
    private MockMvc mvc;

    @ParameterizedTest(name = "offsets {0}, y × {1}")
    @CsvSource({
        "700, 1",
        "-700, 1",
        // Σy / Σe^offset = 1e10·Σy / (17·e^-700) ≈ 1e316: overflows when divided out.
        "-700, 1e10",
        // 1e-20·Σy / (17·e^700) ≈ 1e-322: underflows to a subnormal with a digit or two, log of it far off.
        "700, 1e-20",
        // e^710 alone overflows.
        "710, 1"
    })
    void reachesStatsmodelsAnswerFromTheNullModelWhateverTheOffsets(double offset, double scale) throws Exception {
        ReferenceFixture fixture = ReferenceFixture.load("glm/poisson_cpunish");
        int columns = fixture.columns("x");
        double[] flat = fixture.rows("x");
        double[][] x = new double[flat.length / columns][columns];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(flat, i * columns, x[i], 0, columns);
        }
        double[] y = Arrays.stream(fixture.numbers("y")).map(v -> v * scale).toArray();
        double[] offsets = new double[y.length];
        Arrays.fill(offsets, offset);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x", x);
        body.put("y", y);
        body.put("offset", offsets);
        body.put("loss", "poisson");
        body.put("optimizer", Map.of("type", "lbfgs"));
        body.put("epochs", 200);
        body.put("tolerance", 0);
        body.put("standardize", true);

        String response = mvc.perform(MockMvcRequestBuilders.post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(body)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode model = JSON.readTree(response);

        double intercept = fixture.number("intercept");
        // The intercept is about ∓700; what must match statsmodels is what is left of it after the shifts.
        assertThat(model.at("/weights/intercept").asDouble() + offset - Math.log(scale))
                .isCloseTo(intercept, within(CONVERGED * Math.abs(intercept)));
        double[] coefficients = fixture.numbers("coefficients");
        for (int j = 0; j < coefficients.length; j++) {
            assertThat(model.at("/weights/coefficients/" + j).asDouble())
                    .as("coefficient %s", j)
                    .isCloseTo(coefficients[j], within(CONVERGED * Math.abs(coefficients[j])));
        }
        // The start is the null model, log(Σy / Σe^offset) = log(mean of cpunish's y) + log(scale) − offset, and the
        // settings echo it; its cost is the first of the history.
        double mean = Arrays.stream(fixture.numbers("y")).average().orElseThrow();
        double nullIntercept = Math.log(mean) + Math.log(scale) - offset;
        assertThat(model.at("/hyperparameters/initialWeights/intercept").asDouble())
                .isCloseTo(nullIntercept, within(1e-13 * Math.abs(nullIntercept)));
        for (int j = 0; j < coefficients.length; j++) {
            assertThat(model.at("/hyperparameters/initialWeights/coefficients/" + j)
                            .asDouble())
                    .isZero();
        }
        assertThat(model.at("/costHistory/0").asDouble())
                .isGreaterThan(model.get("cost").asDouble());
    }

    @Test
    void theDefaultDescentWithOffsetsOf700StartsAtTheNullModelAndImprovesOnIt() throws Exception {
        // The tutorial's descent (rate 0.001, 1000 epochs) from zeros would start at a mean of e^700.
        String response = mvc.perform(MockMvcRequestBuilders.post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\":[1,2,3,4],\"y\":[1,2,4,7],\"loss\":\"poisson\",\"offset\":[700,700,700,700]}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode model = JSON.readTree(response);

        // log(14 / 4) − 700, to the rounding of the logarithm and the subtraction.
        double nullIntercept = Math.log(3.5) - 700;
        assertThat(model.at("/hyperparameters/initialWeights/intercept").asDouble())
                .isCloseTo(nullIntercept, within(1e-13 * 700));
        // A thousand small steps from the null model: the intercept moves by a few tenths at most, and the cost
        // only goes down from the null model's.
        assertThat(model.at("/weights/intercept").asDouble()).isCloseTo(nullIntercept, within(1.0));
        JsonNode history = model.get("costHistory");
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).asDouble())
                    .isLessThanOrEqualTo(history.get(i - 1).asDouble());
        }
        assertThat(model.get("cost").asDouble()).isLessThan(history.get(0).asDouble());
    }
}
