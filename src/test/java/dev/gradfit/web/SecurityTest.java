package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With an API key and an allowed origin configured. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gradfit.security.api-key=s3cret-key", "gradfit.cors.allowed-origins=https://app.example.com"})
class SecurityTest {

    private static final String FIT = "{\"x\":[1,2,3],\"y\":[2,4,6]}";

    @LocalServerPort
    private int port;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    @Test
    void refusesAnApiRequestWithoutTheKeyWithA401Problem() throws Exception {
        Response response = http.send(Request.json("POST", "/api/v1/models", FIT));

        LimitsTest.assertProblem(response, 401, "unauthorized");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("ApiKey header=\"X-API-Key\"");
    }

    @Test
    void guardsTheModelsOfTheOpenInferenceProtocolAndAnswersInItsErrorBody() throws Exception {
        String infer = "/v2/models/1b0c7c4e-0a9e-4d0c-9a43-5b0b8d7f2f61/infer";
        for (String path : List.of(infer, "/v2/models/1b0c7c4e-0a9e-4d0c-9a43-5b0b8d7f2f61", "/%762/models/x")) {
            Response response = http.send(Request.json("POST", path, "{}"));

            assertThat(response.status()).as(path + " " + response).isEqualTo(401);
            assertThat(response.header("Content-Type")).as(path).isEqualTo("application/json");
            assertThat(JsonPath.<String>read(response.text(), "$.error")).contains("X-API-Key");
        }
        Response withKey = http.send(
                withHeaders("GET", "/v2/models/1b0c7c4e-0a9e-4d0c-9a43-5b0b8d7f2f61", null, "X-API-Key", "s3cret-key"));
        assertThat(withKey.status()).as(withKey.toString()).isEqualTo(404);
        for (String path : List.of("/v2/health/live", "/v2/health/ready", "/v2")) {
            assertThat(http.send(new Request("GET", path, List.of(), null, false))
                            .status())
                    .as(path)
                    .isEqualTo(200);
        }
    }

    @Test
    void guardsThePlotsLikeEveryModelRoute() throws Exception {
        Response response = http.send(withHeaders(
                "GET", "/api/v1/models/" + UUID.randomUUID() + "/plots/fit.svg", null, "Accept", "image/svg+xml"));

        LimitsTest.assertProblem(response, 401, "unauthorized");
    }

    @Test
    void refusesAWrongKey() throws Exception {
        Response response = http.send(withHeaders("GET", "/api/v1/models", null, "X-API-Key", "s3cret-kez"));

        LimitsTest.assertProblem(response, 401, "unauthorized");
    }

    @Test
    void acceptsTheRightKey() throws Exception {
        Response response = http.send(withHeaders(
                "POST", "/api/v1/models", FIT, "X-API-Key", "s3cret-key", "Content-Type", "application/json"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void guardsTheApiUnderEveryEncodingOfItsPath() throws Exception {
        for (String path : List.of("/%61pi/v1/models", "/api;x=1/v1/models", "/./api/v1/models", "//api/v1/models")) {
            Response response = http.send(new Request("GET", path, List.of(), null, false));

            assertThat(response.status()).as(path + " " + response).isIn(400, 401, 404);
        }
    }

    @Test
    void leavesHealthOpen() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(http.send(new Request("GET", path, List.of(), null, false))
                            .status())
                    .as(path)
                    .isEqualTo(200);
        }
    }

    @Test
    void describesTheKeyInTheApiDocsForSwaggerUi() throws Exception {
        Response docs = http.send(new Request("GET", "/v3/api-docs", List.of(), null, false));

        assertThat(docs.status()).isEqualTo(200);
        assertThat(JsonPath.<String>read(docs.text(), "$.components.securitySchemes.apiKey.name"))
                .isEqualTo("X-API-Key");
    }

    @Test
    void allowsTheConfiguredOriginOnly() throws Exception {
        Response allowed = http.send(preflight("https://app.example.com"));
        Response other = http.send(preflight("https://evil.example.net"));

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        assertThat(other.status()).isEqualTo(403);
    }

    private static Request preflight(String origin) {
        return withHeaders(
                "OPTIONS",
                "/api/v1/models",
                null,
                "Origin",
                origin,
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "content-type,x-api-key");
    }

    static Request withHeaders(String method, String path, String body, String... headers) {
        List<String[]> list = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(new String[] {headers[i], headers[i + 1]});
        }
        return new Request(method, path, list, body == null ? null : body.getBytes(StandardCharsets.UTF_8), false);
    }
}
