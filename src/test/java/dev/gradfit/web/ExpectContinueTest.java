package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code Expect: 100-continue} on a bare socket: a body refused before it is read is refused at once, without
 * a {@code 100 Continue} that would ask the client to send it; a body that is read is asked for.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gradfit.http.max-body-size=4KB")
class ExpectContinueTest {

    @LocalServerPort
    private int port;

    @Test
    void refusesADeclaredBodyOverTheLimitWithoutAskingForIt() throws Exception {
        try (Socket socket = connect()) {
            send(socket, head("/api/v1/models", 100_000));

            String answer = readUntilClosed(socket);

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).doesNotContain("100 Continue", "HTTP/1.1 100");
            assertThat(answer).contains("https://gradfit.dev/problems/body-too-large");
        }
    }

    @Test
    void refusesOnV2TooWithoutAskingForTheBody() throws Exception {
        try (Socket socket = connect()) {
            send(socket, head("/v2/models/m/infer", 100_000));

            String answer = readUntilClosed(socket);

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("{\"error\":");
        }
    }

    @Test
    void asksForABodyItReads() throws Exception {
        String body = "{\"x\":[1,2,3],\"y\":[2,4,6]}";
        try (Socket socket = connect()) {
            send(socket, head("/api/v1/models", body.length()));
            byte[] interim = new byte[64];
            int n = socket.getInputStream().read(interim);
            assertThat(new String(interim, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100");

            send(socket, body);

            assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 201");
        }
    }

    private static String head(String path, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** What the server sends until it closes; a client that waits for a 100 in vain would time out here. */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
        } catch (java.net.SocketException | SocketTimeoutException closed) {
            // A reset after the answer is a close too.
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
