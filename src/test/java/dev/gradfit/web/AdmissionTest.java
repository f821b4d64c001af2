package dev.gradfit.web;

import static dev.gradfit.web.LimitsTest.assertProblem;
import static dev.gradfit.web.LimitsTest.fitBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Admission by memory against a real server with a small budget: 2 MB in all, of which 0.5 MB only for
 * requests holding at most 64 KB; a body reserves twice its length up front.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gradfit.http.max-body-size=4MB",
            "gradfit.http.max-in-flight-bytes=2MB",
            "gradfit.http.small-request-share=0.25",
            "gradfit.http.small-request-size=64KB",
            "gradfit.http.heap-per-body-byte=2",
            "gradfit.http.body-read-timeout=3s"
        })
class AdmissionTest {

    private static final String MODELS = "/api/v1/models";
    private static final long LARGE_POOL = 2L * 1024 * 1024 * 3 / 4;

    @LocalServerPort
    private int port;

    @Autowired
    private InFlightMemory memory;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    @AfterEach
    void everythingWasGivenBack() {
        assertThat(memory.reserved()).isZero();
    }

    /** A fit of {@code points} points in [0, 1) whose numbers are about 20 characters long, as clients write them. */
    private static String largeFit(int points) {
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < points; i++) {
            double value = (i + 0.123456789) / points;
            x.append(i == 0 ? "" : ",").append(value);
            y.append(i == 0 ? "" : ",").append(2 * value + 1);
        }
        return "{\"x\":[" + x + "],\"y\":[" + y + "],\"learningRate\":0.1,\"epochs\":10}";
    }

    @Test
    void refusesABodyTheBudgetCannotTakeNowWith503BeforeReadingIt() throws Exception {
        String body = largeFit(5000);
        try (InFlightMemory.Reservation inFlight = memory.reserve(LARGE_POOL - body.length())) {
            // Only the head is sent: the answer must come without the server waiting for the body.
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(2_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + MODELS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("HTTP/1.1 503");
            }

            Response refused = http.send(Request.json("POST", MODELS, body));
            assertProblem(refused, 503, "server-busy");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(JsonPath.<Integer>read(refused.text(), "$.retryAfterSeconds"))
                    .isEqualTo(1);
        }

        Response admitted = http.send(Request.json("POST", MODELS, body));
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(201);
    }

    @Test
    void keepsAShareForSmallRequestsWhenLargeOnesFillTheRest() throws Exception {
        try (InFlightMemory.Reservation inFlight = memory.reserve(LARGE_POOL)) {
            Response small = http.send(Request.json("POST", MODELS, fitBody(10, 1, 10)));
            Response large = http.send(Request.json("POST", MODELS, largeFit(5000)));
            Response read = http.send(new Request("GET", MODELS, List.of(), null, false));

            assertThat(small.status()).as(small.toString()).isEqualTo(201);
            assertProblem(large, 503, "server-busy");
            assertThat(read.status()).isEqualTo(200);
        }
    }

    @Test
    void refusesABodyLargerThanAnyRequestMayHoldWith413() throws Exception {
        // 1 MB reserves 2 MB up front, more than the 1.5 MB a large request may hold.
        String body = largeFit(30_000);
        assertThat(body.length()).isGreaterThan(800_000);

        Response response = http.send(Request.json("POST", MODELS, body));

        assertProblem(response, 413, "body-too-large");
        assertThat(JsonPath.<Integer>read(response.text(), "$.maxInFlightBytes"))
                .isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void chargesShortNumbersByTheArraysTheyFill() throws Exception {
        // 150,000 zeros in 300 KB reserve 600 KB up front, but their arrays need over 4 MB while they grow.
        String zeros = "0,".repeat(149_999) + "0";
        String body = "{\"x\":[" + zeros + "],\"y\":[" + zeros + "]}";

        Response response = http.send(Request.json("POST", MODELS, body));

        assertProblem(response, 413, "body-too-large");
    }

    @Test
    void countsAChunkedBodyAsItIsRead() throws Exception {
        byte[] body = largeFit(30_000).getBytes(StandardCharsets.UTF_8);
        List<String[]> headers = List.<String[]>of(new String[] {"Content-Type", "application/json"});

        Response response = http.send(new Request("POST", MODELS, headers, body, true));

        assertProblem(response, 413, "body-too-large");
    }

    @Test
    void admitsOneLargeBodyAfterAnotherOnceEachEnds() throws Exception {
        String body = largeFit(5000);
        for (int i = 0; i < 3; i++) {
            Response response = http.send(Request.json("POST", MODELS, body));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
        }
    }

    @Test
    void stalledLargeBodiesHoldWhatTheyDeclareNotAPieceOfParsing() throws Exception {
        // Each declares 33,000 bytes (read by the bulk reader), so reserves 66,000 up front; sends 20 and stops.
        int stalled = 8;
        List<Socket> senders = new ArrayList<>();
        try {
            for (int i = 0; i < stalled; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                senders.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + MODELS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 33000\r\n\r\n{\"x\":[1.5,2.5,3.5,4.")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            waitFor(() -> memory.reserved() >= stalled * 66_000L);

            // 100 KB of fit: 200 KB up front, then its arrays; the stalled bodies leave room for it.
            String body = largeFit(3000);
            assertThat(body.length()).isBetween(90_000, 110_000);
            Response fit = http.send(Request.json("POST", MODELS, body));

            assertThat(fit.status()).as(fit.toString()).isEqualTo(201);
        } finally {
            for (Socket socket : senders) {
                socket.close();
            }
            waitFor(() -> memory.reserved() == 0);
        }
    }

    /** Waits, up to 10 s, until the server has caught up with what the test's clients did. */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
