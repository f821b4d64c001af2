package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hand-picked nasty requests, kept in {@code hostile/requests.json}: each names its method, path, headers
 * and body (as text, as base64 for bytes that are not UTF-8, or as a unit repeated many times) and the
 * status it must get; {@code {model}} in a path stands for a model that exists, a path is sent as its UTF-8
 * bytes, raw, and {@code pathRepeat} appends a unit repeated many times to it. Every refusal must also be a
 * problem document that quotes nothing back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRequestCorpusTest {

    private static final String CORPUS = "/hostile/requests.json";

    @LocalServerPort
    private int port;

    private RawHttp http;
    private String modelId;

    @BeforeEach
    void fitAModel() throws Exception {
        http = new RawHttp(port);
        Response fit = http.send(Request.json("POST", "/api/v1/models", "{\"x\":[1,2,3],\"y\":[2,4,6]}"));
        assertThat(fit.status()).as(fit.toString()).isEqualTo(201);
        modelId = JsonPath.read(fit.text(), "$.id");
    }

    static Stream<Arguments> corpus() throws IOException {
        try (InputStream in = HostileRequestCorpusTest.class.getResourceAsStream(CORPUS)) {
            JsonNode entries = JsonMapper.shared().readTree(in);
            List<Arguments> arguments = new ArrayList<>();
            entries.forEach(
                    entry -> arguments.add(Arguments.of(entry.get("name").asString(), entry)));
            return arguments.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answersEachNastyRequestAsExpected(String name, JsonNode entry) throws Exception {
        Request request = request(entry);

        Response response = http.send(request);

        assertThat(response.status())
                .as(response.toString())
                .isEqualTo(entry.get("status").asInt());
        HostileInputFuzzTest.assertAnsweredSafely(request, response);
        if (entry.hasNonNull("type")) {
            assertThat(JsonPath.<String>read(response.text(), "$.type"))
                    .isEqualTo(
                            "https://gradfit.dev/problems/" + entry.get("type").asString());
        }
    }

    private Request request(JsonNode entry) {
        byte[] body = null;
        if (entry.has("body")) {
            body = entry.get("body").asString().getBytes(StandardCharsets.UTF_8);
        } else if (entry.has("bodyBase64")) {
            body = Base64.getDecoder().decode(entry.get("bodyBase64").asString());
        } else if (entry.has("repeat")) {
            JsonNode repeat = entry.get("repeat");
            body = (repeat.get("head").asString()
                            + repeat.get("unit")
                                    .asString()
                                    .repeat(repeat.get("times").asInt())
                            + repeat.get("tail").asString())
                    .getBytes(StandardCharsets.UTF_8);
        }
        List<String[]> headers = new ArrayList<>();
        if (entry.has("headers")) {
            entry.get("headers")
                    .properties()
                    .forEach(h ->
                            headers.add(new String[] {h.getKey(), h.getValue().asString()}));
        } else if (body != null) {
            headers.add(new String[] {"Content-Type", "application/json"});
        }
        String path = entry.get("path").asString().replace("{model}", modelId);
        if (entry.has("pathRepeat")) {
            JsonNode repeat = entry.get("pathRepeat");
            path += repeat.get("unit").asString().repeat(repeat.get("times").asInt());
        }
        // RawHttp writes the request line as ISO-8859-1: these characters are the path's UTF-8 bytes.
        String bytes = new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return new Request(entry.get("method").asString(), bytes, headers, body, false);
    }
}
