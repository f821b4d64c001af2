package dev.gradfit.api.oip;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.api.ControllerSliceTest;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.PredictionService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The protocol's controller alone: health answers and the errors of the layers below, with those mocked. */
@ControllerSliceTest(OipController.class)
class OipControllerTest {

    private static final String MODEL = "/v2/models/1b0c7c4e-0a9e-4d0c-9a43-5b0b8d7f2f61";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelService models;

    @MockitoBean
    private PredictionService predictions;

    @MockitoBean
    private ServerHealth health;

    @Test
    void answersNotReadyWithA4xxAndNoBody() throws Exception {
        given(health.ready()).willReturn(false);
        given(health.live()).willReturn(true);

        // The protocol: 200 is true, a 4xx is false, and the body is empty.
        mvc.perform(get("/v2/health/ready"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(""));
        mvc.perform(get("/v2/health/live"))
                .andExpect(status().isOk())
                .andExpect(content().string(""));
    }

    @Test
    void answersAnUnreachableStoreWith503AndTheProtocolsErrorBody() throws Exception {
        given(models.find(any())).willThrow(new StoreUnavailableException("down", Duration.ofSeconds(5), null));

        mvc.perform(get(MODEL))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType("application/json"))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("Retry after 5 s")))
                .andExpect(jsonPath("$.type").doesNotExist());
    }
}
