package dev.gradfit.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.client.ApiClient;
import dev.gradfit.client.api.JobsApi;
import dev.gradfit.client.api.ModelsApi;
import dev.gradfit.client.api.PredictionsApi;
import dev.gradfit.client.model.DesignBody;
import dev.gradfit.client.model.FitRequest;
import dev.gradfit.client.model.JobResponse;
import dev.gradfit.client.model.ModelResponse;
import dev.gradfit.client.model.ModelSummary;
import dev.gradfit.client.model.PredictionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientResponseException;

/**
 * The Java client generated from docs/openapi.json, and nothing else, drives the service: fit, read,
 * list, predict, a job from submission to its model, and delete.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedClientTest {

    /** The tutorial's line y = 2x + 4: least squares gives intercept 4 and slope 2 exactly. */
    private static final List<Double> X = List.of(1.0, 2.0, 3.0, 4.0, 5.0);

    private static final List<Double> Y = List.of(6.0, 8.0, 10.0, 12.0, 14.0);

    /**
     * Descent with learning rate 0.05 contracts the error by at least 0.9 an epoch on these points, so after
     * 2000 epochs only rounding is left: 1e-9 is far above it and far below any wrong answer.
     */
    private static final double TOLERANCE = 1e-9;

    @LocalServerPort
    private int port;

    private ModelsApi models;
    private PredictionsApi predictor;

    private JobsApi jobs;

    @BeforeEach
    void connect() {
        ApiClient client = new ApiClient().setBasePath("http://localhost:" + port);
        models = new ModelsApi(client);
        predictor = new PredictionsApi(client);
        jobs = new JobsApi(client);
    }

    @Test
    void fitsReadsListsPredictsAndDeletesAModel() {
        ModelResponse fitted = models.fit(tutorialLine(), null, null, null);

        assertThat(fitted.getWeights().getIntercept()).isCloseTo(4.0, within(TOLERANCE));
        assertThat(fitted.getWeights().getCoefficients())
                .singleElement()
                .satisfies(slope -> assertThat(slope).isCloseTo(2.0, within(TOLERANCE)));
        UUID id = fitted.getId();

        ModelResponse read = models.getModel(id);
        assertThat(read.getWeights()).isEqualTo(fitted.getWeights());
        assertThat(read.getCostHistory()).isEqualTo(fitted.getCostHistory());

        assertThat(models.listModels(0, 1000).getContent())
                .extracting(ModelSummary::getId)
                .contains(id);

        List<Double> predictions = predictor
                .predict(id, new PredictionRequest().x(List.of(6.0, 7.0, 10.0)))
                .getPredictions();
        assertThat(predictions).hasSize(3);
        assertThat(predictions.get(0)).isCloseTo(16.0, within(TOLERANCE * 10));
        assertThat(predictions.get(1)).isCloseTo(18.0, within(TOLERANCE * 10));
        assertThat(predictions.get(2)).isCloseTo(24.0, within(TOLERANCE * 10));

        models.delete(id);
        assertThatThrownBy(() -> models.getModel(id)).isInstanceOfSatisfying(RestClientResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(e.getResponseBodyAsString()).contains("model-not-found");
        });
    }

    @Test
    void runsAJobToTheModelTheSynchronousFitGives() throws InterruptedException {
        JobResponse submitted = jobs.submit(tutorialLine(), null, null, null);
        assertThat(submitted.getStatus()).isIn(JobResponse.StatusEnum.QUEUED, JobResponse.StatusEnum.RUNNING);

        JobResponse job = submitted;
        // Not a timing assertion: a bound so that a job that never ends fails the test instead of hanging it.
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (!isFinished(job) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(50);
            job = jobs.getJob(submitted.getId());
        }

        assertThat(job.getStatus()).isEqualTo(JobResponse.StatusEnum.SUCCEEDED);
        ModelResponse model = models.getModel(job.getModelId());
        // A job runs the very fit a request would: the same weights, bit for bit.
        assertThat(model.getWeights())
                .isEqualTo(models.fit(tutorialLine(), null, null, null).getWeights());
        assertThat(model.getWeights().getIntercept()).isCloseTo(4.0, within(TOLERANCE));
    }

    @Test
    void fitsAndPredictsClassesByName() {
        // Three of four points at x = 1 are spam, one of four at x = −1: σ(b) = 3/4 at x = 1 at the optimum.
        FitRequest request = new FitRequest()
                .x(List.of(1.0, 1.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0))
                .y(List.of("spam", "spam", "spam", "ham", "ham", "ham", "ham", "spam"))
                .loss("logistic")
                .classWeights(java.util.Map.of("ham", 1.0))
                .learningRate(2.0)
                .epochs(2000);

        ModelResponse model = models.fit(request, null, null, null);

        assertThat(model.getClasses()).containsExactly("ham", "spam");
        var answer = predictor.predict(model.getId(), new PredictionRequest().x(List.of(1.0, -1.0)));
        assertThat(answer.getLabels()).containsExactly("spam", "ham");
        // One probability per point for a logistic model, a list of them per point for softmax: the client takes
        // what the union holds.
        assertThat(((Number) ((List<?>) answer.getProbabilities()).get(0)).doubleValue())
                .isCloseTo(0.75, within(TOLERANCE));
    }

    @Test
    void fitsNamedRowsWithATextColumnAndPredictsFromRawRows() {
        // price = 10 + 2·size + 5·[city = Paris] exactly; a missing size is filled with the mean, 3.
        List<Map<String, Object>> rows = List.of(
                row(1.0, "Lyon", 12.0),
                row(2.0, "Paris", 19.0),
                row(3.0, "Lyon", 16.0),
                row(4.0, "Paris", 23.0),
                row(5.0, "Lyon", 20.0));
        FitRequest request = new FitRequest()
                .rows(rows)
                .target("price")
                .design(new DesignBody().missing(DesignBody.MissingEnum.MEAN))
                .standardize(true)
                .learningRate(0.1)
                .epochs(5000);

        ModelResponse model = models.fit(request, null, null, null);

        assertThat(model.getFeatureNames()).containsExactly("city[T.Paris]", "size");
        assertThat(model.getDesign().getLevels()).containsEntry("city", List.of("Lyon", "Paris"));
        Map<String, Object> missingSize = new HashMap<>();
        missingSize.put("size", null);
        missingSize.put("city", "Paris");
        List<Double> predictions = predictor
                .predict(
                        model.getId(),
                        new PredictionRequest().rows(List.of(Map.of("size", 10.0, "city", "Lyon"), missingSize)))
                .getPredictions();
        // Descent on standardized columns contracts the error by a fixed factor an epoch: after 5000 epochs only
        // rounding is left, far below 1e-6.
        assertThat(predictions.get(0)).isCloseTo(30.0, within(1e-6));
        assertThat(predictions.get(1)).isCloseTo(21.0, within(1e-6));
    }

    private static Map<String, Object> row(double size, String city, double price) {
        return Map.of("size", size, "city", city, "price", price);
    }

    private static boolean isFinished(JobResponse job) {
        return job.getStatus() != JobResponse.StatusEnum.QUEUED && job.getStatus() != JobResponse.StatusEnum.RUNNING;
    }

    private static FitRequest tutorialLine() {
        return new FitRequest().x(X).y(Y).learningRate(0.05).epochs(2000);
    }
}
