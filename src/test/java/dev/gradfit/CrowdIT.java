package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crowd of large bodies against the packaged jar in its own JVM with a small heap (-Xmx256m, so an
 * in-flight budget of about 85 MB): 24 clients at once, each sending a 15 MB fit, just under the 16 MB
 * body limit set here. Every answer must be a 201 or a 503 problem with Retry-After, none a failed
 * connection; the process must live, serve small fits and predictions meanwhile and after, and its heap
 * after a full GC must be back near where it started.
 */
class CrowdIT {

    private static final int CLIENTS = 24;
    private static final int POINTS = 375_000;

    private static Process server;
    private static int port;
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeAll
    static void startTheJarWithASmallHeap() throws Exception {
        Path jar = jar();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--gradfit.http.max-body-size=16MB",
                        "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "crowd-it-server.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (get("/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(server.isAlive())
                    .as("the server process exited while starting")
                    .isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not become ready in 90 s; see target/crowd-it-server.log");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Path jar() throws IOException {
        Path target = Path.of(System.getProperty("gradfit.project.dir", "."), "target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "gradfit-*.jar")) {
            for (Path jar : jars) {
                if (!jar.toString().endsWith("-plain.jar")) {
                    return jar;
                }
            }
        }
        throw new AssertionError("no gradfit jar in " + target + ": CrowdIT runs after package");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A fit of {@code points} points of y = 2x + 1, with numbers as long as clients usually write them. */
    private static byte[] fit(int points, int epochs) {
        StringBuilder x = new StringBuilder(points * 20);
        StringBuilder y = new StringBuilder(points * 20);
        for (int i = 0; i < points; i++) {
            double value = (i + 0.123456789) / points;
            x.append(i == 0 ? "" : ",").append(value);
            y.append(i == 0 ? "" : ",").append(2 * value + 1);
        }
        String body = "{\"x\":[" + x + "],\"y\":[" + y + "],\"learningRate\":0.5,\"epochs\":" + epochs + "}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Heap in use after a full collection, from jcmd (the JDK's own tool beside the running java). */
    private static long heapAfterGc() throws Exception {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        run(jcmd.toString(), Long.toString(server.pid()), "GC.run");
        String info = run(jcmd.toString(), Long.toString(server.pid()), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        assertThat(used.find()).as(info).isTrue();
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void aCrowdOfLargeBodiesGets201Or503AndTheServiceLives() throws Exception {
        byte[] small = fit(20, 100);
        HttpResponse<String> first = post("/api/v1/models", small);
        assertThat(first.statusCode()).isEqualTo(201);
        String firstId = first.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        long heapBefore = heapAfterGc();
        byte[] large = fit(POINTS, 100);
        assertThat(large.length).isBetween(14_000_000, 16_000_000);

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        AtomicBoolean crowding = new AtomicBoolean(true);
        Map<String, AtomicInteger> smallAnswers = new ConcurrentHashMap<>();
        Future<?> normalTraffic = pool.submit(() -> {
            while (crowding.get()) {
                HttpResponse<String> fitted = post("/api/v1/models", small);
                // Memory keeps a share for small requests; fit threads do not: while the crowd's fits hold
                // every fit thread and queue slot, a small fit may be refused as fit-capacity-exceeded.
                String kind = fitted.statusCode() == 503 && fitted.body().contains("fit-capacity-exceeded")
                        ? "fit 503 fit-capacity-exceeded"
                        : "fit " + fitted.statusCode();
                smallAnswers.computeIfAbsent(kind, s -> new AtomicInteger()).incrementAndGet();
                // A model fitted now if this fit was kept, else the one fitted before the crowd.
                String id = fitted.statusCode() == 201
                        ? fitted.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")
                        : firstId;
                HttpResponse<String> predicted =
                        post("/api/v1/models/" + id + "/predictions", "{\"x\":[0.5]}".getBytes(StandardCharsets.UTF_8));
                smallAnswers
                        .computeIfAbsent("prediction " + predicted.statusCode(), s -> new AtomicInteger())
                        .incrementAndGet();
                Thread.sleep(100);
            }
            return null;
        });
        List<Future<HttpResponse<String>>> crowd = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            crowd.add(pool.submit(() -> post("/api/v1/models", large)));
        }
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        for (Future<HttpResponse<String>> answer : crowd) {
            HttpResponse<String> response = answer.get(5, TimeUnit.MINUTES);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode()).as(response.body()).isIn(201, 503);
            if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains("https://gradfit.dev/problems/");
            }
        }
        crowding.set(false);
        normalTraffic.get(1, TimeUnit.MINUTES);
        pool.shutdown();

        System.out.println(
                "CrowdIT: crowd answers by status " + statuses + ", small fits and predictions " + smallAnswers);
        assertThat(server.isAlive()).isTrue();
        assertThat(statuses.get(201)).as("some of the crowd must be admitted").isNotNull();
        assertThat(smallAnswers.keySet())
                .as("small fits and predictions during the crowd")
                .isSubsetOf("fit 201", "fit 503 fit-capacity-exceeded", "prediction 200")
                .contains("prediction 200");
        assertThat(post("/api/v1/models", small).statusCode()).isEqualTo(201);
        long heapAfter = heapAfterGc();
        System.out.println(
                "CrowdIT: heap after GC " + heapBefore / 1024 + " KB before, " + heapAfter / 1024 + " KB after");
        assertThat(heapAfter).isLessThan(heapBefore + 32L * 1024 * 1024);
    }
}
