package dev.gradfit.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gradfit.service.FitCapacityExceededException;
import dev.gradfit.service.FitOutOfMemoryException;
import dev.gradfit.service.FitService;
import dev.gradfit.service.FitTimedOutException;
import dev.gradfit.service.ModelService;
import dev.gradfit.service.Prediction;
import dev.gradfit.service.PredictionService;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** What a client sees when the fit executor is full, a fit runs too long, or it runs out of heap. */
@ControllerSliceTest
class BusyServerTest {

    private static final String BODY = "{\"x\": [1, 2, 3], \"y\": [2, 4, 6]}";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private FitService fits;

    @MockitoBean
    private ModelService models;

    @MockitoBean
    private PredictionService predictions;

    @Test
    void answersAFullExecutorWith503AndRetryAfter() throws Exception {
        given(fits.fit(any())).willThrow(new FitCapacityExceededException(Duration.ofMillis(1500)));

        mvc.perform(post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/fit-capacity-exceeded"))
                .andExpect(jsonPath("$.retryAfterSeconds").value(2));
    }

    @Test
    void answersAFitThatTookTooLongWith503() throws Exception {
        given(fits.fit(any())).willThrow(new FitTimedOutException(Duration.ofSeconds(120), Duration.ofSeconds(2)));

        mvc.perform(post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/fit-timed-out"))
                .andExpect(jsonPath("$.maxWaitMs").value(120_000));
    }

    @Test
    void answersAFitThatRanOutOfMemoryWithAProblemAndNoStackTrace() throws Exception {
        given(fits.fit(any())).willThrow(new FitOutOfMemoryException());

        mvc.perform(post("/api/v1/models")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://gradfit.dev/problems/fit-out-of-memory"))
                .andExpect(jsonPath("$.detail")
                        .value("The fit ran out of memory: the server's heap could not hold it, and nothing was"
                                + " stored. Send fewer rows or columns, or ask the operator for more heap."))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void servesPredictionsWhileFitsAreRefused() throws Exception {
        UUID id = UUID.randomUUID();
        given(fits.fit(any())).willThrow(new FitCapacityExceededException(Duration.ofSeconds(2)));
        given(predictions.predict(any(), any())).willReturn(new Prediction(id, new double[] {5.0}, false, 0.5));

        mvc.perform(post("/api/v1/models/" + id + "/predictions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"x\": [1]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0]").value(5.0));
    }
}
