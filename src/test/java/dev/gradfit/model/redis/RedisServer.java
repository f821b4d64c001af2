package dev.gradfit.model.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Redis ({@code redis:7}) for tests, with its append-only file on, so that stopping and starting the
 * same container loses nothing. It shares the host's network (the engines these tests run on may have no
 * bridge network) and listens on a free port chosen here.
 */
public final class RedisServer extends GenericContainer<RedisServer> {

    private final int port;

    public RedisServer() {
        super(DockerImageName.parse("redis:7"));
        this.port = freePort();
        withNetworkMode("host");
        withCommand(
                "redis-server",
                "--protected-mode",
                "no",
                "--port",
                String.valueOf(port),
                "--appendonly",
                "yes",
                "--dir",
                "/tmp");
        waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1).withStartupTimeout(Duration.ofMinutes(1)));
    }

    public int port() {
        return port;
    }

    /** What {@code spring.data.redis.url} takes. */
    public String url() {
        return "redis://localhost:" + port;
    }

    /** Shuts Redis down as {@code docker stop} does (it writes its append-only file) and keeps the container. */
    public void stopRedis() {
        getDockerClient().stopContainerCmd(getContainerId()).withTimeout(10).exec();
    }

    /**
     * Freezes Redis as SIGSTOP does ({@code docker pause}, the cgroup freezer): its connections stay open and
     * what clients send waits in its sockets, to be run when it is {@link #resume resumed}.
     */
    public void pause() {
        getDockerClient().pauseContainerCmd(getContainerId()).exec();
    }

    /** Lets a {@link #pause paused} Redis run again. */
    public void resume() {
        getDockerClient().unpauseContainerCmd(getContainerId()).exec();
    }

    /** Starts the stopped container again; Redis reloads its append-only file. */
    public void startRedis() {
        getDockerClient().startContainerCmd(getContainerId()).exec();
        await("Redis answering again")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> "PONG".equals(command("PING")));
    }

    /**
     * Sends one command as RESP over a plain socket, with no client library in between, and returns its
     * reply: a status or error line, an integer or a string as text, {@code null} for a missing value.
     * Arrays are not read.
     */
    public String command(String... words) throws IOException {
        StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
        for (String word : words) {
            request.append('$')
                    .append(word.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(word)
                    .append("\r\n");
        }
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = line(in);
            if (reply.startsWith("$")) {
                return reply.equals("$-1") ? null : line(in);
            }
            return reply.startsWith("-") ? reply : reply.substring(1);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for Redis", e);
        }
    }
}
