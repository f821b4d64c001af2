package dev.gradfit.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * With gradfit.fit.max-features raised, a softmax fit of many classes over a wide one-hot design can ask for more
 * weights than the fit's chunked partial sums hold in one slot: it is refused before anything is allocated.
 */
@FitWebTest
@Import(MapModelStore.class)
@TestPropertySource(properties = {"gradfit.fit.max-features=10000"})
class WideSoftmaxApiTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void refusesASoftmaxModelTooLargeForItsPartialSumsBeforeFitting() throws Exception {
        // Six text columns of 900 levels each: 6 × 899 design columns; 900 classes × 5,395 weights = 4,855,500,
        // more than the 4,194,303 the fit's chunked sums can hold in one slot.
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 900; i++) {
            rows.append(i == 0 ? "" : ",").append("{");
            for (int c = 0; c < 6; c++) {
                rows.append("\"t").append(c).append("\":\"l").append(i).append("\",");
            }
            rows.append("\"k\":\"c").append(i).append("\"}");
        }
        rows.append("]");

        mvc.perform(MockMvcRequestBuilders.post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rows\":" + rows + ",\"target\":\"k\",\"loss\":\"softmax\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("loss"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("4855500 weights")));
    }
}
