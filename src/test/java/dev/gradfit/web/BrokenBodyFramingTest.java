package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bodies whose HTTP framing is broken, on a bare socket: Tomcat refuses them while the application reads, and
 * the answer is the same invalid-request problem as any other bad body, naming the body and what is wrong.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokenBodyFramingTest {

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX0\r\n\r\n", "-2\r\n{}\r\n0\r\n\r\n"})
    void answersABrokenChunkAsAnInvalidBody(String chunks) throws Exception {
        Response response = send("/api/v1/models", chunks);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        Map<String, Object> problem = JsonPath.read(response.text(), "$");
        assertThat(problem.get("type")).isEqualTo("https://gradfit.dev/problems/invalid-request");
        // The title every other invalid-request problem has.
        assertThat(problem.get("title")).isEqualTo("Invalid request");
        assertThat(JsonPath.<String>read(response.text(), "$.errors[0].field")).isEqualTo("body");
        assertThat(JsonPath.<String>read(response.text(), "$.errors[0].reason"))
                .contains("chunked")
                .contains("broken");
        assertThat((String) problem.get("detail")).startsWith("Invalid request: body ");
    }

    @Test
    void answersABrokenChunkOnTheProtocolWithItsErrorBody() throws Exception {
        Response response = send("/v2/models/m/infer", "zz\r\n{}\r\n0\r\n\r\n");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        Map<String, Object> error = JsonPath.read(response.text(), "$");
        assertThat(error).containsOnlyKeys("error");
        assertThat((String) error.get("error")).contains("chunked");
    }

    private Response send(String path, String chunks) throws Exception {
        List<String[]> headers = List.of(
                new String[] {"Content-Type", "application/json"}, new String[] {"Transfer-Encoding", "chunked"});
        return new RawHttp(port)
                .send(new Request("POST", path, headers, chunks.getBytes(StandardCharsets.US_ASCII), false));
    }
}
