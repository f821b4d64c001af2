package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The bounds of jobs over real HTTP: one worker and one waiting place, finished jobs kept for two seconds,
 * and synchronous fits limited to 200 ms of fitting and 500 ms of waiting, which jobs are not.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gradfit.jobs.workers=1",
            "gradfit.jobs.max-queued=1",
            "gradfit.jobs.retention=2s",
            "gradfit.jobs.retry-after=7s",
            "gradfit.fit.max-duration=200ms",
            "gradfit.executor.max-wait=500ms"
        })
@Timeout(180)
class JobLimitsTest {

    @LocalServerPort
    private int port;

    private JobClient client;

    @BeforeEach
    void client() {
        client = new JobClient(port);
    }

    @Test
    void refusesAJobPastMaxQueuedWith503AndRetryAfter() throws Exception {
        String running = client.submit(client.longBody(2000));
        client.awaitStatus(running, "RUNNING");
        String waiting = client.submit(client.longBody(2000));

        HttpResponse<String> refused = client.send("POST", "/api/v1/jobs", client.longBody(2000));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        JsonNode problem = client.read(refused);
        assertThat(problem.get("type").asString()).isEqualTo("https://gradfit.dev/problems/job-queue-full");
        assertThat(problem.get("retryAfterSeconds").asInt()).isEqualTo(7);

        // A waiting job canceled ends at once and gives its place back.
        HttpResponse<String> canceled = client.send("POST", waiting + "/cancel", null);
        assertThat(canceled.statusCode()).isEqualTo(202);
        assertThat(client.read(canceled).get("status").asString()).isEqualTo("CANCELED");
        String next = client.submit(client.longBody(2000));

        client.send("POST", next + "/cancel", null);
        client.send("POST", running + "/cancel", null);
        assertThat(client.awaitStatus(running, "CANCELED", "SUCCEEDED", "FAILED")
                        .get("status")
                        .asString())
                .isEqualTo("CANCELED");
    }

    @Test
    void forgetsAFinishedJobOnceItsRetentionHasPassedButKeepsItsModel() throws Exception {
        String job = client.submit("{\"x\":[1,2,3],\"y\":[2,4,6],\"epochs\":10}");
        String model = client.awaitStatus(job, "SUCCEEDED").get("modelId").asString();

        await().atMost(JobClient.PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() ->
                        assertThat(client.send("GET", job, null).statusCode()).isEqualTo(404));

        HttpResponse<String> gone = client.send("GET", job, null);
        assertThat(client.read(gone).get("type").asString()).isEqualTo("https://gradfit.dev/problems/job-not-found");
        assertThat(client.send("GET", job + "/events", null).statusCode()).isEqualTo(404);
        assertThat(client.send("GET", "/api/v1/models/" + model, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void runsAJobLongerThanTheSynchronousLimitsAllow() throws Exception {
        // A million epochs with a budget of 1.5 s: past 200 ms of fitting and 500 ms of waiting, well short of the
        // job's hour.
        String body = client.longBody(2000).replace("{\"x\"", "{\"maxDurationMs\":1500,\"x\"");
        JsonNode synchronous = client.fit(body);

        JsonNode done = client.awaitStatus(client.submit(body), "SUCCEEDED", "FAILED", "CANCELED");

        assertThat(synchronous.at("/hyperparameters/maxDurationMs").asInt()).isEqualTo(200);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode model = client.get("/api/v1/models/" + done.get("modelId").asString());
        assertThat(model.get("stopReason").asString()).isEqualTo("TIME_BUDGET");
        assertThat(model.at("/hyperparameters/maxDurationMs").asInt()).isEqualTo(1500);
        assertThat(model.get("epochs").asInt()).isLessThan(1_000_000);
    }
}
