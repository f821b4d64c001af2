package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Query strings Tomcat cannot decode, sent as they are on a bare socket (a client library would encode the
 * {@code %} again): a 400 naming the parameter on every route, whether the route reads parameters or not, and
 * on /v2 the protocol's error body. A parameter given twice is refused the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MalformedQueryTest {

    private static final String NOT_UTF8 = "is not valid percent-encoded UTF-8";
    private static final String REPEATED = "is given more than once; give each parameter once";

    @LocalServerPort
    private int port;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/v1/models?page=%F6            | page",
                "/api/v1/models?size=%F6            | size",
                "/api/v1/models?page=1&size=%E2%82  | size",
                "/api/v1/models?page=%zz            | page",
                "/api/v1/models?page=%              | page",
                "/api/v1/models?page=%ED%A0%80      | page",
                "/api/v1/models?%=1                 | query",
                "/api/v1/models?%F6=1               | query",
                "/api/v1/jobs/00000000-0000-4000-8000-000000000000?x=%F6 | x",
                "/actuator/health?x=%F6             | x",
                "/?x=%F6                            | x"
            })
    void refusesAQueryThatIsNotPercentEncodedUtf8(String target, String field) throws Exception {
        Response response = http.send(new Request("GET", target, List.of(), null, false));

        assertInvalid(response, field, NOT_UTF8);
    }

    @Test
    void refusesAParameterWithoutAName() throws Exception {
        Response response = http.send(new Request("GET", "/api/v1/models?=1", List.of(), null, false));

        assertInvalid(response, "query", "has a parameter without a name");
    }

    @Test
    void refusesABadWidthOfAPlot() throws Exception {
        String id = fit();

        Response response = http.send(
                new Request("GET", "/api/v1/models/" + id + "/plots/fit.svg?width=%F6", List.of(), null, false));

        assertInvalid(response, "width", NOT_UTF8);
    }

    @Test
    void refusesABadTargetOfACsvUpload() throws Exception {
        String form = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nx,y\n1,2\n2,4\n\r\n--b--\r\n";
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "multipart/form-data; boundary=b"});

        Response response = http.send(new Request(
                "POST", "/api/v1/models?target=%F6", headers, form.getBytes(StandardCharsets.UTF_8), false));

        assertInvalid(response, "target", NOT_UTF8);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET  | /api/v1/models?page=1&page=2                      | page",
                "GET  | /api/v1/models?size=&size=5                       | size",
                "GET  | /api/v1/jobs?page=0&size=1&size=2                 | size",
                "POST | /api/v1/models?target=y&target=x                  | target",
                "POST | /api/v1/jobs?options=%7B%7D&options=%7B%7D        | options"
            })
    void refusesAParameterGivenTwice(String method, String target, String field) throws Exception {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "application/vnd.apache.arrow.stream"});
        byte[] body = method.equals("POST") ? new byte[] {1, 2, 3} : null;

        Response response = http.send(new Request(method, target, headers, body, false));

        assertInvalid(response, field, REPEATED);
    }

    @Test
    void refusesARepeatedWidthOfAPlotAndTargetOfACsvUpload() throws Exception {
        String id = fit();
        String form = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nx,y\n1,2\n2,4\n\r\n--b--\r\n";
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Content-Type", "multipart/form-data; boundary=b"});

        Response plot = http.send(new Request(
                "GET", "/api/v1/models/" + id + "/plots/fit.svg?width=900&width=300", List.of(), null, false));
        Response upload = http.send(new Request(
                "POST", "/api/v1/models?target=y&target=x", headers, form.getBytes(StandardCharsets.UTF_8), false));

        assertInvalid(plot, "width", REPEATED);
        assertInvalid(upload, "target", REPEATED);
    }

    @Test
    void letsTheActuatorTakeAParameterItRepeatsByDesign() throws Exception {
        Response scrape = http.send(new Request(
                "GET",
                "/actuator/prometheus?includedNames=jvm_threads_live_threads&includedNames=process_uptime_seconds",
                List.of(),
                null,
                false));

        assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
        assertThat(new String(scrape.body(), StandardCharsets.UTF_8))
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds");
    }

    @Test
    void keepsAcceptingWhatTomcatDecodes() throws Exception {
        Response response =
                http.send(new Request("GET", "/api/v1/models?page=0&&size=5&note=%C3%A9+t", List.of(), null, false));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/v2?%=1                  | Invalid request: query " + NOT_UTF8 + ".",
                "/v2/health/live?%=1      | Invalid request: query " + NOT_UTF8 + ".",
                "/v2/models/m?page=%F6    | Invalid request: page " + NOT_UTF8 + ".",
                "/v2/models/m?a=1&a=2     | Invalid request: a " + REPEATED + ".",
                "/v2/health/ready?a&a     | Invalid request: a " + REPEATED + "."
            })
    void answersTheProtocolsErrorBodyOnV2(String target, String error) throws Exception {
        Response response = http.send(new Request("GET", target, List.of(), null, false));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(JsonPath.<String>read(response.text(), "$.error")).isEqualTo(error);
    }

    private String fit() throws Exception {
        Response fit = http.send(Request.json("POST", "/api/v1/models", "{\"x\":[1,2,3],\"y\":[2,4,6]}"));
        assertThat(fit.status()).as(fit.toString()).isEqualTo(201);
        return JsonPath.read(fit.text(), "$.id");
    }

    private static void assertInvalid(Response response, String field, String reason) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.<String>read(response.text(), "$.type"))
                .isEqualTo("https://gradfit.dev/problems/invalid-request");
        assertThat(JsonPath.<String>read(response.text(), "$.errors[0].field")).isEqualTo(field);
        assertThat(JsonPath.<String>read(response.text(), "$.errors[0].reason")).isEqualTo(reason);
        assertThat(JsonPath.<String>read(response.text(), "$.detail"))
                .isEqualTo("Invalid request: " + field + " " + reason + ".");
    }
}
