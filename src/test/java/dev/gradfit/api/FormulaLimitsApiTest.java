package dev.gradfit.api;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
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
 * Formulas that would hold a request thread for hours or overflow its stack: a 400 on {@code formula} saying which
 * limit, before any fit starts.
 */
@FitWebTest
@Import(MapModelStore.class)
class FormulaLimitsApiTest {

    /** Generous for a refusal that takes milliseconds; expanding (c00 + … + c15)**16 took over a minute. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @Autowired
    private MockMvc mvc;

    private ResultActions fit(String formula) throws Exception {
        String rows = IntStream.range(0, 3)
                .mapToObj(row -> IntStream.range(0, 16)
                        .mapToObj(column -> String.format("\"c%02d\":%d", column, row * column % 7))
                        .collect(Collectors.joining(",", "{", ",\"y\":" + row + "}")))
                .collect(Collectors.joining(",", "[", "]"));
        return mvc.perform(MockMvcRequestBuilders.post("/api/v1/models")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"rows\":" + rows + ",\"formula\":\"" + formula
                        + "\",\"optimizer\":{\"type\":\"lbfgs\"},\"epochs\":50}"));
    }

    private static String sum(int columns) {
        return IntStream.range(0, columns)
                .mapToObj(i -> String.format("c%02d", i))
                .collect(Collectors.joining("+"));
    }

    @Test
    void refusesAPowerThatWouldMakeTooManyTermsPromptly() {
        assertTimeoutPreemptively(
                PROMPTLY,
                () -> fit("y ~ (" + sum(16) + ")**16")
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.errors[0].field").value("formula"))
                        .andExpect(jsonPath("$.errors[0].reason")
                                .value("at character 70: '**' makes more than 10000 terms, the limit on design columns"
                                        + " (gradfit.design.max-columns)")));
    }

    @Test
    void refusesALongSumAsTooLong() throws Exception {
        fit("y ~ c00" + "+c00".repeat(1500))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("formula"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("longer than 4000 characters")));
    }

    @Test
    void refusesDeepParentheses() throws Exception {
        fit("y ~ " + "(".repeat(1000) + "c00" + ")".repeat(1000))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("formula"))
                .andExpect(jsonPath("$.errors[0].reason")
                        .value("at character 105: nests more than 100 parentheses or signs one inside the other"));
    }

    @Test
    void fitsAPowerWithinTheLimit() throws Exception {
        fit("y ~ (c01 + c02 + c03)**5 - 1")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.featureNames[6]").value("c01:c02:c03"));
    }
}
