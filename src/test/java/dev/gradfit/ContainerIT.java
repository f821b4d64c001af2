package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.gradfit.plots.Svg;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The service as operators get it: the image built from the project's Dockerfile and the jar
 * that {@code package} just made, started as a container and spoken to over HTTP.
 *
 * <p>Runs in {@code verify} (Failsafe), after {@code package}. The Maven build passes the project
 * directory and, optionally, the base image to build from (CI uses an offline JRE image; empty
 * means the Dockerfile's default). The container shares the host's network, since the machines
 * this runs on may have no bridge network; so there is no port mapping, and the server listens on
 * a free port picked here.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerIT {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final int PORT = freePort();

    @Container
    private static final GenericContainer<?> gradfit = new GenericContainer<>(image())
            .withNetworkMode("host")
            .withEnv("SERVER_PORT", String.valueOf(PORT))
            .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("gradfit-container")))
            .waitingFor(new ReadinessWait().withStartupTimeout(STARTUP_TIMEOUT));

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void fitsTheTutorialLineAndPredictsFromIt() throws Exception {
        // Five points of y = 2x + 4. With learning rate 0.05 the slowest direction of descent
        // shrinks the error by a factor of about 0.983 per epoch (the Hessian's eigenvalues are
        // 12 ± 2·sqrt(34)), so after 5000 epochs the weights are exact to rounding. The loose
        // tolerance is on purpose: this test checks the packaged service, the unit tests check
        // the numerics tightly.
        HttpResponse<String> fit = post(
                "/api/v1/models", "{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.05,\"epochs\":5000}");

        assertThat(fit.statusCode()).as(fit.body()).isEqualTo(201);
        DocumentContext model = JsonPath.parse(fit.body());
        String id = model.read("$.id");
        assertThat(fit.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/models/" + id));
        assertThat(model.read("$.weights.intercept", Double.class)).isCloseTo(4.0, within(1e-3));
        assertThat(model.read("$.weights.coefficients[0]", Double.class)).isCloseTo(2.0, within(1e-3));

        HttpResponse<String> prediction = post("/api/v1/models/" + id + "/predictions", "{\"x\":[10]}");

        assertThat(prediction.statusCode()).as(prediction.body()).isEqualTo(200);
        DocumentContext predicted = JsonPath.parse(prediction.body());
        assertThat(predicted.read("$.modelId", String.class)).isEqualTo(id);
        // 4 + 2·10, as exact as the weights are.
        assertThat(predicted.read("$.predictions[0]", Double.class)).isCloseTo(24.0, within(1e-3));
    }

    @Test
    void drawsTheFitOfAModelAsSvg() throws Exception {
        // The image's JRE draws the plot with the fonts it has (fontconfig, DejaVu): it must not lack them.
        HttpResponse<String> fit =
                post("/api/v1/models", "{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"snapshotEpochs\":[10,100]}");
        assertThat(fit.statusCode()).as(fit.body()).isEqualTo(201);
        String id = JsonPath.parse(fit.body()).read("$.id");

        HttpResponse<String> plot = get("/api/v1/models/" + id + "/plots/fit.svg");

        assertThat(plot.statusCode()).as(plot.body()).isEqualTo(200);
        assertThat(plot.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        Svg svg = Svg.parse(plot.body());
        assertThat(svg.lines()).containsExactlyInAnyOrder("epoch-10", "epoch-100", "final");
        assertThat(svg.texts()).contains("epoch 10", "final, epoch 1000", "data (5 points)");
    }

    /** The image's entrypoint opens java.nio to Arrow's memory code: without it this read fails. */
    @Test
    void fitsAnArrowStream() throws Exception {
        byte[] stream = ArrowStreams.write(
                2, ArrowStreams.float64("size", 1, 2, 3, 4, 5), ArrowStreams.float64("price", 6, 8, 10, 12, 14));
        String options = java.net.URLEncoder.encode(
                "{\"learningRate\":0.05,\"epochs\":5000}", java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/models?target=price&options=" + options))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/vnd.apache.arrow.stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(stream))
                .build();

        HttpResponse<String> fit = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(fit.statusCode()).as(fit.body()).isEqualTo(201);
        DocumentContext model = JsonPath.parse(fit.body());
        assertThat(model.read("$.featureNames[0]", String.class)).isEqualTo("size");
        assertThat(model.read("$.weights.intercept", Double.class)).isCloseTo(4.0, within(1e-3));
        assertThat(model.read("$.weights.coefficients[0]", Double.class)).isCloseTo(2.0, within(1e-3));
    }

    @Test
    void answersAnUnknownModelWithAProblem404() throws Exception {
        HttpResponse<String> response = post("/api/v1/models/" + UUID.randomUUID() + "/predictions", "{\"x\":[10]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void reportsLivenessAndReadinessForProbes() throws Exception {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(probe);

            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(JsonPath.parse(response.body()).read("$.status", String.class))
                    .as(probe)
                    .isEqualTo("UP");
        }
    }

    @Test
    void runsTheServerAsANonRootUser() throws Exception {
        assertThat(gradfit.execInContainer("id", "-u").getStdout().strip()).isNotEqualTo("0");
        // PID 1 is the JVM itself (exec-form ENTRYPOINT): its real and effective uids.
        String status = gradfit.execInContainer("cat", "/proc/1/status").getStdout();
        assertThat(status).containsPattern("(?m)^Name:\\s+java$");
        assertThat(status).containsPattern("(?m)^Uid:\\s+[1-9]\\d*\\s+[1-9]\\d*\\s");
    }

    @AfterAll
    static void sayWhichImageRan() {
        // CI greps for this line to know that the container test ran rather than being skipped.
        System.out.printf(
                "ContainerIT: ran against image %s (%s, base image %s)%n",
                gradfit.getContainerInfo().getImageId(),
                gradfit.getDockerImageName(),
                baseImage().isEmpty() ? "the Dockerfile's default" : baseImage());
    }

    private static ImageFromDockerfile image() {
        Path projectDir = Path.of(System.getProperty("gradfit.project.dir", System.getProperty("user.dir")));
        ImageFromDockerfile image = new ImageFromDockerfile().withDockerfile(projectDir.resolve("Dockerfile"));
        return baseImage().isEmpty() ? image : image.withBuildArg("BASE_IMAGE", baseImage());
    }

    private static String baseImage() {
        return System.getProperty("gradfit.docker.base-image", "").strip();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the container's server", e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://" + gradfit.getHost() + ":" + PORT + path);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until the readiness probe answers 200, asked from outside the container as a load
     * balancer would. Testcontainers' own HTTP wait needs a mapped port, which host networking
     * does not have.
     */
    private static final class ReadinessWait extends AbstractWaitStrategy {

        @Override
        protected void waitUntilReady() {
            await("readiness of the gradfit container")
                    .atMost(startupTimeout)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .failFast("the container stopped", () -> !waitStrategyTarget.isRunning())
                    .until(() -> get("/actuator/health/readiness").statusCode() == 200);
        }
    }
}
