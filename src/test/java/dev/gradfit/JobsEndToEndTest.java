package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Jobs end to end, over real HTTP: submit, poll, the model they store (the synchronous fit's, bit for bit),
 * failures, cancels, the listing and the meters. Weights and costs are compared exactly: JSON carries a
 * double in its shortest round-trip form, so equal text is the same double, and a job must compute the very
 * fit a request computes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.jobs.workers=2", "gradfit.jobs.progress-interval=20ms"})
@Timeout(180)
class JobsEndToEndTest {

    @LocalServerPort
    private int port;

    private JobClient client;

    @BeforeEach
    void client() {
        client = new JobClient(port);
    }

    private void assertSameFit(JsonNode model, JsonNode reference) {
        for (String field :
                List.of("weights", "cost", "costHistory", "epochs", "stopReason", "snapshots", "learningRateHistory")) {
            assertThat(model.get(field)).as(field).isEqualTo(reference.get(field));
        }
    }

    @Test
    void storesTheModelTheSynchronousFitOfTheSameBodyStoresBitForBit() throws Exception {
        for (String body : List.of(
                "{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.05,\"epochs\":2000}",
                client.richBody(42))) {
            JsonNode reference = client.fit(body);

            String job = client.submit(body);
            JsonNode done = client.awaitStatus(job, "SUCCEEDED", "FAILED", "CANCELED");

            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            String modelId = done.get("modelId").asString();
            assertThat(done.at("/links/model").asString()).isEqualTo("/api/v1/models/" + modelId);
            assertThat(done.at("/links/cancel").isMissingNode()).isTrue();
            assertThat(done.get("epoch").asInt())
                    .isEqualTo(reference.get("epochs").asInt());
            assertThat(done.get("cost").asDouble())
                    .isEqualTo(reference.get("cost").asDouble());
            assertThat(done.get("startedAt").asString()).isNotBlank();
            assertThat(done.get("finishedAt").asString()).isNotBlank();
            assertSameFit(client.get("/api/v1/models/" + modelId), reference);
        }
    }

    @Test
    void storesTheDesignOfAJobOfRowsAsTheSynchronousFitDoes() throws Exception {
        String body = "{\"rows\":[{\"size\":1,\"city\":\"Lyon\",\"price\":12},{\"size\":2,\"city\":\"Paris\","
                + "\"price\":19},{\"size\":null,\"city\":\"Lyon\",\"price\":16},{\"size\":4,\"city\":\"Paris\","
                + "\"price\":23}],\"formula\":\"price ~ size + city\",\"design\":{\"missing\":\"mean\"},"
                + "\"learningRate\":0.01,\"epochs\":300}";
        JsonNode reference = client.fit(body);

        JsonNode done = client.awaitStatus(client.submit(body), "SUCCEEDED", "FAILED", "CANCELED");

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode model = client.get("/api/v1/models/" + done.get("modelId").asString());
        assertSameFit(model, reference);
        assertThat(model.get("design")).isEqualTo(reference.get("design"));
        assertThat(model.at("/design/formula").asString()).isEqualTo("price ~ size + city");
        JsonNode answer = client.read(client.send(
                "POST",
                "/api/v1/models/" + done.get("modelId").asString() + "/predictions",
                "{\"rows\":[{\"size\":null,\"city\":\"Paris\"}]}"));
        // A missing size is the training mean, 7/3; Paris is its 0/1 column.
        double expected = model.at("/weights/intercept").asDouble()
                + model.at("/weights/coefficients/0").asDouble()
                + 7.0 / 3 * model.at("/weights/coefficients/1").asDouble();
        assertThat(answer.at("/predictions/0").asDouble()).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }

    @Test
    void givesTheSameWeightsWhenTheSameJobRunsTwice() throws Exception {
        String body = client.richBody(43);
        List<JsonNode> models = new ArrayList<>();

        for (String job : List.of(client.submit(body), client.submit(body))) {
            JsonNode done = client.awaitStatus(job, "SUCCEEDED", "FAILED", "CANCELED");
            assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
            models.add(client.get("/api/v1/models/" + done.get("modelId").asString()));
        }

        assertThat(models.get(0).get("id")).isNotEqualTo(models.get(1).get("id"));
        assertSameFit(models.get(0), models.get(1));
    }

    @Test
    void continuesAModelAsTheModelEndpointDoes() throws Exception {
        String parentId = client.fit("{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.01,\"epochs\":50}")
                .get("id")
                .asString();
        String more = "{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.01,\"epochs\":70}";
        JsonNode fresh = client.fit(more);
        HttpResponse<String> continued = client.send("POST", "/api/v1/models/" + parentId + "/fits", more);
        JsonNode expected = client.read(continued);

        String job = client.submit(more.replace("{", "{\"parentId\":\"" + parentId + "\","));
        JsonNode done = client.awaitStatus(job, "SUCCEEDED", "FAILED", "CANCELED");

        assertThat(done.get("parentId").asString()).isEqualTo(parentId);
        JsonNode model = client.get("/api/v1/models/" + done.get("modelId").asString());
        assertThat(model.get("parentId").asString()).isEqualTo(parentId);
        assertSameFit(model, expected);
        // Starting from the parent's weights is not starting from zero.
        assertThat(model.get("weights")).isNotEqualTo(fresh.get("weights"));
    }

    @Test
    void refusesABadBodyAt400WhenSubmittedAndQueuesNothing() throws Exception {
        long before = client.get("/api/v1/jobs").get("totalElements").asLong();

        HttpResponse<String> mismatched = client.send("POST", "/api/v1/jobs", "{\"x\":[1,2,3],\"y\":[1,2]}");
        HttpResponse<String> lateSnapshot = client.send(
                "POST", "/api/v1/jobs", "{\"x\":[1,2,3],\"y\":[1,2,3],\"epochs\":10,\"snapshotEpochs\":[20]}");
        HttpResponse<String> unknownParent = client.send(
                "POST",
                "/api/v1/jobs",
                "{\"parentId\":\"00000000-0000-0000-0000-000000000001\",\"x\":[1,2],\"y\":[1,2]}");

        assertThat(mismatched.statusCode()).isEqualTo(400);
        assertThat(client.read(mismatched).at("/errors/0/field").asString()).isEqualTo("y");
        assertThat(lateSnapshot.statusCode()).isEqualTo(400);
        assertThat(client.read(lateSnapshot).at("/errors/0/field").asString()).isEqualTo("snapshotEpochs[0]");
        assertThat(unknownParent.statusCode()).isEqualTo(404);
        assertThat(client.read(unknownParent).get("type").asString())
                .isEqualTo("https://gradfit.dev/problems/model-not-found");
        assertThat(client.get("/api/v1/jobs").get("totalElements").asLong()).isEqualTo(before);
    }

    @Test
    void refusesAJobPastTheWorkLimitAt400() throws Exception {
        // 20000 points x 2 weights x (1e6 + 1) epochs of logistic loss: 4e10 multiply-adds, past the 1e10 limit.
        HttpResponse<String> response = client.send("POST", "/api/v1/jobs", client.longBody(20_000));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(client.read(response).at("/errors/0/field").asString()).isEqualTo("epochs");
        assertThat(client.read(response).at("/errors/0/reason").asString()).contains("limit");
    }

    @Test
    void endsADivergingFitFailedWithTheProblemTheSynchronousFitAnswers() throws Exception {
        HttpResponse<String> synchronous = client.send("POST", "/api/v1/models", JobClient.DIVERGING);
        assertThat(synchronous.statusCode()).isEqualTo(422);
        JsonNode expected = client.read(synchronous);

        String job = client.submit(JobClient.DIVERGING);
        JsonNode failed = client.awaitStatus(job, "SUCCEEDED", "FAILED", "CANCELED");

        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.has("modelId")).isFalse();
        JsonNode problem = failed.get("problem");
        assertThat(problem.get("type").asString()).isEqualTo("https://gradfit.dev/problems/fit-diverged");
        assertThat(problem.get("instance").asString()).isEqualTo(job);
        for (String field : List.of(
                "type",
                "title",
                "status",
                "detail",
                "epoch",
                "divergence",
                "learningRate",
                "lastFiniteCost",
                "maxStableLearningRate",
                "hint")) {
            assertThat(problem.get(field)).as(field).isEqualTo(expected.get(field));
        }
    }

    @Test
    void cancelsALongJobWhichThenEndsCanceledAndStoresNoModel() throws Exception {
        long models = client.get("/api/v1/models").get("totalElements").asLong();
        String job = client.submit(client.longBody(2000));
        client.awaitStatus(job, "RUNNING");

        HttpResponse<String> cancel = client.send("POST", job + "/cancel", null);
        JsonNode canceled = client.awaitStatus(job, "SUCCEEDED", "FAILED", "CANCELED");

        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(client.read(cancel).get("cancelRequested").asBoolean()).isTrue();
        assertThat(canceled.get("status").asString()).isEqualTo("CANCELED");
        assertThat(canceled.get("epoch").asInt()).isLessThan(1_000_000);
        assertThat(canceled.has("modelId")).isFalse();
        assertThat(canceled.has("problem")).isFalse();
        assertThat(client.get("/api/v1/models").get("totalElements").asLong()).isEqualTo(models);
    }

    @Test
    void answersTheCancelOfAFinishedJobWith409() throws Exception {
        String job = client.submit("{\"x\":[1,2,3],\"y\":[2,4,6],\"epochs\":10}");
        client.awaitStatus(job, "SUCCEEDED");

        HttpResponse<String> cancel = client.send("POST", job + "/cancel", null);

        assertThat(cancel.statusCode()).isEqualTo(409);
        assertThat(cancel.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(client.read(cancel).get("type").asString()).isEqualTo("https://gradfit.dev/problems/job-finished");
        assertThat(client.get(job).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void answersAnUnknownJobWith404() throws Exception {
        String unknown = "/api/v1/jobs/00000000-0000-0000-0000-000000000002";
        for (HttpResponse<String> response : List.of(
                client.send("GET", unknown, null),
                client.send("POST", unknown + "/cancel", null),
                client.send("GET", unknown + "/events", null))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(client.read(response).get("type").asString())
                    .isEqualTo("https://gradfit.dev/problems/job-not-found");
        }
    }

    @Test
    void listsJobsNewestFirstAPageAtATime() throws Exception {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submitted.add(client.submit("{\"x\":[1,2,3],\"y\":[2,4,6],\"epochs\":" + (10 + i) + "}"));
        }
        for (String job : submitted) {
            client.awaitStatus(job, "SUCCEEDED");
        }

        JsonNode first = client.get("/api/v1/jobs?page=0&size=2");
        JsonNode second = client.get("/api/v1/jobs?page=1&size=2");

        assertThat(first.at("/content/0/links/self").asString()).isEqualTo(submitted.get(2));
        assertThat(first.at("/content/1/links/self").asString()).isEqualTo(submitted.get(1));
        assertThat(second.at("/content/0/links/self").asString()).isEqualTo(submitted.get(0));
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("totalElements").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(first.get("totalPages").asInt())
                .isEqualTo((int) ((first.get("totalElements").asLong() + 1) / 2));
    }

    @Test
    void countsJobsInTheMeters() throws Exception {
        client.awaitStatus(client.submit("{\"x\":[1,2,3],\"y\":[2,4,6],\"epochs\":10}"), "SUCCEEDED");

        String metrics = client.send("GET", "/actuator/prometheus", null).body();

        assertThat(metrics)
                .containsPattern("(?m)^gradfit_jobs_queued \\d")
                .containsPattern("(?m)^gradfit_jobs_running \\d")
                .containsPattern("(?m)^gradfit_jobs_finished_total\\{status=\"succeeded\"\\} [1-9]");
    }

    @Test
    void describesEveryJobAnswerInTheApiDocument() throws Exception {
        JsonNode paths = client.get("/v3/api-docs").get("paths");

        JsonNode submit = paths.at("/~1api~1v1~1jobs/post/responses");
        assertThat(submit.at("/202/content/application~1json/schema/$ref").asString())
                .endsWith("/JobResponse");
        assertThat(submit.propertyNames()).contains("202", "400", "404", "503");
        assertThat(paths.at("/~1api~1v1~1jobs/get/responses/200").isMissingNode())
                .isFalse();
        assertThat(paths.at("/~1api~1v1~1jobs~1{id}/get/responses").propertyNames())
                .contains("200", "404");
        JsonNode events = paths.at("/~1api~1v1~1jobs~1{id}~1events/get/responses");
        assertThat(events.at("/200/content/text~1event-stream").isMissingNode()).isFalse();
        assertThat(events.propertyNames()).contains("200", "204", "404");
        assertThat(paths.at("/~1api~1v1~1jobs~1{id}~1cancel/post/responses").propertyNames())
                .contains("202", "404", "409");
        JsonNode job = client.get("/v3/api-docs").at("/components/schemas/JobResponse/properties");
        assertThat(job.propertyNames())
                .contains(
                        "id",
                        "status",
                        "epoch",
                        "epochs",
                        "cost",
                        "createdAt",
                        "startedAt",
                        "finishedAt",
                        "modelId",
                        "problem",
                        "links");
        assertThat(job.at("/status/enum").toString())
                .isEqualTo("[\"QUEUED\",\"RUNNING\",\"SUCCEEDED\",\"FAILED\",\"CANCELED\"]");
    }
}
