package dev.gradfit.api;

import dev.gradfit.api.problem.ProblemBody;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.formats.arrow.ArrowTableReader;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Pieces of the OpenAPI description shared by several operations. */
public final class ApiDocs {

    static final String PROBLEM_JSON = "application/problem+json";

    /** How a CSV fit's options part is sent: as JSON. */
    static final String CSV_FIT_DESCRIPTION = "A CSV upload (multipart/form-data): the file part holds the data with"
            + " a header line; the target part (or query parameter) names the column to predict, the last one by"
            + " default; the other columns are the features, and their header names become the model's"
            + " featureNames. The features hold numbers; the target holds numbers or class labels: if one of its"
            + " cells is not a number, every cell is a label, its text as written (give target before the file"
            + " unless it is the last column). The offset part (or query parameter) names a column of offsets, one"
            + " finite number per point as the offset field of the JSON body (poisson, gamma and tweedie only):"
            + " that column is neither a feature nor the target. The options part holds the other settings as"
            + " JSON. Errors name the line and column, e.g. `line 7, column \"rooms\": \"abc\" is not a number`.";

    /** The media type of the plots. */
    static final String SVG = "image/svg+xml";

    static final String WIDTH = "Width of the picture in pixels, 200 to gradfit.plots.max-size (4000 by default).";
    static final String HEIGHT = "Height of the picture in pixels, 200 to gradfit.plots.max-size (4000 by default).";

    /** 200 with an SVG document: a string, so that Swagger UI shows the picture. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "200",
            description = "The plot, an SVG document (UTF-8): the same model and size always give the same bytes.",
            content = @Content(mediaType = SVG, schema = @Schema(type = "string")))
    @interface Svg {}

    /** 400 for a width or height out of range. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "400",
            description = "width or height is not a whole number from 200 to gradfit.plots.max-size, or a query"
                    + " parameter is malformed or given twice; the errors array names it.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface PlotSize {}

    /** 409 for a plot the model cannot have. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "409",
            description = "This plot does not apply to this model (problem type plot-not-applicable, the detail"
                    + " says why): residuals of a logistic model, the fit of a softmax model of several features,"
                    + " or the fit or residuals of a model that kept no"
                    + " training sample (fitted with gradfit.plots.sample-points 0, or by an older gradfit).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface PlotNotApplicable {}

    /** How an Arrow fit's body and query parameters are read. */
    static final String ARROW_FIT_DESCRIPTION = "An Apache Arrow IPC stream (application/vnd.apache.arrow.stream,"
            + " as pyarrow, pandas, polars, DuckDB and Spark write it): a schema, then record batches, which are"
            + " concatenated. Every column holds float64, float32 or integer (int8 to int64, uint8 to uint64)"
            + " values without nulls; floating-point values must be finite. The target may instead hold class"
            + " labels: utf8 or large_utf8, plain or dictionary-encoded, without nulls or empty labels. The query"
            + " parameter target names the"
            + " column to predict, the last one by default; the other columns are the features, in schema order,"
            + " and their field names become the model's featureNames. The query parameter offset names a column of"
            + " offsets (numbers, as the offset field of the JSON body: poisson, gamma and tweedie only), which is"
            + " then neither a feature nor the target. The query parameter options holds the"
            + " other settings as a JSON object, the fields of the JSON body but x, y, featureNames and"
            + " targetName, checked as the JSON body is (unknown fields are refused). Errors name the column and"
            + " the row (counted from 0), e.g. `column \"x\", row 7: the value is null`. A stream with a utf8 or"
            + " dictionary-encoded column besides the target, or options holding a design or a formula, is raw"
            + " rows, fitted as the JSON body's rows: text columns categorical (at most gradfit.design.max-levels"
            + " distinct values), nulls, empty strings and NaN missing; with a formula or design.columns only the"
            + " columns named are read.";

    static final String TARGET_PARAMETER = "CSV and Arrow bodies: the column to predict; the last column when absent.";

    static final String OFFSET_PARAMETER = "CSV and Arrow bodies: the column holding each point's offset, as the"
            + " offset field of the JSON body gives it (poisson, gamma and tweedie only); that column is then neither"
            + " a feature nor the target. It must hold finite numbers and may not be the target. No offsets when"
            + " absent.";

    static final String OPTIONS_PARAMETER = "Arrow bodies: the settings of the fit as a JSON object, URL-encoded,"
            + " e.g. {\"learningRate\": 0.05, \"epochs\": 2000}; the defaults when absent.";

    static final String FIT_EXAMPLE = """
            {
              "x": [1, 2, 3, 4, 5],
              "y": [6, 8, 10, 12, 14],
              "learningRate": 0.05,
              "epochs": 2000
            }""";

    static final String LOGISTIC_EXAMPLE = """
            {
              "x": [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0],
              "y": [0, 0, 0, 1, 0, 1, 1, 1],
              "loss": {"type": "logistic"},
              "l2": 0.01,
              "learningRate": 0.5,
              "epochs": 3000,
              "tolerance": 1e-9
            }""";

    static final String ADAM_EXAMPLE = """
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

    /** Features on scales 2000 times apart: plain descent at this rate diverges, standardized it converges. */
    static final String STANDARDIZED_EXAMPLE = """
            {
              "x": [[18, 42000], [22, 51000], [25, 38000], [19, 60000], [30, 45000], [27, 55000]],
              "y": [81, 98, 91, 101, 108, 112],
              "standardize": true,
              "learningRate": 0.1,
              "epochs": 500
            }""";

    static final String CONTINUE_EXAMPLE = """
            {
              "x": [1, 2, 3, 4, 5],
              "y": [6, 8, 10, 12, 14],
              "learningRate": 0.05,
              "epochs": 500
            }""";

    /** 400 with an errors array. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "400",
            description = "Bad input: malformed JSON, missing, empty, ragged or mismatched arrays, numbers that"
                    + " are not finite, settings out of range. The errors array names each field and why.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface BadInput {}

    /** 422 for a fit that ran away. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "422",
            description = "The fit diverged: the cost or gradient stopped being finite, the cost grew a"
                    + " thousandfold, or the fit stopped (at its last epoch, converged, early-stopped or out of"
                    + " time) with its cost above where it started or still rising above the stable learning"
                    + " rate; such a fit is never answered with a model. Says at which epoch, the last finite"
                    + " cost, what to try, and with full batches and the squared, huber, logistic or softmax"
                    + " loss the optimizer's stable learning rate (maxStableLearningRate).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface Diverged {}

    /** 404 for an unknown id. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "No model under this id: it never existed, was deleted or expired.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface NotFound {}

    /** 404 for an unknown job id. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "No job under this id (problem type job-not-found): it never existed, or it finished"
                    + " longer ago than gradfit.jobs.retention.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface JobNotFound {}

    static final String JOB_EXAMPLE = """
            {
              "x": [1, 2, 3, 4, 5],
              "y": [6, 8, 10, 12, 14],
              "learningRate": 0.01,
              "epochs": 200000
            }""";

    static final String CONTINUE_JOB_EXAMPLE = """
            {
              "parentId": "1b0c7c4e-0a9e-4d0c-9a43-5b0b8d7f2f61",
              "x": [1, 2, 3, 4, 5],
              "y": [6, 8, 10, 12, 14],
              "learningRate": 0.05,
              "epochs": 500
            }""";

    static final String PROGRESS_REF = "{\"$ref\": \"#/components/schemas/JobProgressBody\"}";
    static final String JOB_REF = "{\"$ref\": \"#/components/schemas/JobResponse\"}";

    static final String EVENTS_EXAMPLE = """
            id:1
            event:progress
            data:{"epoch":0,"cost":108.0,"learningRate":0.01,"weights":{"intercept":0.0,"coefficients":[0.0]}}

            id:2
            event:succeeded
            data:{"id":"2f8a3c1e-5b7d-4e9f-8a6b-1c2d3e4f5a6b","status":"SUCCEEDED","epoch":200000,"epochs":200000}

            """;

    /** 503 when the shared store does not answer. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "503",
            description =
                    "The shared store of models and jobs (Redis, with gradfit.store.type=redis) did not answer in time;"
                            + " Retry-After says when to try again.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface StoreUnavailable {}

    /** 507 when the shared store is out of memory and refuses to keep a new model or job. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "507",
            description = "The shared store (Redis, with gradfit.store.type=redis) is out of memory (maxmemory"
                    + " reached) and refused to keep anything new (problem type store-full); nothing was stored."
                    + " Reads and deletions go on.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface StoreFull {}

    /** 502 when the connection to the shared store broke while it held a write. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "502",
            description = "The connection to the shared store (Redis, with gradfit.store.type=redis) broke while"
                    + " it held this write (problem type store-outcome-unknown): it may or may not have been done."
                    + " Look before retrying. A 503 store-unavailable, by contrast, means not done.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface StoreOutcomeUnknown {}

    /** What any request with a body may meet while it is read: too slow (408), too large (413). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "408",
            description = "The body was still arriving gradfit.http.body-read-timeout after the request began, or"
                    + " stopped arriving for server.tomcat.connection-timeout (problem type body-read-timeout); the"
                    + " connection is closed.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(
            responseCode = "413",
            description = "The body is longer than gradfit.http.max-body-size, or reading it needs more heap than"
                    + " one request may hold of gradfit.http.max-in-flight-bytes (problem type body-too-large).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @ApiResponse(
            responseCode = "415",
            description = "The body's media type is not one the operation takes (see its request body).",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface BodyRead {}

    /** 503 for a fit or prediction: the server is busy, or the shared store does not answer. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "503",
            description = "Nothing was stored; Retry-After says when to try again. The request bodies being read"
                    + " hold the heap this one needs (server-busy, answered before the body is read); for a fit,"
                    + " every fit thread and queue slot is taken (fit-capacity-exceeded) or the fit outlasted"
                    + " gradfit.executor.max-wait (fit-timed-out); or the shared store (Redis, with"
                    + " gradfit.store.type=redis) did not answer in time (store-unavailable). A fit that ran out"
                    + " of heap (fit-out-of-memory) has no Retry-After: send fewer rows or columns.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemBody.class)))
    @interface Busy {}

    /**
     * Adds the Arrow stream body to the fit operations: springdoc merges their JSON, multipart and Arrow
     * methods into one operation and drops a body described by a bare binary schema.
     */
    static org.springdoc.core.customizers.OpenApiCustomizer fitBodies() {
        return api -> {
            for (String path : new String[] {"/api/v1/models", "/api/v1/jobs"}) {
                var item = api.getPaths() == null ? null : api.getPaths().get(path);
                if (item == null || item.getPost() == null || item.getPost().getRequestBody() == null) {
                    continue;
                }
                var post = item.getPost();
                post.getRequestBody()
                        .getContent()
                        .addMediaType(
                                ArrowTableReader.MEDIA_TYPE,
                                new io.swagger.v3.oas.models.media.MediaType()
                                        .schema(new io.swagger.v3.oas.models.media.StringSchema()
                                                .format("binary")
                                                .description(ARROW_FIT_DESCRIPTION)));
                post.setDescription(post.getDescription() + " The body may also be a CSV upload"
                        + " (multipart/form-data) or an Apache Arrow IPC stream. " + ARROW_FIT_DESCRIPTION);
                // The Arrow and CSV methods are hidden (their bodies are not JSON): their query parameters
                // are documented here, on the one operation.
                post.addParametersItem(queryParameter("target", TARGET_PARAMETER));
                post.addParametersItem(queryParameter("offset", OFFSET_PARAMETER));
                post.addParametersItem(queryParameter("options", OPTIONS_PARAMETER));
            }
        };
    }

    private static io.swagger.v3.oas.models.parameters.Parameter queryParameter(String name, String description) {
        return new io.swagger.v3.oas.models.parameters.Parameter()
                .name(name)
                .in("query")
                .required(false)
                .description(description)
                .schema(new io.swagger.v3.oas.models.media.StringSchema());
    }

    /** The JSON shape of {@link FeatureMatrix}: numbers, or rows of numbers. */
    static io.swagger.v3.oas.models.media.Schema<?> featureMatrixSchema() {
        var number = new NumberSchema().format("double");
        return new ComposedSchema()
                .addOneOfItem(new ArraySchema().items(number).description("One feature: one number per point."))
                .addOneOfItem(new ArraySchema()
                        .items(new ArraySchema().items(number).minItems(1))
                        .description("Several features: one row of numbers per point, all rows equally long."))
                .addOneOfItem(new ArraySchema()
                        .items(new io.swagger.v3.oas.models.media.ObjectSchema()
                                .additionalProperties(number)
                                .minProperties(1))
                        .description("Predictions from a model with featureNames only: one object per point,"
                                + " keyed by feature name, every row with every name, in any order."))
                .description("An array of numbers (one feature), an array of equally long rows of numbers"
                        + " (several features), or, to predict with a model that has featureNames, an array of"
                        + " objects keyed by those names ({\"size\": 3, \"rooms\": 2}). Every number must be"
                        + " finite.")
                .example(java.util.List.of(1, 2, 3, 4, 5));
    }

    /** Raw rows: objects keyed by column name whose values are numbers, strings or nulls. */
    static io.swagger.v3.oas.models.media.Schema<?> tableSchema() {
        // Any value, as OpenAPI 3.0 can say "a number, a string or null" to every generator: a client sends a map.
        var row = new io.swagger.v3.oas.models.media.ObjectSchema()
                .additionalProperties(Boolean.TRUE)
                .description("One row: each value a number (finite), a string (a level of a categorical column) or"
                        + " null (a missing cell). A column holds numbers or strings, not both.");
        return new ArraySchema()
                .items(row)
                .description("Raw rows: one object per row, keyed by column name. A key absent from a row is a"
                        + " missing cell of that row.")
                .example(java.util.List.of(
                        java.util.Map.of("size", 70, "city", "Paris"), java.util.Map.of("size", 55, "city", "Lyon")));
    }

    private ApiDocs() {}
}
