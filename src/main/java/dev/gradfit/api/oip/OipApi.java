package dev.gradfit.api.oip;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** The Open Inference Protocol endpoints as the OpenAPI document describes them. */
@RequestMapping(OipErrorBodies.PREFIX)
@Tag(
        name = "Open Inference Protocol",
        description = "The KServe V2 / Open Inference Protocol REST API, as KServe, Triton, Seldon MLServer and"
                + " OpenVINO serve it: every model under its id, with one version, \"1\". Errors are the"
                + " protocol's {\"error\": \"...\"} in application/json.")
interface OipApi {

    String INFER_EXAMPLE = """
            {
              "id": "42",
              "inputs": [
                {"name": "x", "shape": [3, 1], "datatype": "FP64", "data": [6, 7, 10]}
              ],
              "outputs": [{"name": "predictions"}]
            }""";

    String NESTED_EXAMPLE = """
            {
              "inputs": [
                {"name": "x", "shape": [2, 2], "datatype": "FP64", "data": [[1, 2], [3, 4]]}
              ]
            }""";

    String ROWS_EXAMPLE = """
            {
              "inputs": [
                {"name": "size", "shape": [3], "datatype": "FP64", "data": [70, null, 55]},
                {"name": "city", "shape": [3], "datatype": "BYTES", "data": ["Paris", "Lyon", null]}
              ]
            }""";

    @Operation(
            summary = "Server metadata",
            description = "The server's name (gradfit), version and protocol extensions (none).")
    @ApiResponse(responseCode = "200", description = "The server metadata.")
    @GetMapping(
            path = {"", "/"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ServerMetadata serverMetadata();

    @Operation(
            summary = "Server live",
            description = "200 while the server can answer metadata and inference requests; for a livenessProbe."
                    + " No body.")
    @ApiResponse(responseCode = "200", description = "Live.")
    @ApiResponse(responseCode = "400", description = "Not live (the application's liveness state is broken).")
    @GetMapping("/health/live")
    ResponseEntity<Void> live();

    @Operation(
            summary = "Server ready",
            description = "200 when the server is ready for inference: the application accepts traffic and, with"
                    + " gradfit.store.type=redis, Redis answers (the readiness group of"
                    + " /actuator/health/readiness); for a readinessProbe. No body. As the protocol says, not"
                    + " ready is a 4xx: 400.")
    @ApiResponse(responseCode = "200", description = "Ready.")
    @ApiResponse(responseCode = "400", description = "Not ready.")
    @GetMapping("/health/ready")
    ResponseEntity<Void> ready();

    @Operation(
            summary = "Model ready",
            description = "200 when the model is kept (a kept model is always ready), with no body.")
    @ApiResponse(responseCode = "200", description = "The model is ready.")
    @NotFound
    @Unavailable
    @GetMapping({"/models/{name}/ready", "/models/{name}/versions/{version}/ready"})
    ResponseEntity<Void> modelReady(
            @Parameter(description = "The model's id.") @PathVariable String name,
            @Parameter(description = "The model's version: \"1\", the only one.") @PathVariable(required = false)
                    String version);

    @Operation(
            summary = "Model metadata",
            description = "The model's name (its id), versions ([\"1\"]), platform (gradfit), inputs (x: FP64"
                    + " [-1, features]) and outputs: predictions (FP64 [-1]), or probabilities (FP64 [-1]) and"
                    + " labels ([-1]: INT64 for 0 and 1, BYTES for named classes) for a model fitted with the logistic loss."
                    + " A model fitted from rows (one with a design) lists instead one input per table column"
                    + " its design reads, in the design's order, named as the column, shape [-1]: FP64 for a"
                    + " column read as numbers, BYTES for a column read by its levels (text, or numeric codes"
                    + " declared categorical).")
    @ApiResponse(responseCode = "200", description = "The model metadata.")
    @NotFound
    @Unavailable
    @GetMapping(
            path = {"/models/{name}", "/models/{name}/versions/{version}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ModelMetadata modelMetadata(
            @Parameter(description = "The model's id.") @PathVariable String name,
            @Parameter(description = "The model's version: \"1\", the only one.") @PathVariable(required = false)
                    String version);

    @Operation(
            summary = "Inference",
            description = "Predicts for each row of the input, as POST /api/v1/models/{id}/predictions does. The"
                    + " input is one tensor of shape [rows, features] (any name; [rows] too for a one-feature"
                    + " model), or one tensor per feature of shape [rows] or [rows, 1]: matched to the features"
                    + " by name when every tensor is named after one (the model's feature_names), in column"
                    + " order when none is; some named after features and others not is a 400. data is"
                    + " flat in row-major order or nested as the shape; every value a finite number (for a model"
                    + " fitted from rows, see below). Datatypes"
                    + " FP64, FP32 and the integer types are read as FP64; others are a 400. The outputs are"
                    + " predictions, or probabilities and labels for a logistic model (parameters.threshold,"
                    + " 0.5 unless given, labels a row 1 from that probability); outputs chooses among them."
                    + " A model fitted from rows (one with a design) takes one tensor per table column its design"
                    + " reads (its metadata lists them), named as the column, each [rows] or [rows, 1], in any"
                    + " order: FP64 (or another number type) for a column read as numbers; BYTES for a text"
                    + " column, data an array of JSON strings; a categorical column of numeric codes as BYTES"
                    + " (\"2\") or numbers. A null element is a missing cell, as null is in rows: the model"
                    + " fills it as its design's missing says (mean, indicator) or refuses it (refuse, skip). A"
                    + " level the training rows never held follows the model's unknownLevels (error: a 400"
                    + " naming the tensor, the row and the level). The answer is the one POST"
                    + " /api/v1/models/{id}/predictions gives for the same rows."
                    + " The request's id comes back as the response's id; model_version is given when the"
                    + " path names the version. Limits as for predictions: gradfit.fit.max-points rows,"
                    + " gradfit.http.max-body-size.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            examples = {
                                                @ExampleObject(name = "one feature", value = INFER_EXAMPLE),
                                                @ExampleObject(name = "nested rows", value = NESTED_EXAMPLE),
                                                @ExampleObject(name = "a model fitted from rows", value = ROWS_EXAMPLE)
                                            })))
    @ApiResponse(responseCode = "200", description = "One value per row for each output.")
    @ApiResponse(
            responseCode = "400",
            description = "Bad input: malformed JSON, a missing field, an unsupported datatype, a shape that does"
                    + " not match the data or the model's features, a number that is not finite, an unknown"
                    + " output, more rows than gradfit.fit.max-points; for a model fitted from rows, a tensor"
                    + " missing for a column, named after no column or twice, of a datatype the column does not"
                    + " take (BYTES for a numeric column, numbers for a text one), shapes whose rows differ, a"
                    + " level the training rows never held (unknownLevels error) or a missing cell the model"
                    + " does not fill; a query string that is not valid"
                    + " percent-encoded UTF-8, or a request that is not HTTP gradfit can read.")
    @NotFound
    @ApiResponse(
            responseCode = "408",
            description = "The body was still arriving gradfit.http.body-read-timeout after the request began, or"
                    + " stopped arriving for server.tomcat.connection-timeout.")
    @ApiResponse(
            responseCode = "413",
            description = "The body is longer than gradfit.http.max-body-size, or needs more heap than one request"
                    + " may hold of gradfit.http.max-in-flight-bytes.")
    @ApiResponse(responseCode = "415", description = "The body is not application/json.")
    @ApiResponse(
            responseCode = "503",
            description = "Retry-After says when to try again: the request bodies being read hold the heap this"
                    + " one needs (server-busy), or the shared store (Redis) did not answer in time"
                    + " (store-unavailable).")
    @PostMapping(
            path = {"/models/{name}/infer", "/models/{name}/versions/{version}/infer"},
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    InferenceResponse infer(
            @Parameter(description = "The model's id.") @PathVariable String name,
            @Parameter(description = "The model's version: \"1\", the only one.") @PathVariable(required = false)
                    String version,
            @Valid @RequestBody InferenceRequest request);

    /** 404 for an unknown model or version; 401 without the API key, when one is configured. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "401",
            description = "The API key is missing or wrong; only when gradfit.security.api-key is set.")
    @ApiResponse(
            responseCode = "404",
            description = "No model under this name (its id): it never existed, was deleted or expired; or a"
                    + " version other than \"1\".")
    @interface NotFound {}

    /** 503 when the shared store does not answer. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "503",
            description =
                    "The shared store of models and jobs (Redis, with gradfit.store.type=redis) did not answer in time;"
                            + " Retry-After says when to try again.")
    @interface Unavailable {}
}
