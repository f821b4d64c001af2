package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.model.redis.RedisServer;
import dev.gradfit.web.FitBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Two gradfit replicas, each a whole application on its own port, sharing one real Redis
 * ({@code gradfit.store.type=redis}): what one stores the other serves, what one deletes the other
 * forgets within a second, and while Redis is stopped both answer 503 store-unavailable (predictions of
 * near-cached models excepted) until it is back, with nothing lost.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisReplicasTest {

    private static final String FIT = """
            {"x": [[0, 1], [1, 0], [1, 1], [2, 1], [1, 2], [3, 2], [2, 3], [3, 3], [4, 2], [2, 4]],
             "y": [4.1, 2.9, 5.0, 7.1, 6.0, 10.9, 9.1, 12.0, 12.1, 10.0],
             "optimizer": {"type": "adam", "beta1": 0.9, "beta2": 0.999}, "clipNorm": 5,
             "schedule": {"type": "step", "factor": 0.5, "every": 200}, "l2": 0.01,
             "learningRate": 0.05, "epochs": 300, "batchSize": 4, "seed": 7,
             "earlyStopping": true, "validationFraction": 0.2, "patience": 20,
             "snapshotEpochs": [10, 20, 30], "returnLearningRates": true, "maxDurationMs": 60000}""";
    private static final String PREDICT = "{\"x\": [[1, 2], [3, 4]]}";
    /** Longest a refused request may take: the command timeout is 2 s, a dead connection refuses at once. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(5);

    @Container
    private static final RedisServer redis = new RedisServer();

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoReplicas() {
        a = replica();
        b = replica();
    }

    @AfterAll
    static void stopReplicas() {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {a, b}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void aModelFittedOnOneReplicaIsServedByTheOther() throws Exception {
        HttpResponse<String> created = send(a, "POST", "/api/v1/models", FIT);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");

        HttpResponse<String> read = send(b, "GET", "/api/v1/models/" + id, null);
        HttpResponse<String> predictedOnA = send(a, "POST", "/api/v1/models/" + id + "/predictions", PREDICT);
        HttpResponse<String> predictedOnB = send(b, "POST", "/api/v1/models/" + id + "/predictions", PREDICT);
        HttpResponse<String> listed = send(b, "GET", "/api/v1/models?size=1", null);

        // b decoded the model from Redis: the very bytes a answered with.
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
        assertThat(predictedOnB.statusCode()).isEqualTo(200);
        assertThat(predictedOnB.body()).isEqualTo(predictedOnA.body());
        assertThat(JsonPath.<List<String>>read(listed.body(), "$.content[*].id"))
                .containsExactly(id);
    }

    @Test
    void aFullRedisRefusesNewModelsWith507AndKeepsBothReplicasReady() throws Exception {
        HttpResponse<String> kept = send(a, "POST", "/api/v1/models", FIT);
        String id = JsonPath.read(kept.body(), "$.id");
        assertThat(redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction"))
                .isEqualTo("OK");
        assertThat(redis.command("CONFIG", "SET", "maxmemory", "1")).isEqualTo("OK");
        try {
            for (String path : List.of("/api/v1/models", "/api/v1/jobs")) {
                HttpResponse<String> refused = send(b, "POST", path, FIT);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
                assertThat(JsonPath.<String>read(refused.body(), "$.type"))
                        .isEqualTo("https://gradfit.dev/problems/store-full");
            }
            HttpResponse<String> readiness = send(b, "GET", "/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("STORE_FULL");
            assertThat(status(b, "/v2/health/ready")).isEqualTo(200);
            assertThat(status(b, "/api/v1/models/" + id)).isEqualTo(200);
            assertThat(send(b, "POST", "/api/v1/models/" + id + "/predictions", PREDICT)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(b, "DELETE", "/api/v1/models/" + id, null).statusCode())
                    .isEqualTo(204);
        } finally {
            redis.command("CONFIG", "SET", "maxmemory", "0");
        }
        assertThat(send(a, "GET", "/actuator/health/readiness", null).body()).contains("\"UP\"");
        assertThat(send(a, "POST", "/api/v1/models", FIT).statusCode()).isEqualTo(201);
    }

    @Test
    void aJobSubmittedToOneReplicaIsAnsweredByTheOtherWithTheSynchronousFitsWeights() throws Exception {
        HttpResponse<String> submitted = send(a, "POST", "/api/v1/jobs", FIT);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = JsonPath.read(submitted.body(), "$.id");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> JsonPath.<String>read(
                                send(b, "GET", "/api/v1/jobs/" + id, null).body(), "$.status")
                        .equals("SUCCEEDED"));
        String job = send(b, "GET", "/api/v1/jobs/" + id, null).body();
        String modelId = JsonPath.read(job, "$.modelId");
        HttpResponse<String> model = send(a, "GET", "/api/v1/models/" + modelId, null);
        HttpResponse<String> synchronous = send(b, "POST", "/api/v1/models", FIT);
        HttpResponse<String> events = send(b, "GET", "/api/v1/jobs/" + id + "/events", null);

        // The same deterministic fit, whichever replica ran it: the same doubles, printed the same.
        assertThat(JsonPath.<Object>read(model.body(), "$.weights"))
                .isEqualTo(JsonPath.read(synchronous.body(), "$.weights"));
        assertThat(JsonPath.<Object>read(model.body(), "$.costHistory"))
                .isEqualTo(JsonPath.read(synchronous.body(), "$.costHistory"));
        assertThat(events.body()).contains("event:succeeded").contains(modelId);
        assertThat(JsonPath.<List<String>>read(
                        send(a, "GET", "/api/v1/jobs?size=100", null).body(), "$.content[*].id"))
                .contains(id);
    }

    @Test
    void aJobRunningOnOneReplicaIsCanceledThroughTheOther() throws Exception {
        String wide = FitBodies.wide(300, 50, 500_000, 0.0001);
        String longFit = wide.substring(0, wide.length() - 1) + ",\"batchSize\":299,\"shuffle\":false}";
        String id = JsonPath.read(send(a, "POST", "/api/v1/jobs", longFit).body(), "$.id");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> JsonPath.<Integer>read(
                                send(b, "GET", "/api/v1/jobs/" + id, null).body(), "$.epoch")
                        > 0);

        assertThat(send(b, "POST", "/api/v1/jobs/" + id + "/cancel", null).statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> JsonPath.<String>read(
                                send(a, "GET", "/api/v1/jobs/" + id, null).body(), "$.status")
                        .equals("CANCELED"));
        assertThat(send(a, "POST", "/api/v1/jobs/" + id + "/cancel", null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void aModelDeletedOnOneReplicaIsGoneFromTheOtherWithinASecond() throws Exception {
        String id = JsonPath.read(send(a, "POST", "/api/v1/models", FIT).body(), "$.id");
        // Both replicas now hold it in their near caches.
        assertThat(send(a, "POST", "/api/v1/models/" + id + "/predictions", PREDICT)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(b, "POST", "/api/v1/models/" + id + "/predictions", PREDICT)
                        .statusCode())
                .isEqualTo(200);

        assertThat(send(b, "DELETE", "/api/v1/models/" + id, null).statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> send(a, "POST", "/api/v1/models/" + id + "/predictions", PREDICT)
                                .statusCode()
                        == 404);
        assertThat(send(a, "GET", "/api/v1/models/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void whileRedisIsStoppedTheStoreAnswers503AndNearCachedPredictionsGoOn() throws Exception {
        HttpResponse<String> onA = send(a, "POST", "/api/v1/models", FIT);
        HttpResponse<String> onB = send(b, "POST", "/api/v1/models", FIT);
        String cachedOnA = JsonPath.read(onA.body(), "$.id");
        String onlyInRedisForA = JsonPath.read(onB.body(), "$.id");

        redis.stopRedis();
        try {
            for (HttpRequest request : List.of(
                    request(a, "GET", "/api/v1/models/" + onlyInRedisForA, null),
                    request(a, "GET", "/api/v1/models/" + UUID.randomUUID(), null),
                    request(a, "GET", "/api/v1/models", null),
                    request(a, "POST", "/api/v1/models", FIT),
                    request(a, "DELETE", "/api/v1/models/" + cachedOnA, null),
                    request(a, "POST", "/api/v1/models/" + onlyInRedisForA + "/predictions", PREDICT),
                    request(a, "POST", "/api/v1/jobs", FIT),
                    request(b, "GET", "/api/v1/jobs", null),
                    request(b, "GET", "/api/v1/jobs/" + UUID.randomUUID(), null))) {
                long start = System.nanoTime();
                HttpResponse<String> refused = http.send(request, HttpResponse.BodyHandlers.ofString());
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(refused.statusCode())
                        .as(request + ": " + refused.body())
                        .isEqualTo(503);
                assertThat(JsonPath.<String>read(refused.body(), "$.type"))
                        .isEqualTo("https://gradfit.dev/problems/store-unavailable");
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(took).as(request.toString()).isLessThan(FAIL_FAST);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> status(a, "/actuator/health/readiness") == 503);
            assertThat(status(a, "/actuator/health/liveness")).isEqualTo(200);
            HttpResponse<String> predicted = send(a, "POST", "/api/v1/models/" + cachedOnA + "/predictions", PREDICT);
            assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
        } finally {
            redis.startRedis();
        }

        for (ConfigurableApplicationContext replica : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> status(replica, "/actuator/health/readiness") == 200);
        }
        // Nothing was lost: Redis wrote its append-only file on the way down and read it on the way up.
        assertThat(send(a, "GET", "/api/v1/models/" + onlyInRedisForA, null).body())
                .isEqualTo(onB.body());
        assertThat(send(a, "GET", "/api/v1/models?size=1000", null).body()).contains(cachedOnA, onlyInRedisForA);
        assertThat(send(a, "POST", "/api/v1/models", FIT).statusCode()).isEqualTo(201);
        // And invalidations flow again: a delete on b reaches a's near cache.
        assertThat(send(b, "DELETE", "/api/v1/models/" + cachedOnA, null).statusCode())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> send(a, "POST", "/api/v1/models/" + cachedOnA + "/predictions", PREDICT)
                                .statusCode()
                        == 404);
    }

    private static ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(GradfitApplication.class)
                .run("--server.port=0", "--gradfit.store.type=redis", "--spring.data.redis.url=" + redis.url());
    }

    private static int status(ConfigurableApplicationContext replica, String path) throws Exception {
        return send(replica, "GET", path, null).statusCode();
    }

    private static HttpResponse<String> send(
            ConfigurableApplicationContext replica, String method, String path, String json) throws Exception {
        return http.send(request(replica, method, path, json), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(
            ConfigurableApplicationContext replica, String method, String path, String json) {
        int port = replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return request.build();
    }
}
