package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.gradfit.web.RawHttp;
import dev.gradfit.web.RawHttp.Request;
import dev.gradfit.web.RawHttp.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * gradfit.fit.max-snapshot-values, set to 20 here, on every way a fit is asked for. With 3 features a
 * snapshot holds 4 weights: 5 distinct epochs make 20 values (the limit), 6 make 24.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gradfit.fit.max-snapshot-values=20")
class SnapshotLimitTest {

    private static final String X = "[[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1], [2, 1, 0]]";
    private static final String Y = "[1, 2, 3, 6, 4]";
    private static final String FIVE = "[1, 2, 3, 4, 5, 5, 5]";
    private static final String SIX = "[1, 2, 3, 4, 5, 6]";

    @LocalServerPort
    private int port;

    @Test
    void keepsSnapshotsUpToTheLimitCountingRepeatedEpochsOnce() throws Exception {
        Response fitted = post("/api/v1/models", fit(FIVE));

        assertThat(fitted.status()).as(fitted.toString()).isEqualTo(201);
        assertThat(JsonPath.<List<Integer>>read(fitted.text(), "$.snapshots[*].epoch"))
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(JsonPath.<List<Object>>read(fitted.text(), "$.snapshots[4].coefficients"))
                .hasSize(3);
    }

    @Test
    void refusesMoreSnapshotValuesThanTheLimitNamingTheField() throws Exception {
        assertRefused(post("/api/v1/models", fit(SIX)));
    }

    @Test
    void refusesMoreSnapshotValuesThanTheLimitForAContinuedFitAndAJob() throws Exception {
        Response parent = post("/api/v1/models", fit(null));
        assertThat(parent.status()).as(parent.toString()).isEqualTo(201);
        String id = JsonPath.read(parent.text(), "$.id");

        assertRefused(post("/api/v1/models/" + id + "/fits", fit(SIX)));
        assertRefused(post("/api/v1/jobs", fit(SIX)));
    }

    @Test
    void refusesMoreSnapshotValuesThanTheLimitInTheOptionsOfACsvUpload() throws Exception {
        String csv = "a,b,c,y\n1,0,0,1\n0,1,0,2\n0,0,1,3\n1,1,1,6\n";
        byte[] body = ApiClient.parts("file", csv, "options", "{\"epochs\": 10, \"snapshotEpochs\": " + SIX + "}");
        List<String[]> headers = List.<String[]>of(new String[] {"Content-Type", ApiClient.MULTIPART});

        assertRefused(new RawHttp(port).send(new Request("POST", "/api/v1/models", headers, body, false)));
    }

    private Response post(String path, String json) throws Exception {
        return new RawHttp(port).send(Request.json("POST", path, json));
    }

    private static String fit(String snapshotEpochs) {
        return "{\"x\": " + X + ", \"y\": " + Y + ", \"epochs\": 10"
                + (snapshotEpochs == null ? "" : ", \"snapshotEpochs\": " + snapshotEpochs) + "}";
    }

    private static void assertRefused(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.<List<String>>read(response.text(), "$.errors[*].field"))
                .containsExactly("snapshotEpochs");
        assertThat(response.text()).contains("6 snapshots of 4 weights each", "24 values, more than the limit of 20");
    }
}
