package dev.gradfit.web;

import static dev.gradfit.web.LimitsTest.fitBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Clients that send slowly or not at all, against a real server with short limits: a body may take 2 s,
 * a connection that sends nothing or sits idle between requests is closed after 1 s. Each bound below is
 * the configured limit plus a generous margin for a loaded machine; none measures speed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gradfit.http.body-read-timeout=2s",
            "server.tomcat.connection-timeout=1s",
            "server.tomcat.keep-alive-timeout=1s"
        })
class SlowClientTest {

    private static final Duration MARGIN = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) MARGIN.toMillis());
        return socket;
    }

    /** Reads until the server closes the connection; what it sent before closing. */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // A reset after the answer is a close too.
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cutsOffABodyTrickledAByteAtATimeAndServesOthersMeanwhile() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/models HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        out.write(' ');
                        out.flush();
                        TimeUnit.MILLISECONDS.sleep(300);
                    }
                } catch (IOException | InterruptedException closed) {
                    // The server hung up: what this test waits for.
                }
            });
            long start = System.nanoTime();

            Response other = new RawHttp(port).send(Request.json("POST", "/api/v1/models", fitBody(10, 1, 10)));
            String answer = readUntilClosed(socket);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            trickle.cancel(true);

            assertThat(other.status()).as(other.toString()).isEqualTo(201);
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(answer).contains("https://gradfit.dev/problems/body-read-timeout");
            assertThat(took).isLessThan(MARGIN);
        }
    }

    @Test
    void answersABodyThatStopsArrivingWithTheBodyReadTimeoutProblem() throws Exception {
        String answer = stall("/api/v1/models");

        assertThat(answer).startsWith("HTTP/1.1 408");
        assertThat(answer).contains("application/problem+json");
        assertThat(answer).contains("\"type\":\"https://gradfit.dev/problems/body-read-timeout\"");
        assertThat(answer)
                .contains("The request body stopped arriving: nothing more of it came within 1000 ms, the limit set"
                        + " by server.tomcat.connection-timeout.");
    }

    @Test
    void answersABodyThatStopsArrivingOnV2WithTheProtocolsErrorBody() throws Exception {
        String answer = stall("/v2/models/m/infer");

        assertThat(answer).startsWith("HTTP/1.1 408");
        assertThat(answer).contains("{\"error\":\"The request body stopped arriving");
    }

    /** Declares a body of 100000 bytes, sends 20 of them, then nothing; what the server answers. */
    private String stall(String path) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100000\r\n\r\n{\"x\":[1,2,3],\"y\":[1,")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readUntilClosed(socket);
        }
    }

    @Test
    void closesAConnectionThatSendsNothing() throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();

            String answer = readUntilClosed(socket);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MARGIN);
            assertThat(answer).isEmpty();
        }
    }

    @Test
    void closesAKeepAliveConnectionLeftIdle() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            String answer = readUntilClosed(socket);

            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MARGIN);
        }
    }
}
