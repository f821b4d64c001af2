package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What Tomcat answers 501 before the application sees the request, on a bare socket: a problem of type
 * http-501, as the README's table of errors says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotImplementedHttpTest {

    @LocalServerPort
    private int port;

    @Test
    void answersATransferEncodingItDoesNotImplementWithAProblem() throws Exception {
        List<String[]> headers = List.<String[]>of(
                new String[] {"Content-Type", "application/json"}, new String[] {"Transfer-Encoding", "gzip"});

        Response response = new RawHttp(port)
                .send(new Request("POST", "/api/v1/models", headers, "{}".getBytes(StandardCharsets.UTF_8), false));

        assertNotImplemented(response);
    }

    @Test
    void answersConnectWithAProblem() throws Exception {
        Response response = new RawHttp(port).send(new Request("CONNECT", "localhost:80", List.of(), null, false));

        assertNotImplemented(response);
    }

    @Test
    void theReadmeListsTheProblem() throws Exception {
        assertThat(Files.readString(Path.of("README.md"))).contains("| 501 | `http-501` |");
    }

    private static void assertNotImplemented(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(501);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.text(), "$.type")).isEqualTo("https://gradfit.dev/problems/http-501");
    }
}
