package dev.gradfit.api;

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
import org.springframework.http.ProblemDetail;

/** Pieces of the OpenAPI description shared by several operations. */
final class ApiDocs {

    static final String PROBLEM_JSON = "application/problem+json";

    static final String FIT_EXAMPLE = """
            {
              "x": [1, 2, 3, 4, 5],
              "y": [6, 8, 10, 12, 14],
              "learningRate": 0.05,
              "epochs": 2000
            }""";

    /** 400 with an errors array. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "400",
            description = "Bad input: malformed JSON, missing, empty, ragged or mismatched arrays, numbers that"
                    + " are not finite, settings out of range. The errors array names each field and why.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @interface BadInput {}

    /** 404 for an unknown id. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "No model under this id: it never existed, was deleted or expired.",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @interface NotFound {}

    /** The JSON shape of {@link FeatureMatrix}: numbers, or rows of numbers. */
    static io.swagger.v3.oas.models.media.Schema<?> featureMatrixSchema() {
        var number = new NumberSchema().format("double");
        return new ComposedSchema()
                .addOneOfItem(new ArraySchema().items(number).description("One feature: one number per point."))
                .addOneOfItem(new ArraySchema()
                        .items(new ArraySchema().items(number).minItems(1))
                        .description("Several features: one row of numbers per point, all rows equally long."))
                .description("An array of numbers (one feature) or an array of equally long rows of numbers"
                        + " (several features). Every number must be finite.")
                .example(java.util.List.of(1, 2, 3, 4, 5));
    }

    private ApiDocs() {}
}
