package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that goes away in the middle of its upload, over a bare socket: its own doing, not the server's. The
 * server logs no error, counts no 500, and goes on answering.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class DroppedUploadTest {

    private static final String BOUNDARY = "dropped-upload-boundary";

    /** How long the server may take to notice the closed connection and finish the request. */
    private static final long SETTLE_MILLIS = 30_000;

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry meters;

    @Test
    void logsNoErrorAndCountsNoServerErrorWhenTheClientDropsAMultipartUpload(CapturedOutput output) throws Exception {
        long before = requests(null);
        long serverErrorsBefore = requests("SERVER_ERROR");
        long clientErrorsBefore = requests("CLIENT_ERROR");
        StringBuilder csv = new StringBuilder("size,price\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(i).append(',').append(2 * i + 4).append('\n');
        }
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/models HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, body.length / 2);
            out.flush();
        } // closed with half of the body unsent

        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (requests(null) == before && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(requests(null))
                .as("the dropped request was finished and counted")
                .isEqualTo(before + 1);
        assertThat(requests("SERVER_ERROR")).isEqualTo(serverErrorsBefore);
        assertThat(requests("CLIENT_ERROR")).isEqualTo(clientErrorsBefore + 1);
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("Unexpected failure");

        RawHttp.Response next = new RawHttp(port)
                .send(RawHttp.Request.json("POST", "/api/v1/models", "{\"x\": [1, 2, 3], \"y\": [6, 8, 10]}"));
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
    }

    /** The requests to POST /api/v1/models counted so far, of the given outcome or of any. */
    private long requests(String outcome) {
        var search = meters.find("http.server.requests").tags("uri", "/api/v1/models", "method", "POST");
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.timers().stream().mapToLong(Timer::count).sum();
    }
}
