package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of a running gradfit over real HTTP, as the end-to-end tests call it: JSON bodies, multipart uploads
 * ({@link #parts}), bodies of any type, and the 201 a fit answers.
 */
final class ApiClient {

    /** The boundary of the multipart bodies {@link #parts} writes. */
    static final String BOUNDARY = "gradfit-test-boundary-7MA4YWxk";

    /** The Content-Type of those bodies. */
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    /** The Content-Type of an Arrow IPC stream. */
    static final String ARROW = "application/vnd.apache.arrow.stream";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final IntSupplier port;

    /**
     * @param port the server's port, asked at each request: a test's {@code @LocalServerPort} field is set only
     *     after the test's fields are
     */
    ApiClient(IntSupplier port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} as application/json. */
    HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs {@link #parts} as multipart/form-data. */
    HttpResponse<String> upload(String path, byte[] parts) throws Exception {
        return post(path, MULTIPART, parts);
    }

    /** POSTs an Arrow IPC stream. */
    HttpResponse<String> postArrow(String path, byte[] stream) throws Exception {
        return post(path, ARROW, stream);
    }

    HttpResponse<String> post(String path, String type, byte[] body) throws Exception {
        return http.send(
                request(path)
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a 201, after checking the status (the body says why when it is not). */
    JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    /** A multipart/form-data body of name, value pairs; the file part goes as a file, as curl -F file=@... sends it. */
    static byte[] parts(String... nameValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < nameValues.length; i += 2) {
            String name = nameValues[i];
            StringBuilder head = new StringBuilder("--" + BOUNDARY + "\r\n");
            if (name.equals("file")) {
                head.append("Content-Disposition: form-data; name=\"file\"; filename=\"houses.csv\"\r\n")
                        .append("Content-Type: text/csv\r\n");
            } else {
                head.append("Content-Disposition: form-data; name=\"")
                        .append(name)
                        .append("\"\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(nameValues[i + 1].getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port.getAsInt() + path));
    }
}
