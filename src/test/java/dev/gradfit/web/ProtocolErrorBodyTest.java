package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Errors on /v2 raised outside the protocol's controller, on a bare socket: HTTP that Tomcat refuses before
 * the application sees it, and an Accept header that allows no JSON. Each is the protocol's
 * {@code {"error": "..."}} in application/json, like every other error there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProtocolErrorBodyTest {

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @ValueSource(strings = {"/v2/models/a%2Fb", "/v2/models/a%00b/ready", "/v2/../../etc"})
    void answersMalformedHttpWithTheProtocolsErrorBody(String target) throws Exception {
        Response response = new RawHttp(port).send(new Request("GET", target, List.of(), null, false));

        assertError(response, 400);
    }

    /**
     * Request lines Tomcat refuses before it has read the path, so that only the raw line says it is the
     * protocol's: one longer than the header buffer, a path of raw UTF-8 bytes (sent here as the bytes'
     * ISO-8859-1 characters), a method that is not a token.
     */
    @ParameterizedTest
    @CsvSource({
        "GET, /v2/models/$LONG",
        "GET, /v2/models/\u00c3\u00a9",
        "GET, /v2/models/\u00c3\u00a9/ready",
        "G@T, /v2"
    })
    void answersAnUnparsedRequestLineWithTheProtocolsErrorBody(String method, String target) throws Exception {
        String line = target.replace("$LONG", "a".repeat(9000));

        Response response = new RawHttp(port).send(new Request(method, line, List.of(), null, false));

        assertError(response, 400);
    }

    @ParameterizedTest
    @CsvSource({"GET, /api/v1/models/$LONG", "GET, /api/v1/models/\u00c3\u00a9", "G@T, /api/v1/models", "G@T, /v2x"})
    void keepsProblemDocumentsForUnparsedRequestLinesElsewhere(String method, String target) throws Exception {
        String line = target.replace("$LONG", "a".repeat(9000));

        Response response = new RawHttp(port).send(new Request(method, line, List.of(), null, false));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/health/live", "/v2/models/m"})
    void answersAnUnreadableHeaderWithTheProtocolsErrorBody(String target) throws Exception {
        List<String[]> headers = List.<String[]>of(new String[] {"Bad Header", "x"});

        Response response = new RawHttp(port).send(new Request("GET", target, headers, null, false));

        assertError(response, 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/problem+json", "image/png"})
    void answersNotAcceptableWithTheProtocolsErrorBody(String accept) throws Exception {
        List<String[]> headers = List.<String[]>of(new String[] {"Accept", accept});

        Response response = new RawHttp(port).send(new Request("GET", "/v2", headers, null, false));

        assertError(response, 406);
        assertThat(response.text()).doesNotContain("problem");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/models/a%2Fb", "/v2x/a%2Fb"})
    void keepsProblemDocumentsElsewhere(String target) throws Exception {
        Response response = new RawHttp(port).send(new Request("GET", target, List.of(), null, false));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.text(), "$.type"))
                .isEqualTo("https://gradfit.dev/problems/malformed-http");
    }

    private static void assertError(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
        Map<String, Object> body = JsonPath.read(response.text(), "$");
        assertThat(body).containsOnlyKeys("error");
        assertThat((String) body.get("error")).isNotBlank();
    }
}
