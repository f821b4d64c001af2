package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Random and malformed requests (see {@link HostileRequests}) to every endpoint of a real server: none
 * may get a 5xx, every 4xx must be a problem document that quotes nothing, and a normal fit must still
 * work afterwards. Each case is one seed; a failing one reruns alone as {@code new HostileRequests(seed,
 * id)}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputFuzzTest {

    /** More with -Dgradfit.fuzz.cases=N; the seeds are 1..N, so a longer run includes the shorter. */
    private static final int CASES = Integer.getInteger("gradfit.fuzz.cases", 600);

    @LocalServerPort
    private int port;

    @TestFactory
    Stream<DynamicTest> survivesRandomAndMalformedRequests() throws Exception {
        RawHttp http = new RawHttp(port);
        String modelId = fit(http);
        Stream<DynamicTest> cases = LongStream.rangeClosed(1, CASES).mapToObj(seed -> {
            Request request = new HostileRequests(seed, modelId).next();
            String name = "seed " + seed + ": " + request.method() + " " + abbreviate(request.target());
            return DynamicTest.dynamicTest(name, () -> assertAnsweredSafely(request, http.send(request)));
        });
        Stream<DynamicTest> afterwards =
                Stream.of(DynamicTest.dynamicTest("a normal fit still works afterwards", () -> fit(http)));
        return Stream.concat(cases, afterwards);
    }

    static void assertAnsweredSafely(Request request, Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(100, 499);
        if (response.status() >= 400 && !request.method().equals("HEAD") && onProtocolPath(request)) {
            // The Open Inference Protocol's own error body.
            assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
            Map<String, Object> error = JsonPath.read(response.text(), "$");
            assertThat(error).as(response.toString()).containsOnlyKeys("error");
            assertThat(response.text()).as(response.toString()).doesNotContain("<", ">");
        } else if (response.status() >= 400 && !request.method().equals("HEAD")) {
            assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
            Map<String, Object> problem = JsonPath.read(response.text(), "$");
            assertThat(problem.get("status")).as(response.toString()).isEqualTo(response.status());
            assertThat((String) problem.get("type")).startsWith("https://gradfit.dev/problems/");
            // Nothing from the request comes back unescaped: no markup, no control characters.
            assertThat(response.text()).as(response.toString()).doesNotContain("<", ">");
            assertThat(response.text().chars().filter(c -> c < 0x20)).isEmpty();
        }
    }

    private static boolean onProtocolPath(Request request) {
        return request.target().equals("/v2")
                || request.target().startsWith("/v2/")
                || request.target().startsWith("/v2?");
    }

    private static String fit(RawHttp http) throws Exception {
        Response response = http.send(Request.json(
                "POST", "/api/v1/models", "{\"x\":[1,2,3,4,5],\"y\":[6,8,10,12,14],\"learningRate\":0.05}"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return JsonPath.read(response.text(), "$.id");
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
