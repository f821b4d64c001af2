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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** gradfit.design.max-levels and max-columns, each a 400 naming the column or the term that crosses it. */
@FitWebTest
@Import(MapModelStore.class)
@TestPropertySource(properties = {"gradfit.design.max-levels=3", "gradfit.design.max-columns=4"})
class DesignLimitsApiTest {

    @Autowired
    private MockMvc mvc;

    private ResultActions fit(String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/v1/models")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void refusesAColumnOfMoreLevelsThanTheLimitNamingIt() throws Exception {
        fit("{\"rows\":[{\"id\":\"a\",\"y\":1},{\"id\":\"b\",\"y\":2},{\"id\":\"c\",\"y\":3},{\"id\":\"d\",\"y\":4}],"
                        + "\"target\":\"y\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rows[*].id"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("more than 3 levels")));
        fit("{\"rows\":[{\"id\":\"a\",\"y\":1},{\"id\":\"b\",\"y\":2},{\"id\":\"c\",\"y\":3},{\"id\":\"a\",\"y\":4}],"
                        + "\"target\":\"y\",\"epochs\":2}")
                .andExpect(status().isCreated());
    }

    @Test
    void refusesADesignOfMoreColumnsThanTheLimitNamingTheTerm() throws Exception {
        String rows = "[{\"a\":1,\"b\":2,\"y\":1},{\"a\":2,\"b\":1,\"y\":2},{\"a\":3,\"b\":5,\"y\":3}]";
        fit("{\"rows\":" + rows + ",\"target\":\"y\",\"design\":{\"polynomial\":3}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("design"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("more than 4 design columns")));
        fit("{\"rows\":" + rows + ",\"formula\":\"y ~ a*b + I(a**2) + I(b**2)\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("formula"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("I(b**2)")));
    }
}
