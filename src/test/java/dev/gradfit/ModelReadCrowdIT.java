package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crowd of slow readers of a large model, against the packaged jar in its own JVM with a small heap
 * (-Xmx128m): 999 features and 1000 snapshots, a million weights, ten times gradfit.fit.max-snapshot-values'
 * default (raised here, as an operator may), so a 21 MB answer. 32 clients with small receive windows ask for
 * it at once and start reading only after a pause, so that every answer is being written at the same time:
 * answers that each copied the snapshots (8 MB a read) would need twice the heap. Every one must be a whole
 * 200, and the process must live.
 */
class ModelReadCrowdIT {

    private static final int CLIENTS = 32;
    private static final int FEATURES = 999;
    private static final int SNAPSHOTS = 1000;

    private static Process server;
    private static int port;
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @BeforeAll
    static void startTheJarWithASmallHeap() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        jar().toString(),
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--gradfit.fit.max-snapshot-values=" + SNAPSHOTS * (FEATURES + 1),
                        "--logging.level.root=WARN")
                .redirectErrorStream(true)
                .redirectOutput(
                        Path.of("target", "model-read-crowd-it-server.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (send(get("/actuator/health/readiness")).statusCode() == 200) {
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
        throw new AssertionError("the server did not become ready in 90 s; see target/model-read-crowd-it-server.log");
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
        throw new AssertionError("no gradfit jar in " + target + ": ModelReadCrowdIT runs after package");
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Two points of 999 features, 1000 epochs, a snapshot after each: 1000 × 1000 weights. */
    private static String largestModel() {
        StringBuilder row = new StringBuilder();
        for (int j = 0; j < FEATURES; j++) {
            row.append(j == 0 ? "" : ",").append(0.001 * j);
        }
        StringBuilder epochs = new StringBuilder();
        for (int e = 1; e <= SNAPSHOTS; e++) {
            epochs.append(e == 1 ? "" : ",").append(e);
        }
        return "{\"x\":[[" + row + "],[" + row + "]],\"y\":[1,1],\"epochs\":" + SNAPSHOTS
                + ",\"learningRate\":1e-9,\"snapshotEpochs\":[" + epochs + "]}";
    }

    @Test
    void aCrowdOfSlowReadersOfALargeModelAllGetIt() throws Exception {
        HttpResponse<String> fitted = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(largestModel()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fitted.statusCode()).as(fitted.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(fitted.body());
        assertThat(id.find()).isTrue();
        String read = "GET /api/v1/models/" + id.group(1) + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";

        List<Socket> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                Socket socket = new Socket();
                // A small window: the answer cannot hide in the kernel's buffers, the server holds it.
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                socket.setSoTimeout(60_000);
                socket.getOutputStream().write(read.getBytes(StandardCharsets.US_ASCII));
                crowd.add(socket);
            }
            // Every request is in, none is read: each answer is being written at the same time.
            Thread.sleep(3000);
            ExecutorService readers = Executors.newFixedThreadPool(16);
            List<Future<String>> answers = new ArrayList<>();
            for (Socket socket : crowd) {
                answers.add(readers.submit(
                        () -> new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
            }
            for (Future<String> answer : answers) {
                String response = answer.get(2, TimeUnit.MINUTES);
                assertThat(response)
                        .as(response.substring(0, Math.min(300, response.length())))
                        .startsWith("HTTP/1.1 200 ");
                String body = response.substring(response.indexOf("\r\n\r\n") + 4);
                assertThat(body).startsWith("{\"id\":").endsWith("}");
                assertThat(body.split("\"epoch\":", -1)).hasSize(SNAPSHOTS + 1);
            }
            readers.shutdown();
        } finally {
            for (Socket socket : crowd) {
                socket.close();
            }
        }
        assertThat(server.isAlive()).isTrue();
        assertThat(send(get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
    }
}
