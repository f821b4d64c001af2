package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.FitBodies;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The image under an orchestrator's rules: a memory limit that the JVM must size its heap to, and a
 * SIGTERM in the middle of a long fit that must let the fit finish before the process exits. One
 * container, run with a 512 MiB limit on the host's network; the last test stops it.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleContainerIT {

    private static final long MEMORY_LIMIT = 512L * 1024 * 1024;
    private static final int PORT = freePort();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ToStringConsumer LOGS = new ToStringConsumer();

    private static GenericContainer<?> gradfit;

    @BeforeAll
    static void start() {
        assertThat(DockerClientFactory.instance().isDockerAvailable()).isTrue();
        gradfit = new GenericContainer<>(image())
                .withNetworkMode("host")
                .withEnv("SERVER_PORT", String.valueOf(PORT))
                .withCreateContainerCmdModifier(
                        cmd -> cmd.getHostConfig().withMemory(MEMORY_LIMIT).withMemorySwap(MEMORY_LIMIT))
                .withLogConsumer(LOGS);
        gradfit.start();
        await("readiness")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (gradfit != null) {
            gradfit.stop();
        }
    }

    @Test
    @Order(1)
    void sizesTheHeapToTheContainerMemoryLimit() throws Exception {
        long maxHeap = JsonPath.parse(get("/actuator/info").body()).read("$.process.memory.heap.max", Long.class);

        // The image asks for 75 % of the limit (-XX:MaxRAMPercentage=75); the JVM rounds the heap to its
        // region size, hence the band. Without the limit it would be 75 % of the machine's memory.
        assertThat(maxHeap).isBetween((long) (0.70 * MEMORY_LIMIT), (long) (0.76 * MEMORY_LIMIT));
        System.out.printf("LifecycleContainerIT: heap max %d bytes under a %d byte limit%n", maxHeap, MEMORY_LIMIT);

        // The budget of request bodies in flight follows the heap: a third of it.
        Matcher budget = Pattern.compile("(?m)^gradfit_http_in_flight_capacity_bytes\\S* ([0-9.E+]+)$")
                .matcher(get("/actuator/prometheus").body());
        assertThat(budget.find()).isTrue();
        assertThat(Double.parseDouble(budget.group(1))).isCloseTo(maxHeap / 3.0, withPercentage(1));
    }

    @Test
    @Order(2)
    void finishesARunningFitOnSigtermAndThenExits() throws Exception {
        // 200 features × 200000 epochs, some 8e9 multiply-adds: seconds of work, inside the default work
        // limit and well inside the 30 s shutdown phase.
        CompletableFuture<HttpResponse<String>> fit = HTTP.sendAsync(
                HttpRequest.newBuilder(uri("/api/v1/models"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(FitBodies.wide(300, 200, 200_000, 0.001)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        await("the fit to start")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get("/actuator/prometheus").body().contains("gradfit_fits_active_seconds_count 1"));

        gradfit.getDockerClient()
                .killContainerCmd(gradfit.getContainerId())
                .withSignal("SIGTERM")
                .exec();

        HttpResponse<String> response = fit.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JsonPath.parse(response.body()).read("$.epochs", Integer.class))
                .isEqualTo(200_000);
        await("the container to exit")
                .atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !state().getRunning());
        assertThat(state().getExitCodeLong()).isIn(0L, 143L);
        assertThat(LOGS.toUtf8String()).contains("Commencing graceful shutdown", "Graceful shutdown complete");
    }

    private static InspectContainerResponse.ContainerState state() {
        return gradfit.getDockerClient()
                .inspectContainerCmd(gradfit.getContainerId())
                .exec()
                .getState();
    }

    private static ImageFromDockerfile image() {
        Path projectDir = Path.of(System.getProperty("gradfit.project.dir", System.getProperty("user.dir")));
        ImageFromDockerfile image = new ImageFromDockerfile().withDockerfile(projectDir.resolve("Dockerfile"));
        String base = System.getProperty("gradfit.docker.base-image", "").strip();
        return base.isEmpty() ? image : image.withBuildArg("BASE_IMAGE", base);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the container's server", e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
