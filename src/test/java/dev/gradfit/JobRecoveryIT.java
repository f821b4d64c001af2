package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.FitBodies;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Crash recovery of jobs on a real Redis, with two gradfit processes: a job runs on replica A, A is killed
 * (SIGKILL) in the middle of the fit, and replica B, started afterwards on the same Redis, claims the
 * job once it has been idle for {@code gradfit.jobs.claim-after} (3 s here) and runs it again. The job ends
 * SUCCEEDED once, with the weights of an uninterrupted fit of the same body, bit for bit.
 */
@Testcontainers(disabledWithoutDocker = true)
class JobRecoveryIT {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final int REDIS_PORT = freePort();

    private static GenericContainer<?> redis;
    private static Process replicaA;
    private static Process replicaB;

    @BeforeAll
    static void startRedis() {
        redis = new GenericContainer<>("redis:7")
                .withNetworkMode("host")
                .withCommand("redis-server", "--protected-mode", "no", "--port", String.valueOf(REDIS_PORT))
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
        redis.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Process process : new Process[] {replicaA, replicaB}) {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (redis != null) {
            redis.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process replica(String name, int port) throws Exception {
        Path jar;
        Path target = Path.of(System.getProperty("gradfit.project.dir", "."), "target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "gradfit-*.jar")) {
            jar = jars.iterator().next();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--gradfit.store.type=redis",
                        "--spring.data.redis.url=redis://127.0.0.1:" + REDIS_PORT,
                        "--gradfit.jobs.claim-after=3s",
                        "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(target.resolve("job-recovery-" + name + ".log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (get(port, "/actuator/health/readiness").statusCode() == 200) {
                    return process;
                }
            } catch (IOException starting) {
                // not yet
            }
            assertThat(process.isAlive())
                    .as("replica " + name + " exited while starting")
                    .isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("replica " + name + " did not become ready");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofMinutes(3))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aJobWhoseReplicaIsKilledFinishesOnAnotherWithTheSameWeights() throws Exception {
        int portA = freePort();
        int portB = freePort();
        replicaA = replica("a", portA);
        // Plain gradient descent on 300 rows of 100 features: a pass over the rows per epoch (no sufficient
        // statistics with mini-batches of 300), seconds of work that a kill interrupts.
        String wide = FitBodies.wide(300, 100, 100_000, 0.001);
        String body = wide.substring(0, wide.length() - 1) + ",\"batchSize\":299,\"shuffle\":false}";

        HttpResponse<String> submitted = post(portA, "/api/v1/jobs", body);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = JsonPath.read(submitted.body(), "$.id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int epoch = 0;
        while (epoch == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            HttpResponse<String> job = get(portA, "/api/v1/jobs/" + id);
            assertThat(JsonPath.<String>read(job.body(), "$.status")).isIn("QUEUED", "RUNNING");
            epoch = JsonPath.<Integer>read(job.body(), "$.epoch");
        }
        assertThat(epoch).as("the job was running on A").isPositive();

        replicaA.destroyForcibly();
        assertThat(replicaA.waitFor(30, TimeUnit.SECONDS)).isTrue();
        replicaB = replica("b", portB);

        String finished = null;
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> job = get(portB, "/api/v1/jobs/" + id);
            String status = JsonPath.read(job.body(), "$.status");
            if (List.of("SUCCEEDED", "FAILED", "CANCELED").contains(status)) {
                finished = job.body();
                break;
            }
            Thread.sleep(250);
        }
        assertThat(finished).as("the job finished on B").isNotNull();
        assertThat(JsonPath.<String>read(finished, "$.status")).as(finished).isEqualTo("SUCCEEDED");
        String modelId = JsonPath.read(finished, "$.modelId");

        HttpResponse<String> rerun = get(portB, "/api/v1/models/" + modelId);
        HttpResponse<String> uninterrupted = post(portB, "/api/v1/models", body);
        assertThat(uninterrupted.statusCode()).as(uninterrupted.body()).isEqualTo(201);
        // The same deterministic fit: the same doubles, printed the same.
        assertThat(JsonPath.<Object>read(rerun.body(), "$.weights"))
                .isEqualTo(JsonPath.read(uninterrupted.body(), "$.weights"));
        HttpResponse<String> events = get(portB, "/api/v1/jobs/" + id + "/events");
        assertThat(events.body().split("event: ?succeeded", -1))
                .as("exactly one end event")
                .hasSize(2);
        System.out.println("JobRecoveryIT: job " + id + " killed on A at epoch " + epoch + ", finished on B");
    }
}
