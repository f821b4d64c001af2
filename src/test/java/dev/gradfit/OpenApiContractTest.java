package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import dev.gradfit.memory.InFlightMemory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays a tour of real exchanges, over real HTTP, through an independent OpenAPI validator (Atlassian's
 * openapi-request-validator, on networknt's JSON Schema 2020-12 validator for OpenAPI 3.1) against the live
 * {@code /v3/api-docs}: every response must conform to the document, every request the server accepts must
 * conform, and every request the server refuses for its shape must be refused by the document too. The live
 * document is written to target/openapi.json for the linter (.ci/lint-openapi.sh).
 *
 * <p>To add an endpoint, add rows to {@link #tour()}: a name, the request, the status the server answers, and
 * whether the document accepts the request. Placeholders such as {model} in paths are ids made in {@link
 * #fixtures()}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gradfit.http.max-body-size=256KB",
            "gradfit.http.max-in-flight-bytes=4MB",
            "gradfit.http.body-read-timeout=2s",
            "gradfit.executor.threads=1",
            "gradfit.executor.queue-capacity=0",
            "gradfit.executor.max-wait=3s",
            "gradfit.jobs.progress-interval=1ms"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final String FIT =
            "{\"x\": [1, 2, 3, 4, 5], \"y\": [6, 8, 10, 12, 14], \"learningRate\": 0.05," + " \"epochs\": 2000}";
    private static final String LOGISTIC = "{\"x\": [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0],"
            + " \"y\": [0, 0, 0, 1, 0, 1, 1, 1], \"loss\": \"logistic\", \"learningRate\": 0.5, \"epochs\": 300}";
    private static final String DIVERGING = "{\"x\": [1, 2, 3, 4, 5], \"y\": [6, 8, 10, 12, 14], \"learningRate\": 10}";
    private static final String JSON = "application/json";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, String> ids = new HashMap<>();

    @LocalServerPort
    private int port;

    @Autowired
    private InFlightMemory memory;

    private OpenApiInteractionValidator validator;
    private OpenAPI document;
    private SchemaValidator schemas;

    /** What the document says of a request; the server's own verdict is the row's status. */
    enum Verdict {
        /** The document accepts it. */
        CONFORMS,
        /** The document refuses it, as the server does (a bad field, a wrong media type, no key). */
        REFUSED,
        /** No operation of the document has this path or method: the answer must still be a Problem. */
        UNDOCUMENTED,
        /**
         * A query parameter no operation names, which the validator only notes: the answer (a refusal of the
         * query) must still conform.
         */
        UNEXPECTED_QUERY
    }

    /**
     * One exchange of the tour.
     *
     * @param hold what must hold while the request is sent (a full budget, a busy executor); null for nothing
     */
    record Exchange(
            String name,
            String method,
            String path,
            Map<String, String> headers,
            String body,
            int status,
            Verdict request,
            Supplier<AutoCloseable> hold) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Exchange send(String name, String method, String path, String body, int status) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", JSON);
        }
        return new Exchange(name, method, path, headers, body, status, Verdict.CONFORMS, null);
    }

    private static Exchange refused(String name, String method, String path, String body, int status) {
        Exchange exchange = send(name, method, path, body, status);
        return new Exchange(name, method, path, exchange.headers(), body, status, Verdict.REFUSED, null);
    }

    private static Exchange with(Exchange exchange, String header, String value) {
        Map<String, String> headers = new LinkedHashMap<>(exchange.headers());
        headers.put(header, value);
        return new Exchange(
                exchange.name(),
                exchange.method(),
                exchange.path(),
                headers,
                exchange.body(),
                exchange.status(),
                exchange.request(),
                exchange.hold());
    }

    private static Exchange as(Exchange exchange, Verdict request) {
        return new Exchange(
                exchange.name(),
                exchange.method(),
                exchange.path(),
                exchange.headers(),
                exchange.body(),
                exchange.status(),
                request,
                exchange.hold());
    }

    private static Exchange holding(Exchange exchange, Supplier<AutoCloseable> hold) {
        return new Exchange(
                exchange.name(),
                exchange.method(),
                exchange.path(),
                exchange.headers(),
                exchange.body(),
                exchange.status(),
                exchange.request(),
                hold);
    }

    /** The tour: every endpoint, the README's requests, and every problem a client can provoke. */
    Stream<Exchange> tour() {
        String tooLarge = "{\"x\": [" + "1.0, ".repeat(60_000) + "1.0], \"y\": [1.0]}";
        return Stream.of(
                // models
                send("fit the tutorial line", "POST", "/api/v1/models", FIT, 201),
                send("fit with the README's options", "POST", "/api/v1/models", ADAM, 201),
                send("fit a logistic model, loss as a name", "POST", "/api/v1/models", LOGISTIC, 201),
                send(
                        "fit with huber loss as an object, l1: no reference",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [[1, 0], [0, 1], [1, 1], [2, 1]], \"y\": [1, 2, 3, 4], \"loss\": {\"type\":"
                                + " \"huber\", \"delta\": 0.5}, \"l1\": 0.1, \"schedule\": {\"type\": \"plateau\"},"
                                + " \"optimizer\": {\"type\": \"momentum\"}, \"tolerance\": 1e-6}",
                        201),
                send(
                        "fit with standardized features",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [[18, 42000], [22, 51000], [25, 38000], [19, 60000], [30, 45000], [27, 55000]],"
                                + " \"y\": [81, 98, 91, 101, 108, 112], \"standardize\": true, \"learningRate\":"
                                + " 0.1, \"epochs\": 500}",
                        201),
                send(
                        "fit constant y: r2 is null",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2, 3], \"y\": [5, 5, 5]}",
                        201),
                send("refit a model", "POST", "/api/v1/models/{model}/fits", FIT, 201),
                send("list the models", "GET", "/api/v1/models?page=0&size=2", null, 200),
                send("get a model", "GET", "/api/v1/models/{model}", null, 200),
                send("get a logistic model", "GET", "/api/v1/models/{logistic}", null, 200),
                send("delete a model", "DELETE", "/api/v1/models/{doomed}", null, 204),
                // predictions
                send("predict", "POST", "/api/v1/models/{model}/predictions", "{\"x\": [6, 7, 10]}", 200),
                send(
                        "predict with a logistic model",
                        "POST",
                        "/api/v1/models/{logistic}/predictions",
                        "{\"x\": [1, 3.5], \"threshold\": 0.4}",
                        200),
                // softmax and log-link GLMs
                send("fit a softmax model on string labels", "POST", "/api/v1/models", SOFTMAX, 201),
                send("get a softmax model, multiclass metrics", "GET", "/api/v1/models/{softmax}", null, 200),
                send(
                        "predict with a softmax model: labels and a row of probabilities per point",
                        "POST",
                        "/api/v1/models/{softmax}/predictions",
                        "{\"x\": [0.5, 4, 7.5]}",
                        200),
                send("fit a poisson model with an offset", "POST", "/api/v1/models", POISSON, 201),
                send("get a poisson model, deviance metrics", "GET", "/api/v1/models/{poisson}", null, 200),
                send(
                        "predict with a poisson model and offsets",
                        "POST",
                        "/api/v1/models/{poisson}/predictions",
                        "{\"x\": [6, 7], \"offset\": [0.5, 0]}",
                        200),
                send("fit a tweedie model with lbfgs", "POST", "/api/v1/models", TWEEDIE, 201),
                send(
                        "fit a gamma model as a job",
                        "POST",
                        "/api/v1/jobs",
                        "{\"x\": [1, 2, 3, 4], \"y\": [1.5, 2.5, 3, 5], \"loss\": \"gamma\", \"optimizer\": {\"type\":"
                                + " \"lbfgs\"}, \"epochs\": 30}",
                        202),
                send(
                        "invalid-request: softmax on one class",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2], \"y\": [\"a\", \"a\"], \"loss\": \"softmax\"}",
                        400),
                send(
                        "invalid-request: softmax with l1",
                        "POST",
                        "/api/v1/models",
                        SOFTMAX.replace("\"loss\"", "\"l1\": 0.1, \"loss\""),
                        400),
                send(
                        "invalid-request: softmax with one row of initial weights",
                        "POST",
                        "/api/v1/models",
                        SOFTMAX.replace(
                                "\"loss\"", "\"initialWeights\": {\"intercept\": 0, \"coefficients\": [0]}, \"loss\""),
                        400),
                send(
                        "softmax from initial weights, a row per class",
                        "POST",
                        "/api/v1/models",
                        SOFTMAX.replace(
                                "\"loss\"",
                                "\"initialWeights\": {\"byClass\": [{\"intercept\": 1, \"coefficients\": [0.5]},"
                                        + " {\"intercept\": 0, \"coefficients\": [0]}, {\"intercept\": -1,"
                                        + " \"coefficients\": [-0.5]}]}, \"loss\""),
                        201),
                send(
                        "invalid-request: an empty label",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2, 3], \"y\": [\"a\", \"\", \"b\"], \"loss\": \"softmax\"}",
                        400),
                send(
                        "invalid-request: a threshold for a softmax model",
                        "POST",
                        "/api/v1/models/{softmax}/predictions",
                        "{\"x\": [1], \"threshold\": 0.3}",
                        400),
                send(
                        "invalid-request: a negative count for poisson",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2, 3], \"y\": [1, -1, 2], \"loss\": \"poisson\"}",
                        400),
                send(
                        "invalid-request: a zero amount for gamma",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2, 3], \"y\": [1, 0, 2], \"loss\": \"gamma\"}",
                        400),
                send(
                        "invalid-request: a tweedie power between 0 and 1",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2, 3], \"y\": [1, 0, 2], \"loss\": {\"type\": \"tweedie\", \"power\": 0.5}}",
                        400),
                send(
                        "invalid-request: an offset for the squared loss",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2, 3], \"y\": [1, 2, 3], \"offset\": [0, 0, 0]}",
                        400),
                send(
                        "invalid-request: an offset of the wrong length",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2, 3], \"y\": [1, 2, 3], \"offset\": [0, 0], \"loss\": \"poisson\"}",
                        400),
                send(
                        "invalid-request: prediction offsets for a model without a log link",
                        "POST",
                        "/api/v1/models/{model}/predictions",
                        "{\"x\": [1], \"offset\": [0]}",
                        400),
                send(
                        "invalid-request: prediction offsets of the wrong length",
                        "POST",
                        "/api/v1/models/{poisson}/predictions",
                        "{\"x\": [1, 2], \"offset\": [0]}",
                        400),
                // jobs
                send("submit a job", "POST", "/api/v1/jobs", FIT, 202),
                send(
                        "submit a job continuing a model",
                        "POST",
                        "/api/v1/jobs",
                        "{\"parentId\": \"{model}\", \"x\": [1, 2, 3, 4, 5], \"y\": [6, 8, 10, 12, 14],"
                                + " \"epochs\": 10}",
                        202),
                send("list the jobs", "GET", "/api/v1/jobs?size=5", null, 200),
                send("get a succeeded job", "GET", "/api/v1/jobs/{job}", null, 200),
                send("get a failed job", "GET", "/api/v1/jobs/{failedJob}", null, 200),
                with(
                        send("follow a finished job's events", "GET", "/api/v1/jobs/{job}/events", null, 200),
                        "Accept",
                        "text/event-stream"),
                with(
                        with(
                                send("follow events after the end", "GET", "/api/v1/jobs/{job}/events", null, 204),
                                "Accept",
                                "text/event-stream"),
                        "Last-Event-ID",
                        "{jobEnd}"),
                holding(
                        send("cancel a waiting or running job", "POST", "/api/v1/jobs/{longJob}/cancel", null, 202),
                        this::longJob),
                // names and CSV
                send("fit with feature names", "POST", "/api/v1/models", NAMED, 201),
                send(
                        "predict from rows named by feature",
                        "POST",
                        "/api/v1/models/{named}/predictions",
                        "{\"x\": [{\"size\": 3, \"rooms\": 2}, {\"rooms\": 1, \"size\": 10}]}",
                        200),
                with(
                        with(
                                send("fit a CSV upload", "POST", "/api/v1/models", CSV_FORM, 201),
                                "Content-Type",
                                CSV_TYPE),
                        "Accept",
                        JSON),
                with(
                        send("fit a CSV upload with an offset column", "POST", "/api/v1/models", CSV_OFFSET_FORM, 201),
                        "Content-Type",
                        CSV_TYPE),
                with(
                        send(
                                "fit a CSV upload naming its offset column by query",
                                "POST",
                                "/api/v1/models?offset=log_exposure",
                                CSV_OFFSET_FORM.substring(CSV_OFFSET_FORM.indexOf("--" + BOUNDARY, 2)),
                                201),
                        "Content-Type",
                        CSV_TYPE),
                with(
                        send(
                                "invalid-request: a CSV offset column for the squared loss",
                                "POST",
                                "/api/v1/models",
                                CSV_OFFSET_FORM.replace("\"poisson\"", "\"squared\""),
                                400),
                        "Content-Type",
                        CSV_TYPE),
                with(
                        send("submit a CSV upload as a job", "POST", "/api/v1/jobs", CSV_FORM, 202),
                        "Content-Type",
                        CSV_TYPE),
                // plots
                with(send("draw a fit", "GET", "/api/v1/models/{model}/plots/fit.svg", null, 200), "Accept", SVG),
                with(
                        send(
                                "draw a fit with snapshots",
                                "GET",
                                "/api/v1/models/{snapshots}/plots/fit.svg?width=640&height=400",
                                null,
                                200),
                        "Accept",
                        SVG),
                with(send("draw the cost", "GET", "/api/v1/models/{model}/plots/cost.svg", null, 200), "Accept", SVG),
                with(
                        send("draw the residuals", "GET", "/api/v1/models/{model}/plots/residuals.svg", null, 200),
                        "Accept",
                        SVG),
                with(
                        send(
                                "plot-not-applicable: residuals of a logistic model",
                                "GET",
                                "/api/v1/models/{logistic}/plots/residuals.svg",
                                null,
                                409),
                        "Accept",
                        SVG),
                send(
                        "invalid-request: a plot too narrow",
                        "GET",
                        "/api/v1/models/{model}/plots/fit.svg?width=10",
                        null,
                        400),
                with(
                        send("model-not-found: a plot", "GET", "/api/v1/models/{unknown}/plots/cost.svg", null, 404),
                        "Accept",
                        SVG),
                // Open Inference Protocol
                send("OIP server metadata", "GET", "/v2", null, 200),
                send("OIP live", "GET", "/v2/health/live", null, 200),
                send("OIP ready", "GET", "/v2/health/ready", null, 200),
                send("OIP model metadata", "GET", "/v2/models/{named}", null, 200),
                send("OIP model metadata of a version", "GET", "/v2/models/{logistic}/versions/1", null, 200),
                send("OIP model ready", "GET", "/v2/models/{model}/ready", null, 200),
                send("OIP infer", "POST", "/v2/models/{model}/infer", OIP_INFER, 200),
                send(
                        "OIP infer a logistic model, one output",
                        "POST",
                        "/v2/models/{logistic}/versions/1/infer",
                        OIP_LOGISTIC,
                        200),
                send("OIP model metadata of a model fitted from rows", "GET", "/v2/models/{rows}", null, 200),
                send(
                        "OIP infer with a BYTES tensor per text column and nulls",
                        "POST",
                        "/v2/models/{rows}/infer",
                        OIP_ROWS,
                        200),
                send(
                        "OIP infer a level the training rows never held",
                        "POST",
                        "/v2/models/{rows}/infer",
                        OIP_ROWS.replace("\"Lyon\"", "\"Nice\""),
                        400),
                send(
                        "OIP infer without a tensor for a column",
                        "POST",
                        "/v2/models/{rows}/infer",
                        OIP_ROWS.substring(0, OIP_ROWS.indexOf(", {\"name\": \"city\"")) + "]}",
                        400),
                send(
                        "OIP infer with numbers for a text column",
                        "POST",
                        "/v2/models/{rows}/infer",
                        OIP_ROWS.replace(
                                "\"BYTES\", \"data\": [[\"Rome\"], [\"Lyon\"], [null]]",
                                "\"FP64\", \"data\": [[1], [2], [3]]"),
                        400),
                send("OIP infer an unknown model", "POST", "/v2/models/{unknown}/infer", OIP_INFER, 404),
                send("OIP model metadata of an unknown version", "GET", "/v2/models/{model}/versions/2", null, 404),
                with(refused("OIP not-acceptable", "GET", "/v2/models/{model}", null, 406), "Accept", "text/html"),
                as(
                        send("OIP a query that is not UTF-8", "GET", "/v2/models/{model}?page=%F6", null, 400),
                        Verdict.UNEXPECTED_QUERY),
                as(
                        send("OIP server metadata, a query that is not UTF-8", "GET", "/v2?page=%F6", null, 400),
                        Verdict.UNEXPECTED_QUERY),
                as(
                        send("OIP live, a query that is not UTF-8", "GET", "/v2/health/live?page=%F6", null, 400),
                        Verdict.UNEXPECTED_QUERY),
                as(
                        send("OIP ready, a query that is not UTF-8", "GET", "/v2/health/ready?a=%C3", null, 400),
                        Verdict.UNEXPECTED_QUERY),
                as(
                        send(
                                "OIP infer, a query that is not UTF-8",
                                "POST",
                                "/v2/models/{model}/infer?a=%C3",
                                OIP_INFER,
                                400),
                        Verdict.UNEXPECTED_QUERY),
                send(
                        "OIP infer with a shape its data does not fill",
                        "POST",
                        "/v2/models/{model}/infer",
                        OIP_INFER.replace("[3, 1]", "[4, 1]"),
                        400),
                // problems: bad input
                // Ranges are stated in the descriptions, not as schema bounds: the server alone refuses this one.
                send("invalid-request: a negative learning rate", "POST", "/api/v1/models", fit("-1"), 400),
                refused("invalid-request: a fractional epoch count", "POST", "/api/v1/models", epochs("1.5"), 400),
                send(
                        "invalid-request: y shorter than x",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2, 3], \"y\": [1, 2]}",
                        400),
                refused(
                        "invalid-request: an unknown field",
                        "POST",
                        "/api/v1/models",
                        "{\"x\": [1, 2], \"y\": [1, 2], \"learning_rate\": 0.1}",
                        400),
                refused("invalid-request: a page of size 0", "GET", "/api/v1/models?size=0", null, 400),
                refused("invalid-request: a page that is not UTF-8", "GET", "/api/v1/models?page=%F6", null, 400),
                refused("invalid-request: a job id that is no UUID", "GET", "/api/v1/jobs/42", null, 400),
                refused("malformed-json", "POST", "/api/v1/models", "{\"x\": [1, 2", 400),
                with(refused("malformed-json: no body", "POST", "/api/v1/jobs", null, 400), "Content-Type", JSON),
                send("fit-diverged", "POST", "/api/v1/models", DIVERGING, 422),
                send("model-not-found", "GET", "/api/v1/models/{unknown}", null, 404),
                send("model-not-found on predict", "POST", "/api/v1/models/{unknown}/predictions", "{\"x\": [1]}", 404),
                send("model-not-found: a job's parent", "POST", "/api/v1/jobs", parentJob("{unknown}"), 404),
                send("job-not-found", "GET", "/api/v1/jobs/{unknown}", null, 404),
                send("job-finished", "POST", "/api/v1/jobs/{job}/cancel", null, 409),
                as(send("not-found: no such path", "GET", "/api/v1/nothing", null, 404), Verdict.UNDOCUMENTED),
                as(send("method-not-allowed", "PUT", "/api/v1/models", FIT, 405), Verdict.UNDOCUMENTED),
                with(refused("not-acceptable", "GET", "/api/v1/models", null, 406), "Accept", "text/csv"),
                with(
                        refused("unsupported-media-type", "POST", "/api/v1/models", FIT, 415),
                        "Content-Type",
                        "text/plain"),
                send("body-too-large", "POST", "/api/v1/models", tooLarge, 413),
                holding(send("server-busy", "POST", "/api/v1/models", FIT, 503), this::fullBudget),
                holding(send("fit-capacity-exceeded", "POST", "/api/v1/models", FIT, 503), this::busyExecutor),
                send("fit-timed-out", "POST", "/api/v1/models", SLOW_FIT, 503));
    }

    /** Three classes named by strings, three points each along one feature. */
    private static final String SOFTMAX = "{\"x\": [0, 1, 2, 3, 4, 5, 6, 7, 8], \"y\": [\"low\", \"low\", \"low\","
            + " \"mid\", \"mid\", \"mid\", \"high\", \"high\", \"high\"], \"loss\": \"softmax\", \"learningRate\": 0.5,"
            + " \"epochs\": 300}";

    /** Counts over exposures whose logs are the offsets. */
    private static final String POISSON = "{\"x\": [1, 2, 3, 4, 5], \"y\": [2, 3, 6, 7, 8], \"offset\": [0, 0.1,"
            + " 0.2, 0.3, 0.4], \"loss\": \"poisson\", \"learningRate\": 0.01, \"epochs\": 500}";

    /** Amounts with exact zeros, as a compound Poisson-gamma model takes them. */
    private static final String TWEEDIE = "{\"x\": [1, 2, 3, 4, 5, 6], \"y\": [0, 1.5, 2, 0, 4.5, 6], \"loss\":"
            + " {\"type\": \"tweedie\", \"power\": 1.5}, \"optimizer\": {\"type\": \"lbfgs\"}, \"epochs\": 50,"
            + " \"returnLearningRates\": true}";

    private static final String NAMED = "{\"featureNames\": [\"size\", \"rooms\"], \"targetName\": \"price\","
            + " \"x\": [[1, 2], [2, 1], [3, 3], [4, 1], [5, 4], [6, 2]], \"y\": [12, 13, 20, 19, 28, 27],"
            + " \"standardize\": true, \"learningRate\": 0.1, \"epochs\": 3000}";

    private static final String SNAPSHOTS =
            "{\"x\": [1, 2, 3, 4, 5], \"y\": [6, 8, 10, 12, 14], \"learningRate\": 0.01, \"epochs\": 1000,"
                    + " \"snapshotEpochs\": [10, 20, 30, 100, 1000]}";

    private static final String BOUNDARY = "gradfit-tour";
    private static final String CSV_TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String CSV_FORM = "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"target\"\r\n\r\nprice\r\n"
            + "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"options\"\r\nContent-Type: application/json\r\n\r\n"
            + "{\"standardize\": true, \"learningRate\": 0.1, \"epochs\": 3000}\r\n"
            + "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"houses.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "size,rooms,price\n1,2,12\n2,1,13\n3,3,20\n4,1,19\n5,4,28\n6,2,27\n\r\n"
            + "--" + BOUNDARY + "--\r\n";

    private static final String CSV_OFFSET_FORM = "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"offset\"\r\n\r\nlog_exposure\r\n"
            + "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"options\"\r\nContent-Type: application/json\r\n\r\n"
            + "{\"loss\": \"poisson\", \"learningRate\": 0.01, \"epochs\": 500}\r\n"
            + "--" + BOUNDARY + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"claims.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + "age,log_exposure,claims\n1,0,2\n2,0.1,3\n3,0.2,6\n4,0.3,7\n5,0.4,8\n\r\n"
            + "--" + BOUNDARY + "--\r\n";

    private static final String SVG = "image/svg+xml";

    /** The protocol's example request, with the model's one FP64 feature. */
    private static final String OIP_INFER = "{\"id\": \"42\", \"inputs\": [{\"name\": \"x\", \"shape\": [3, 1],"
            + " \"datatype\": \"FP64\", \"data\": [6, 7, 10]}]}";

    private static final String OIP_LOGISTIC = "{\"inputs\": [{\"name\": \"x\", \"shape\": [2], \"datatype\":"
            + " \"FP64\", \"data\": [1, 3.5]}], \"outputs\": [{\"name\": \"labels\"}],"
            + " \"parameters\": {\"threshold\": 0.4}}";

    /** Raw rows with a text column and missing cells; the design fills them with the mean or the commonest level. */
    private static final String ROWS = "{\"rows\": [{\"size\": 1, \"city\": \"Lyon\", \"price\": 12},"
            + " {\"size\": 2, \"city\": \"Paris\", \"price\": 19}, {\"size\": 3, \"city\": \"Rome\", \"price\": 13},"
            + " {\"size\": null, \"city\": \"Paris\", \"price\": 23}, {\"size\": 5, \"city\": null, \"price\": 25}],"
            + " \"target\": \"price\", \"design\": {\"missing\": \"mean\", \"unknownLevels\": \"error\"},"
            + " \"optimizer\": {\"type\": \"lbfgs\"}, \"epochs\": 100}";

    /** One tensor per column of the rows model: FP64 for size, BYTES for city, a null in each. */
    private static final String OIP_ROWS = "{\"inputs\": [{\"name\": \"size\", \"shape\": [3], \"datatype\":"
            + " \"FP64\", \"data\": [2, null, 4]}, {\"name\": \"city\", \"shape\": [3, 1], \"datatype\":"
            + " \"BYTES\", \"data\": [[\"Rome\"], [\"Lyon\"], [null]]}]}";

    private static final String ADAM = """
            {
              "x": [[0, 1], [1, 0], [1, 1], [2, 1], [1, 2], [3, 2], [2, 3], [3, 3], [4, 2], [2, 4]],
              "y": [4.1, 2.9, 5.0, 7.1, 6.0, 10.9, 9.1, 12.0, 12.1, 10.0],
              "optimizer": {"type": "adam", "beta1": 0.9, "beta2": 0.999},
              "schedule": {"type": "step", "factor": 0.5, "every": 200},
              "learningRate": 0.05,
              "epochs": 1000,
              "batchSize": 4,
              "seed": 7,
              "earlyStopping": true,
              "validationFraction": 0.2,
              "patience": 20,
              "snapshotEpochs": [10, 20, 30, 100, 1000],
              "returnLearningRates": true
            }""";

    /**
     * A fit that takes longer than gradfit.executor.max-wait (3 s here) on any machine: the logistic loss takes
     * an exponential for every point in every epoch, 8e9 multiply-adds and 4e9 exponentials in all
     * (gradfit.fit.max-work is 1e10), tens of seconds on the fastest core.
     */
    private static final String SLOW_FIT = slowFit();

    /** The same as a job, still running when the tour cancels it. */
    private static final String LONG_JOB = SLOW_FIT;

    private static String slowFit() {
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            x.append(i == 0 ? "" : ",").append(i % 100);
            y.append(i == 0 ? "" : ",").append(i % 100 < 50 ? 0 : 1);
        }
        return "{\"x\": [" + x + "], \"y\": [" + y + "], \"loss\": \"logistic\", \"learningRate\": 1e-6,"
                + " \"epochs\": 1000000}";
    }

    private static String fit(String learningRate) {
        return "{\"x\": [1, 2, 3], \"y\": [2, 4, 6], \"learningRate\": " + learningRate + "}";
    }

    private static String epochs(String epochs) {
        return "{\"x\": [1, 2, 3], \"y\": [2, 4, 6], \"epochs\": " + epochs + "}";
    }

    private static String parentJob(String parent) {
        return "{\"parentId\": \"" + parent + "\", \"x\": [1, 2, 3], \"y\": [2, 4, 6]}";
    }

    @BeforeAll
    void loadTheLiveDocumentAndMakeFixtures() throws Exception {
        String docs = get("/v3/api-docs").body();
        Path saved = Path.of("target", "openapi.json");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, docs);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(docs)
                .build();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        document = new OpenAPIV3Parser().readContents(docs, null, options).getOpenAPI();
        schemas = new SchemaValidator(document, new com.atlassian.oai.validator.report.MessageResolver());
        fixtures();
    }

    /** The models and jobs the tour's paths name. */
    private void fixtures() throws Exception {
        ids.put("model", created("/api/v1/models", FIT));
        ids.put("logistic", created("/api/v1/models", LOGISTIC));
        ids.put("doomed", created("/api/v1/models", FIT));
        ids.put("named", created("/api/v1/models", NAMED));
        ids.put("rows", created("/api/v1/models", ROWS));
        ids.put("snapshots", created("/api/v1/models", SNAPSHOTS));
        ids.put("softmax", created("/api/v1/models", SOFTMAX));
        ids.put("poisson", created("/api/v1/models", POISSON));
        ids.put("unknown", UUID.randomUUID().toString());
        String job = created("/api/v1/jobs", FIT);
        ids.put("job", job);
        ids.put("failedJob", created("/api/v1/jobs", DIVERGING));
        awaitEnd(job);
        awaitEnd(ids.get("failedJob"));
        ids.put("jobEnd", lastEventId(job));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tour")
    void conformsToTheDocument(Exchange exchange) throws Exception {
        HttpResponse<String> response;
        String path;
        String body;
        Map<String, String> headers = new LinkedHashMap<>();
        try (AutoCloseable held =
                exchange.hold() == null ? null : exchange.hold().get()) {
            // After the hold, which may make the ids the request names.
            path = resolve(exchange.path());
            body = exchange.body() == null ? null : resolve(exchange.body());
            exchange.headers().forEach((name, value) -> headers.put(name, resolve(value)));
            response = exchange(exchange.method(), path, headers, body);
        }

        assertThat(response.statusCode())
                .as(exchange.name() + ": " + response.body())
                .isEqualTo(exchange.status());
        Request request = request(exchange.method(), path, headers, body);
        ValidationReport requestReport = validator.validateRequest(request);
        switch (exchange.request()) {
            case CONFORMS ->
                assertThat(requestReport.getMessages())
                        .as(exchange.name() + ": the request\n" + format(requestReport))
                        .isEmpty();
            case REFUSED ->
                assertThat(requestReport.hasErrors())
                        .as(exchange.name() + ": the document accepts a request the server refuses")
                        .isTrue();
            case UNEXPECTED_QUERY ->
                assertThat(requestReport.getMessages())
                        .extracting(ValidationReport.Message::getKey)
                        .as(exchange.name() + ": the request\n" + format(requestReport))
                        .containsOnly("validation.request.parameter.query.unexpected");
            case UNDOCUMENTED -> {
                assertThat(requestReport.getMessages())
                        .extracting(ValidationReport.Message::getKey)
                        .as(exchange.name())
                        .containsAnyOf("validation.request.path.missing", "validation.request.operation.notAllowed");
                assertProblem(exchange.name(), response);
                return;
            }
        }
        if (exchange.request() == Verdict.CONFORMS
                && headers.getOrDefault("Content-Type", "").startsWith("multipart/form-data")) {
            assertPartsDocumented(exchange.name(), pathOnly(path), exchange.method(), body);
        }
        ValidationReport responseReport =
                validator.validateResponse(pathOnly(path), method(exchange.method()), response(response));
        assertThat(responseReport.getMessages())
                .as(exchange.name() + ": the response " + response.statusCode() + " " + response.body() + "\n"
                        + format(responseReport))
                .isEmpty();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            assertEventsConform(exchange.name(), response.body());
        }
    }

    /** With a key configured, /api needs it: the document says so, and the 401 is as it says. */
    @Test
    void answersAsDocumentedWhenAnApiKeyIsRequired() throws Exception {
        try (ConfigurableApplicationContext keyed = new SpringApplicationBuilder(GradfitApplication.class)
                .run("--server.port=0", "--gradfit.security.api-key=s3cret")) {
            int keyedPort = ((WebServerApplicationContext) keyed).getWebServer().getPort();
            String docs = send(keyedPort, "GET", "/v3/api-docs", Map.of(), null).body();
            OpenApiInteractionValidator keyedValidator = OpenApiInteractionValidator.createForInlineApiSpecification(
                            docs)
                    .build();
            Map<String, String> json = Map.of("Content-Type", JSON);
            Map<String, String> wrongKey = Map.of("Content-Type", JSON, "X-API-Key", "wrong");
            Map<String, String> rightKey = Map.of("Content-Type", JSON, "X-API-Key", "s3cret");

            for (Map<String, String> headers : List.of(json, wrongKey, rightKey)) {
                HttpResponse<String> response = send(keyedPort, "POST", "/api/v1/models", headers, FIT);
                Request request = request("POST", "/api/v1/models", headers, FIT);
                ValidationReport requestReport = keyedValidator.validateRequest(request);
                ValidationReport responseReport =
                        keyedValidator.validateResponse("/api/v1/models", Request.Method.POST, response(response));

                assertThat(response.statusCode()).isEqualTo(headers == rightKey ? 201 : 401);
                // Without the header the document refuses the request; a wrong key it cannot know.
                assertThat(requestReport.hasErrors()).as(format(requestReport)).isEqualTo(headers == json);
                assertThat(responseReport.getMessages())
                        .as(response.body() + "\n" + format(responseReport))
                        .isEmpty();
            }
        }
    }

    /** A body cut off by gradfit.http.body-read-timeout: a 408 the document describes. */
    @Test
    void answersASlowBodyAsDocumented() throws Exception {
        String head = "POST /api/v1/models HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\nConnection: close\r\n\r\n{\"x\": [1";
        String answer;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(received);
            } catch (java.net.SocketException reset) {
                // A reset after the answer is a close too.
            }
            answer = received.toString(StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 408");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        if (answer.toLowerCase().contains("transfer-encoding: chunked")) {
            body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
        }

        ValidationReport report = validator.validateResponse(
                "/api/v1/models",
                Request.Method.POST,
                SimpleResponse.Builder.status(408)
                        .withContentType("application/problem+json")
                        .withBody(body)
                        .build());

        assertThat(report.getMessages()).as(body + "\n" + format(report)).isEmpty();
    }

    // --- holds -------------------------------------------------------------------------------------------------

    /** The in-flight budget held by others, as while large bodies are being read. */
    private AutoCloseable fullBudget() {
        // The large requests' three quarters, then the small requests' share: nothing is left.
        InFlightMemory.Reservation large = memory.reserve(3L * 1024 * 1024);
        InFlightMemory.Reservation small = memory.reserve(1024L * 1024);
        return () -> {
            small.close();
            large.close();
        };
    }

    /** The one fit thread busy with a slow fit (no queue): another fit is refused at once. */
    private AutoCloseable busyExecutor() {
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return exchange("POST", "/api/v1/models", Map.of("Content-Type", JSON), SLOW_FIT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> assertThat(slow.get().statusCode()).isEqualTo(503);
    }

    /** A job too long to end before it is canceled: {longJob}. */
    private AutoCloseable longJob() {
        try {
            ids.put("longJob", created("/api/v1/jobs", LONG_JOB));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return () -> {};
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private void assertEventsConform(String name, String stream) {
        Map<String, Schema<?>> components = new HashMap<>();
        document.getComponents().getSchemas().forEach(components::put);
        JsonNode eventData = json.readTree(json.writeValueAsString(document.getPaths()
                .get("/api/v1/jobs/{id}/events")
                .getGet()
                .getResponses()
                .get("200")
                .getContent()
                .get("text/event-stream")
                .getSchema()
                .getExtensions()
                .get("x-event-data")));
        Matcher event = Pattern.compile("(?m)^event:(\\w+)\\ndata:(.*)$").matcher(stream);
        int events = 0;
        while (event.find()) {
            String ref = eventData.at("/" + event.group(1) + "/$ref").asString();
            assertThat(ref)
                    .as(name + ": event " + event.group(1) + " has a schema")
                    .isNotBlank();
            Schema<?> schema = components.get(ref.substring(ref.lastIndexOf('/') + 1));
            ValidationReport report = schemas.validate(event.group(2), schema, "event");
            assertThat(report.getMessages())
                    .as(name + ": event " + event.group(1) + " " + event.group(2) + "\n" + format(report))
                    .isEmpty();
            events++;
        }
        assertThat(events).as(name + ": events in " + stream).isPositive();
    }

    /**
     * The validator does not read multipart bodies ("not supported"): every part an upload sends must be a property
     * of the form the document describes for the operation.
     */
    private void assertPartsDocumented(String name, String path, String method, String body) {
        Schema<?> form = document.getPaths()
                .get(path)
                .readOperationsMap()
                .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method))
                .getRequestBody()
                .getContent()
                .get("multipart/form-data")
                .getSchema();
        if (form.get$ref() != null) {
            form = document.getComponents()
                    .getSchemas()
                    .get(form.get$ref().substring(form.get$ref().lastIndexOf('/') + 1));
        }
        Matcher part = Pattern.compile("Content-Disposition: form-data; name=\"([^\"]+)\"")
                .matcher(body);
        List<String> parts = new ArrayList<>();
        while (part.find()) {
            parts.add(part.group(1));
        }
        assertThat(parts).as(name + ": the parts of the upload").isNotEmpty();
        assertThat(form.getProperties().keySet())
                .as(name + ": the parts the document describes")
                .containsAll(parts);
    }

    private void assertProblem(String name, HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        ValidationReport report = schemas.validate(
                response.body(), document.getComponents().getSchemas().get("Problem"), "problem");
        assertThat(report.getMessages())
                .as(name + ": " + response.body() + "\n" + format(report))
                .isEmpty();
    }

    private String created(String path, String body) throws Exception {
        HttpResponse<String> response = exchange("POST", path, Map.of("Content-Type", JSON), body);
        assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
        return json.readTree(response.body()).get("id").asString();
    }

    private void awaitEnd(String job) throws Exception {
        for (int i = 0; i < 600; i++) {
            String status = json.readTree(get("/api/v1/jobs/" + job).body())
                    .get("status")
                    .asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + job + " did not end");
    }

    private String lastEventId(String job) throws Exception {
        String stream = exchange("GET", "/api/v1/jobs/" + job + "/events", Map.of("Accept", "text/event-stream"), null)
                .body();
        Matcher id = Pattern.compile("(?m)^id:(\\d+)$").matcher(stream);
        String last = null;
        while (id.find()) {
            last = id.group(1);
        }
        return last;
    }

    private String resolve(String text) {
        String resolved = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            resolved = resolved.replace("{" + id.getKey() + "}", id.getValue());
        }
        return resolved;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return exchange("GET", path, Map.of(), null);
    }

    private HttpResponse<String> exchange(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        return send(port, method, path, headers, body);
    }

    private HttpResponse<String> send(int port, String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Request request(String method, String path, Map<String, String> headers, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, pathOnly(path));
        int query = path.indexOf('?');
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                request.withQueryParam(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        headers.forEach(request::withHeader);
        if (body != null) {
            request.withBody(body);
        }
        return request.build();
    }

    private static SimpleResponse response(HttpResponse<String> response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                builder.withHeader(name, values);
            }
        });
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static Request.Method method(String method) {
        return Request.Method.valueOf(method);
    }

    private static String format(ValidationReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(SimpleValidationReportFormat.getInstance().apply(report));
        return String.join("\n", lines);
    }
}
