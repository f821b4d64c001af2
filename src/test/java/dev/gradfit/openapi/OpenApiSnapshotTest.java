package dev.gradfit.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * docs/openapi.json is the live {@code /v3/api-docs}, in canonical form: the build generates the Java
 * client that GeneratedClientTest uses from that file, so the client follows the real document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiSnapshotTest {

    /** Relative to the project directory, where Maven runs the tests. */
    static final Path SNAPSHOT = Path.of("docs", "openapi.json");

    static final String REWRITE = "./mvnw test -Dtest=OpenApiSnapshotTest -Dgradfit.openapi.write=true";

    @LocalServerPort
    private int port;

    @Test
    void committedDocumentIsTheLiveOne() throws Exception {
        JsonNode live = liveDocument();
        String canonical = CanonicalJson.write(live);
        if (Boolean.getBoolean("gradfit.openapi.write")) {
            Files.writeString(SNAPSHOT, canonical, StandardCharsets.UTF_8);
        }

        assertThat(SNAPSHOT)
                .as("the OpenAPI snapshot; create it with: " + REWRITE)
                .exists();
        String committed = Files.readString(SNAPSHOT, StandardCharsets.UTF_8);
        if (!committed.equals(canonical)) {
            String where = CanonicalJson.firstDifference(CanonicalJson.parse(committed), live)
                    .orElse("the same JSON in another layout (not canonical)");
            fail(
                    "%s differs from the live /v3/api-docs; first difference at %s%nRewrite it with: %s",
                    SNAPSHOT, where, REWRITE);
        }
    }

    private JsonNode liveDocument() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return CanonicalJson.parse(response.body());
    }
}
