package dev.gradfit.api.oip;

import dev.gradfit.formats.oip.TensorData;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents a tensor's data as the JSON it is: in a request numbers, flat or nested, not the record they are
 * read into; in a response a flat array of numbers, not the Java object that holds them.
 */
@Configuration(proxyBeanMethods = false)
class OipDocs {

    OipDocs() {
        SpringDocUtils.getConfig().replaceWithSchema(TensorData.class, tensorDataSchema());
    }

    @Bean
    OpenApiCustomizer oipResponseDataSchema() {
        return api -> {
            var schemas =
                    api.getComponents() == null ? null : api.getComponents().getSchemas();
            if (api.getComponents() != null) {
                api.getComponents().addSchemas(TENSOR_ELEMENT, tensorElementSchema());
                ModelConverters.getInstance().read(OipError.class).forEach(api.getComponents()::addSchemas);
            }
            if (api.getPaths() != null) {
                // Every error of the protocol has its one body: said once here, not on each answer.
                api.getPaths().forEach((path, item) -> {
                    if (path.startsWith(OipErrorBodies.PREFIX + "/health")) {
                        item.readOperations().forEach(OipDocs::describeHealthErrors);
                    } else if (path.startsWith(OipErrorBodies.PREFIX)) {
                        item.readOperations().forEach(OipDocs::addCommonErrors);
                        item.readOperations()
                                .forEach(operation -> operation.getResponses().forEach((code, answer) -> {
                                    if (code.charAt(0) >= '4') {
                                        answer.setContent(errorContent());
                                    }
                                }));
                    }
                });
            }
            if (api.getPaths() != null) {
                // GET /v2/ answers as GET /v2 does; the document names the one without the trailing slash.
                api.getPaths().remove("/v2/");
            }
            if (schemas != null) {
                // A parameter's value is a string, number or boolean in the protocol, not an object.
                schemas.forEach((name, schema) -> {
                    Schema<?> parameters = name.startsWith("Oip") && schema.getProperties() != null
                            ? (Schema<?>) schema.getProperties().get("parameters")
                            : null;
                    if (parameters != null) {
                        parameters.setAdditionalProperties(new Schema<>()
                                .anyOf(List.of(new StringSchema(), new NumberSchema(), new BooleanSchema())));
                    }
                });
            }
            Schema<?> output = schemas == null ? null : schemas.get("OipResponseOutput");
            if (output != null && output.getProperties() != null) {
                output.getProperties()
                        .put(
                                "data",
                                new ArraySchema()
                                        .items(new NumberSchema())
                                        .description(
                                                "One value per input row, in order: predictions and"
                                                        + " probabilities as numbers, labels as the model's classes (the integers 0 and 1, or strings).")
                                        .example(List.of(16, 18, 24)));
            }
        };
    }

    /**
     * The errors any protocol operation may answer whatever its path: a request Tomcat cannot read, a query
     * string that is not valid percent-encoded UTF-8 or gives a parameter twice (400), and, where the answer has a body, an Accept header
     * that allows no application/json (406).
     */
    private static void addCommonErrors(io.swagger.v3.oas.models.Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (!responses.containsKey("400")) {
            responses.addApiResponse(
                    "400",
                    new ApiResponse()
                            .description("The request is not HTTP gradfit can read, its query string is not"
                                    + " valid percent-encoded UTF-8, or it gives a query parameter twice."));
        }
        boolean hasBody = responses.entrySet().stream()
                .anyMatch(entry ->
                        entry.getKey().startsWith("2") && entry.getValue().getContent() != null);
        if (hasBody && !responses.containsKey("406")) {
            responses.addApiResponse(
                    "406", new ApiResponse().description("The Accept header allows no application/json."));
        }
    }

    /**
     * A health route answers "false" with an empty 400, as the protocol says; a request it cannot read (a query
     * string that is not valid percent-encoded UTF-8, HTTP Tomcat refuses) is a 400 too, with the protocol's
     * error body like every other.
     */
    private static void describeHealthErrors(io.swagger.v3.oas.models.Operation operation) {
        ApiResponse answer = operation.getResponses().get("400");
        if (answer == null) {
            return;
        }
        answer.setDescription(answer.getDescription()
                + " No body. A request that cannot be read (its query string is not valid percent-encoded UTF-8,"
                + " or it is not HTTP gradfit can read) is a 400 too, with the protocol's error body.");
        answer.setContent(errorContent());
    }

    private static Content errorContent() {
        return new Content()
                .addMediaType(
                        org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref(OIP_ERROR_REF)));
    }

    private static final String TENSOR_ELEMENT = "OipTensorElement";
    private static final String OIP_ERROR_REF = "#/components/schemas/OipError";
    private static final String TENSOR_ELEMENT_REF = "#/components/schemas/" + TENSOR_ELEMENT;

    /** An element of tensor_data: a number, string or boolean, or an array of elements (nested as the shape). */
    static Schema<?> tensorElementSchema() {
        return new Schema<>()
                .description("A value, or an array of values nested as the tensor's shape; null is a missing cell,"
                        + " taken by a model fitted from rows only.")
                .anyOf(List.of(
                        // In OpenAPI 3.0 null is a nullable value of a type, not a type of its own.
                        new NumberSchema().nullable(true),
                        new StringSchema().nullable(true),
                        new BooleanSchema(),
                        new ArraySchema().items(new Schema<>().$ref(TENSOR_ELEMENT_REF))));
    }

    /** The protocol's tensor_data: an array of numbers, strings, booleans or nested arrays of them. */
    static Schema<?> tensorDataSchema() {
        return new ArraySchema()
                .items(new Schema<>().$ref(TENSOR_ELEMENT_REF))
                .description("The tensor's elements in row-major order, flat ([1, 2, 3, 4]) or nested as the shape"
                        + " ([[1, 2], [3, 4]]). gradfit reads finite numbers; for a model fitted from rows also"
                        + " strings, for BYTES (the protocol's JSON form: one string per element), and null, a missing"
                        + " cell that the model fills or refuses as its design's missing says. A tensor holds numbers"
                        + " or strings, not both.")
                .example(List.of(6, 7, 10));
    }
}
