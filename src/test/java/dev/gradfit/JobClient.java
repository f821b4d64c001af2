package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the job endpoints over real HTTP, and the fit bodies the job tests send. */
final class JobClient {

    /** Long enough for any job of these tests on a busy machine; a test that waits longer has failed. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    JobClient(int port) {
        this.port = port;
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(PATIENCE)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return read(response);
    }

    /** Submits a job and returns its path, checking the 202 and its Location. */
    String submit(String body) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/jobs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode job = read(response);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/api/v1/jobs/" + job.get("id").asString());
        assertThat(job.get("status").asString()).isEqualTo("QUEUED");
        return location;
    }

    /** Polls the job until its status is one of {@code statuses}, and returns it then. */
    JsonNode awaitStatus(String job, String... statuses) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            last.set(get(job));
            assertThat(last.get().get("status").asString()).isIn((Object[]) statuses);
        });
        return last.get();
    }

    /** A fit through POST /api/v1/models; the 201 body. */
    JsonNode fit(String body) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/models", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response);
    }

    /** One Server-Sent Event: its id, its name, and its data as JSON. */
    record Event(long id, String name, JsonNode data) {

        boolean isEnd() {
            return !name.equals("progress");
        }
    }

    /** What an event stream answered: its status, Content-Type and the events read. */
    record EventStream(int status, String contentType, List<Event> events) {}

    /**
     * Reads the job's event stream until the server ends it, or until {@code limit} events have come (then the
     * client hangs up, as a client that loses its connection does).
     */
    EventStream events(String job, Long lastEventId, int limit) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + job + "/events"))
                .timeout(PATIENCE)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<java.util.stream.Stream<String>> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        List<Event> events = new ArrayList<>();
        try (java.util.stream.Stream<String> lines = response.body()) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (Iterator<String> it = lines.iterator(); it.hasNext() && events.size() < limit; ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!fields.isEmpty()) {
                        events.add(new Event(
                                Long.parseLong(fields.get("id")),
                                fields.get("event"),
                                json.readTree(fields.get("data"))));
                        fields.clear();
                    }
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    fields.merge(line.substring(0, colon), line.substring(colon + 1), (a, b) -> a + "\n" + b);
                }
            }
        }
        return new EventStream(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                events);
    }

    /** The JSON of a fit body. */
    String body(Map<String, Object> fields) {
        return json.writeValueAsString(fields);
    }

    /**
     * Two features of different scales, seeded noise, and settings that exercise every source of nondeterminism
     * a fit could have: shuffled mini-batches, Adam, a step schedule, standardization, snapshots.
     */
    String richBody(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 80;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextDouble(-2, 2), random.nextDouble(0, 500)};
            y[i] = 1.5 - 2 * x[i][0] + 0.01 * x[i][1] + random.nextGaussian();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x", x);
        body.put("y", y);
        body.put("optimizer", Map.of("type", "adam"));
        body.put("schedule", Map.of("type", "step", "factor", 0.5, "every", 100));
        body.put("learningRate", 0.05);
        body.put("epochs", 400);
        body.put("batchSize", 16);
        body.put("seed", 7);
        body.put("standardize", true);
        body.put("snapshotEpochs", new int[] {10, 100, 400});
        body.put("returnLearningRates", true);
        return body(body);
    }

    /**
     * A logistic fit of {@code points} points and a million epochs: no shortcut makes its epochs cheap, so it
     * runs for many seconds, longer than any test waits for it.
     */
    String longBody(int points) {
        SplittableRandom random = new SplittableRandom(5);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = random.nextDouble(-3, 3);
            y[i] = x[i] + random.nextGaussian() > 0 ? 1 : 0;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x", x);
        body.put("y", y);
        body.put("loss", Map.of("type", "logistic"));
        body.put("learningRate", 0.1);
        body.put("epochs", 1_000_000);
        return body(body);
    }

    /** Plain descent far above its stable rate on features in the thousands: diverges in a few epochs. */
    static final String DIVERGING = "{\"x\":[1000,2000,3000,4000,5000],\"y\":[6,8,10,12,14],\"learningRate\":1}";
}
