package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.GradfitApplication;
import dev.gradfit.api.request.BulkArrayJsonConfig;
import dev.gradfit.formats.json.NumberArrayWriter;
import dev.gradfit.web.ApiKeyFilter;
import dev.gradfit.web.ContentTypeFilter;
import dev.gradfit.web.RequestBodyFilter;
import dev.gradfit.web.RequestIdFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prediction fast path against Spring MVC alone: the same requests, over real HTTP, to this server and to
 * one started with {@code gradfit.http.fast-predictions=false}, get the same status, media type and body
 * (model ids aside), whether the fast path answers them or hands them on.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.tomcat.connection-timeout=2s")
class PredictionFastPathTest {

    private static final String LINEAR =
            "{\"x\": [1, 2, 3, 4], \"y\": [6, 8, 10, 12], \"learningRate\": 0.1, " + "\"epochs\": 3000}";
    private static final String LOGISTIC = "{\"x\": [0, 1, 2, 3, 4, 5], \"y\": [0, 0, 1, 0, 1, 1], "
            + "\"loss\": \"logistic\", \"learningRate\": 0.5, \"epochs\": 200}";
    private static final String NAMED = "{\"x\": [[1, 2], [2, 1], [3, 5], [4, 3]], \"y\": [13, 10, 28, 21], "
            + "\"featureNames\": [\"a\", \"b\"], \"learningRate\": 0.01, \"epochs\": 100}";

    private static ConfigurableApplicationContext plain;
    private static int plainPort;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private FilterRegistrationBean<PredictionFastPath> registration;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private List<FilterRegistrationBean<?>> filters;

    @BeforeAll
    static void startSpringMvcAlone() {
        plain = new SpringApplicationBuilder(GradfitApplication.class)
                .run(
                        "--server.port=0",
                        "--gradfit.http.fast-predictions=false",
                        "--server.tomcat.connection-timeout=2s");
        plainPort = ((WebServerApplicationContext) plain).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        plain.close();
    }

    record Call(String name, String method, String model, String suffix, Map<String, String> headers, String body) {}

    @Test
    void answersAsSpringMvcDoes() throws Exception {
        Map<String, String> fast = models(port);
        Map<String, String> slow = models(plainPort);
        String big = "{\"x\": [" + "1.25, ".repeat(8000) + "2]}";
        Map<String, String> jsonType = Map.of("Content-Type", "application/json");
        List<Call> calls = new ArrayList<>();
        for (String[] body : new String[][] {
            {"one value", "{\"x\": [2.5]}"},
            {"several values", "{\"x\": [0, -2.5, 1e300, 4.9e-324, -0.0]}"},
            {"a prediction past the largest double", "{\"x\": [1, 1e308]}"},
            {"spaces and an exponent", " { \"x\" : [ 25E-1 ] } "},
            {"malformed", "{\"x\": [2.5],}"},
            {"cut short", "{\"x\": [2.5"},
            {"trailing tokens", "{\"x\": [2.5]} {}"},
            {"no x", "{}"},
            {"x null", "{\"x\": null}"},
            {"unknown field", "{\"x\": [1], \"y\": [2]}"},
            {"duplicate x", "{\"x\": [1], \"x\": [2]}"},
            {"a string", "{\"x\": [\"1\"]}"},
            {"out of range", "{\"x\": [1e400]}"},
            {"an array body", "[1, 2]"},
            {"null body", "null"},
            {"threshold on a linear model", "{\"x\": [1], \"threshold\": 0.3}"},
            {"rows for one feature", "{\"x\": [[1, 2]]}"},
            {"no points", "{\"x\": []}"},
            {"bulk-sized body", big}
        }) {
            calls.add(new Call(body[0], "POST", "linear", "", jsonType, body[1]));
        }
        // Under the fast path's body limit, but answers long enough to be written in chunks.
        String longAnswer = "{\"x\": [" + "1,".repeat(NumberArrayWriter.MIN_VALUES) + "2]}";
        calls.add(new Call("a long answer to a small body", "POST", "linear", "", jsonType, longAnswer));
        calls.add(new Call("long logistic answers", "POST", "logistic", "", jsonType, longAnswer));
        calls.add(new Call("logistic", "POST", "logistic", "", jsonType, "{\"x\": [0.5, 2.5, 4]}"));
        calls.add(
                new Call("logistic threshold", "POST", "logistic", "", jsonType, "{\"x\": [2.5], \"threshold\": 0.3}"));
        calls.add(new Call("threshold 1", "POST", "logistic", "", jsonType, "{\"x\": [2.5], \"threshold\": 1}"));
        calls.add(new Call("rows", "POST", "named", "", jsonType, "{\"x\": [[1, 2], [3, 4]]}"));
        calls.add(new Call("named rows", "POST", "named", "", jsonType, "{\"x\": [{\"b\": 2, \"a\": 1}]}"));
        calls.add(new Call("a missing name", "POST", "named", "", jsonType, "{\"x\": [{\"a\": 1}]}"));
        calls.add(new Call("three features", "POST", "named", "", jsonType, "{\"x\": [[1, 2, 3]]}"));
        String one = "{\"x\": [2.5]}";
        calls.add(new Call("unknown model", "POST", "unknown", "", jsonType, one));
        calls.add(new Call("upper-case id", "POST", "LINEAR", "", jsonType, one));
        calls.add(new Call("not a UUID", "POST", "not-a-uuid", "", jsonType, one));
        calls.add(new Call("query string", "POST", "linear", "?threshold=0.2", jsonType, one));
        calls.add(new Call("trailing slash", "POST", "linear", "/", jsonType, one));
        calls.add(new Call("GET", "GET", "linear", "", Map.of(), null));
        calls.add(new Call("PUT", "PUT", "linear", "", jsonType, one));
        calls.add(new Call("text/plain", "POST", "linear", "", Map.of("Content-Type", "text/plain"), one));
        calls.add(new Call("no Content-Type", "POST", "linear", "", Map.of(), one));
        calls.add(new Call(
                "charset", "POST", "linear", "", Map.of("Content-Type", "application/json; charset=utf-8"), one));
        calls.add(new Call(
                "UTF-16",
                "POST",
                "linear",
                "",
                Map.of("Content-Type", "application/json;charset=UTF-16"),
                "\uFEFF" + one));
        for (String accept : new String[] {
            "*/*",
            "application/json",
            "application/*",
            "text/html",
            "application/xml",
            "application/json;q=0, */*",
            "text/html, application/json;q=0.5"
        }) {
            calls.add(new Call(
                    "Accept " + accept,
                    "POST",
                    "linear",
                    "",
                    Map.of("Content-Type", "application/json", "Accept", accept),
                    one));
        }
        calls.add(new Call("empty body", "POST", "linear", "", jsonType, ""));
        calls.add(new Call("chunked", "POST", "linear", "", jsonType, "chunked:" + one));

        for (Call call : calls) {
            HttpResponse<String> answer = send(port, fast, call);
            HttpResponse<String> expected = send(plainPort, slow, call);
            assertThat(summary(answer, fast)).as(call.name()).isEqualTo(summary(expected, slow));
        }
    }

    @Test
    void answersTheCommonCaseItselfAndHandsOnTheRestWithTheBodyItRead() throws Exception {
        PredictionFastPath path = registration.getFilter();
        String id = models(port).get("linear");
        byte[] body = "{\"x\": [2.5]}".getBytes(StandardCharsets.UTF_8);

        MockHttpServletResponse answered = new MockHttpServletResponse();
        AtomicReference<byte[]> handedOn = new AtomicReference<>();
        path.doFilter(prediction(id, body), answered, new MockFilterChain());
        assertThat(answered.getStatus()).isEqualTo(200);
        assertThat(answered.getContentType()).isEqualTo("application/json");
        // The model of y = 2x + 4, fitted to convergence: 2 · 2.5 + 4.
        assertThat(json.readTree(answered.getContentAsString())
                        .at("/predictions/0")
                        .asDouble())
                .isCloseTo(9.0, within(1e-9));

        byte[] malformed = "{\"x\": [2.5],}".getBytes(StandardCharsets.UTF_8);
        MockHttpServletResponse passed = new MockHttpServletResponse();
        path.doFilter(
                prediction(id, malformed),
                passed,
                (request, response) -> handedOn.set(request.getInputStream().readAllBytes()));
        assertThat(handedOn.get()).isEqualTo(malformed);
        assertThat(passed.getContentLength()).isZero();

        // A prediction the controller refuses is answered here, by the exception handlers, not tried twice.
        MockHttpServletResponse refused = new MockHttpServletResponse();
        path.doFilter(prediction("0f2d6c1e-93a4-4a7e-8a55-3f1c2b7d9e10", body), refused, (request, response) -> {
            throw new AssertionError("handed on");
        });
        assertThat(refused.getStatus()).isEqualTo(404);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
    }

    /** An answer of many values from a small body is written as Spring MVC writes it: its arrays in chunks. */
    @Test
    void writesALongAnswerInChunks() throws Exception {
        PredictionFastPath path = registration.getFilter();
        String id = models(port).get("linear");
        byte[] body =
                ("{\"x\": [" + "1,".repeat(NumberArrayWriter.MIN_VALUES) + "2]}").getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isLessThan((int) BulkArrayJsonConfig.MIN_BYTES);
        double before = chunkedWrites();

        MockHttpServletResponse answered = new MockHttpServletResponse();
        path.doFilter(prediction(id, body), answered, (request, response) -> {
            throw new AssertionError("handed on");
        });
        assertThat(answered.getStatus()).isEqualTo(200);
        assertThat(answered.getContentType()).isEqualTo("application/json");
        assertThat(chunkedWrites() - before).isEqualTo(1);
        JsonNode predictions = json.readTree(answered.getContentAsString()).get("predictions");
        assertThat(predictions.size()).isEqualTo(NumberArrayWriter.MIN_VALUES + 1);
        // The model of y = 2x + 4, fitted to convergence.
        assertThat(predictions.get(0).asDouble()).isCloseTo(6.0, within(1e-9));
        assertThat(predictions.get(NumberArrayWriter.MIN_VALUES).asDouble()).isCloseTo(8.0, within(1e-9));
    }

    private double chunkedWrites() {
        Counter counter =
                meters.find(NumberArrayWriter.METER).tags("writer", "chunked").counter();
        return counter == null ? 0 : counter.count();
    }

    /** A JSON number cannot be infinite: a point whose prediction overflows is refused, by name. */
    @Test
    void refusesAPredictionBeyondTheRangeOfADouble() throws Exception {
        HttpResponse<String> answer = send(
                port,
                models(port),
                new Call("", "POST", "linear", "", Map.of("Content-Type", "application/json"), "{\"x\": [1, 1e308]}"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json.readTree(answer.body()).at("/errors/0/field").asString())
                .isEqualTo("x[1]");
    }

    /** The request id, body guard, Content-Type check and API key apply to every prediction it answers. */
    @Test
    void runsAfterEveryRequestFilter() {
        List<Class<?>> guards =
                List.of(RequestIdFilter.class, RequestBodyFilter.class, ContentTypeFilter.class, ApiKeyFilter.class);
        List<FilterRegistrationBean<?>> before = filters.stream()
                .filter(filter -> guards.contains(filter.getFilter().getClass()))
                .toList();
        assertThat(before).hasSize(guards.size());
        assertThat(before).allSatisfy(filter -> assertThat(filter.getOrder()).isLessThan(registration.getOrder()));
        assertThat(registration.isEnabled()).isTrue();
        assertThat(registration.getUrlPatterns()).containsExactly("/api/v1/models/*");
    }

    @Test
    void aBodyThatStopsArrivingIsTheSame408() throws Exception {
        Map<String, String> fast = models(port);
        Map<String, String> slow = models(plainPort);
        assertThat(normalise(stalled(port, fast.get("linear")), fast))
                .startsWith("HTTP/1.1 408")
                .isEqualTo(normalise(stalled(plainPort, slow.get("linear")), slow));
    }

    @Test
    void timesEachPredictionOnceUnderItsRoute() throws Exception {
        Map<String, String> ids = models(port);
        Timer answered = timer("200");
        long before = answered == null ? 0 : answered.count();
        Timer refused = timer("400");
        long refusedBefore = refused == null ? 0 : refused.count();
        Map<String, String> jsonType = Map.of("Content-Type", "application/json");
        for (int i = 0; i < 7; i++) {
            assertThat(send(port, ids, new Call("", "POST", "linear", "", jsonType, "{\"x\": [1]}"))
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(send(port, ids, new Call("", "POST", "linear", "", jsonType, "{\"x\": 1,}"))
                        .statusCode())
                .isEqualTo(400);

        assertThat(timer("200").count() - before).isEqualTo(7);
        assertThat(timer("400").count() - refusedBefore).isEqualTo(1);
    }

    private Timer timer(String status) {
        return meters.find("http.server.requests")
                .tags("uri", PredictionFastPath.PATH_PATTERN, "method", "POST", "status", status)
                .tag("outcome", status.equals("200") ? "SUCCESS" : "CLIENT_ERROR")
                .tags("exception", "none", "error", "none")
                .timer();
    }

    private static MockHttpServletRequest prediction(String id, byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/models/" + id + "/predictions");
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }

    /** The model ids of a server: three models fitted once, and one id that names none. */
    private Map<String, String> models(int port) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, String> fit :
                Map.of("linear", LINEAR, "logistic", LOGISTIC, "named", NAMED).entrySet()) {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(fit.getValue()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            ids.put(fit.getKey(), json.readTree(created.body()).get("id").asString());
        }
        ids.put("LINEAR", ids.get("linear").toUpperCase());
        ids.put("unknown", "0f2d6c1e-93a4-4a7e-8a55-3f1c2b7d9e10");
        ids.put("not-a-uuid", "not-a-uuid");
        return ids;
    }

    private HttpResponse<String> send(int port, Map<String, String> ids, Call call) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/models/" + ids.get(call.model()) + "/predictions"
                + call.suffix());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        call.headers().forEach(request::header);
        HttpRequest.BodyPublisher body;
        if (call.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (call.body().startsWith("chunked:")) {
            byte[] bytes = call.body().substring("chunked:".length()).getBytes(StandardCharsets.UTF_8);
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            boolean utf16 = call.headers().getOrDefault("Content-Type", "").contains("UTF-16");
            body = HttpRequest.BodyPublishers.ofByteArray(
                    call.body().getBytes(utf16 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8));
        }
        request.method(call.method(), body);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String summary(HttpResponse<String> response, Map<String, String> ids) {
        StringJoiner lines = new StringJoiner("\n");
        lines.add(String.valueOf(response.statusCode()));
        for (String header : List.of("Content-Type", "Allow", "Retry-After", "Connection")) {
            response.headers().firstValue(header).ifPresent(value -> lines.add(header + ": " + value));
        }
        lines.add(response.body());
        return normalise(lines.toString(), ids);
    }

    private static String normalise(String text, Map<String, String> ids) {
        for (Map.Entry<String, String> id : ids.entrySet()) {
            text = text.replace(id.getValue(), "{" + id.getKey() + "}");
        }
        return text.replaceAll("(?m)^(X-Request-Id|Date): .*$", "$1: …");
    }

    /** A prediction whose body stops after a few bytes: the status line and headers of its answer, and the body. */
    private static String stalled(int port, String id) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/models/" + id + "/predictions HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"x\": [")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.replaceAll("(?m)^(X-Request-Id|Date): .*$", "$1: …");
        }
    }
}
