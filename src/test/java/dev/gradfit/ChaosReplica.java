package dev.gradfit;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One gradfit process of the chaos suite: the packaged jar on a free port, with models and jobs on a shared
 * Redis, its log in {@code target/chaos-<name>.log}. It can be frozen as a stopped VM is ({@code kill -STOP})
 * and thawed again.
 */
final class ChaosReplica implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ChaosReplica(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts a replica on {@code redisUrl}; {@link #awaitReady} waits for it. */
    static ChaosReplica start(String name, String redisUrl, List<String> settings) throws IOException {
        Path target = Path.of(System.getProperty("gradfit.project.dir", "."), "target");
        Path jar;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "gradfit-*.jar")) {
            jar = jars.iterator().next();
        }
        int port = freePort();
        Path log = target.resolve("chaos-" + name + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--gradfit.store.type=redis",
                "--spring.data.redis.url=" + redisUrl));
        command.addAll(settings);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChaosReplica(name, port, log, process);
    }

    void awaitReady(HttpClient http, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("replica " + name + " exited while starting; see " + log);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("replica " + name + " did not become ready; see " + log);
    }

    /** The process id, which the replica's consumer name in the job queue's group begins with. */
    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Freezes the JVM as a stopped VM or a long GC pause would: it neither answers nor renews anything. */
    void freeze() throws Exception {
        signal("STOP");
    }

    void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** The log's lines so far. */
    List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
