package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The connection of an event stream over raw sockets, as a proxy sees it: one worker kept busy by a long job,
 * so that a second job stays QUEUED. Its stream's head goes out at once and heartbeats follow; a HEAD ends at
 * once and leaves the connection free for the next request. "At once" is {@link #AT_ONCE}: generous for a busy
 * machine, far below the time the long job runs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.jobs.workers=1", "gradfit.jobs.events-heartbeat=200ms"})
@Timeout(180)
class JobEventsConnectionTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier("jobEventsScheduler")
    private ThreadPoolTaskScheduler scheduler;

    private JobClient client;
    private final List<String> jobs = new ArrayList<>();

    @BeforeEach
    void client() {
        client = new JobClient(port);
    }

    @AfterEach
    void cancelJobs() throws Exception {
        for (String job : jobs) {
            client.send("POST", job + "/cancel", null);
        }
    }

    private String submitLongJob() throws Exception {
        String job = client.submit(client.longBody(2000));
        jobs.add(job);
        return job;
    }

    /** A job that runs for longer than any test waits, and one that waits behind it. */
    private String queuedJob() throws Exception {
        String running = submitLongJob();
        client.awaitStatus(running, "RUNNING");
        String queued = submitLongJob();
        assertThat(client.get(queued).get("status").asString()).isEqualTo("QUEUED");
        return queued;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) AT_ONCE.toMillis());
        return socket;
    }

    private static void write(Socket socket, String method, String target) throws IOException {
        String request =
                method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream, */*\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The status line and headers of the next response on the connection; a read timeout fails the test. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads the body as it comes until {@code count} SSE comment lines (":...") were seen; their lines. */
    private static List<String> readComments(InputStream in, int count) throws IOException {
        List<String> comments = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        while (comments.size() < count) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the stream ended after " + comments);
            }
            if (b == '\n') {
                // Chunk sizes are hex digits: a line that starts with ':' is the stream's own.
                if (line.toString().startsWith(":")) {
                    comments.add(line.toString().strip());
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        return comments;
    }

    /** Reads the connection until {@code end} has come; all it read. */
    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after " + read);
            }
            read.write(b);
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    /** Reads a response to GET that has a Content-Length or a chunked body, and returns its head. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        String lower = head.toLowerCase(Locale.ROOT);
        int length = lower.indexOf("content-length:");
        if (length >= 0) {
            int end = lower.indexOf("\r\n", length);
            in.readNBytes(Integer.parseInt(head.substring(length + 15, end).trim()));
        } else if (lower.contains("transfer-encoding: chunked")) {
            while (!readChunk(in)) {
                // next chunk
            }
        }
        return head;
    }

    /** Reads one chunk; whether it was the last. */
    private static boolean readChunk(InputStream in) throws IOException {
        StringBuilder size = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the chunked body ended early");
            }
            size.append((char) b);
        }
        int n = Integer.parseInt(size.toString().strip().split(";")[0], 16);
        in.readNBytes(n + 2);
        return n == 0;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void sendsTheHeadOfAQueuedJobsStreamAtOnce() throws Exception {
        String queued = queuedJob();

        try (Socket socket = connect()) {
            long start = System.nanoTime();
            write(socket, "GET", queued + "/events");
            String head = readHead(socket.getInputStream());

            assertThat(millisSince(start)).isLessThan(AT_ONCE.toMillis());
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head.toLowerCase(Locale.ROOT)).contains("content-type: text/event-stream");
            assertThat(client.get(queued).get("status").asString()).isEqualTo("QUEUED");
        }
    }

    @Test
    void sendsHeartbeatCommentsWhileTheJobWaits() throws Exception {
        String queued = queuedJob();

        try (Socket socket = connect()) {
            write(socket, "GET", queued + "/events");
            readHead(socket.getInputStream());
            // One comment as the stream opens, then one every 200 ms.
            List<String> comments = readComments(socket.getInputStream(), 3);

            assertThat(comments).allSatisfy(comment -> assertThat(comment).startsWith(":"));
            assertThat(client.get(queued).get("status").asString()).isEqualTo("QUEUED");
        }
    }

    @Test
    void answersHeadWithHeadersOnlyAndKeepsTheConnectionForTheNextRequest() throws Exception {
        String queued = queuedJob();
        String running = jobs.get(0);

        try (Socket socket = connect()) {
            InputStream in = socket.getInputStream();
            for (String job : List.of(running, queued)) {
                long start = System.nanoTime();
                write(socket, "HEAD", job + "/events");
                String head = readHead(in);
                write(socket, "GET", job);
                String next = readResponse(in);

                assertThat(millisSince(start)).isLessThan(AT_ONCE.toMillis());
                assertThat(head).startsWith("HTTP/1.1 200");
                assertThat(head.toLowerCase(Locale.ROOT)).contains("content-type: text/event-stream");
                assertThat(next).startsWith("HTTP/1.1 200");
            }
            write(socket, "HEAD", "/api/v1/jobs/00000000-0000-0000-0000-000000000000/events");
            assertThat(readHead(in)).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void stopsTheHeartbeatsOfAClientThatWentAwayAndOfAStreamThatEnded() throws Exception {
        String queued = queuedJob();

        try (Socket socket = connect()) {
            write(socket, "GET", queued + "/events");
            readHead(socket.getInputStream());
            readComments(socket.getInputStream(), 2);
            // A periodic task leaves the scheduler's queue while it runs, so one look can miss it.
            await().atMost(AT_ONCE)
                    .untilAsserted(() -> assertThat(scheduledTasks()).isPositive());
        }
        // The next heartbeat fails to reach the client, and the stream stops its heartbeats.
        await().atMost(AT_ONCE).untilAsserted(() -> assertThat(scheduledTasks()).isZero());

        try (Socket socket = connect()) {
            write(socket, "GET", queued + "/events");
            readHead(socket.getInputStream());
            readComments(socket.getInputStream(), 2);
            client.send("POST", queued + "/cancel", null);
            // The stream ends with the job's end (its last chunk); the connection stays open, the heartbeats stop.
            assertThat(readUntil(socket.getInputStream(), "\r\n0\r\n\r\n")).contains("event:canceled");
            await().atMost(AT_ONCE)
                    .untilAsserted(() -> assertThat(scheduledTasks()).isZero());
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().startsWith("gradfit-events-"))
                .hasSizeLessThanOrEqualTo(2);
    }

    private int scheduledTasks() {
        return scheduler.getScheduledThreadPoolExecutor().getQueue().size();
    }
}
