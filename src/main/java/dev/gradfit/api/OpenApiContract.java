package dev.gradfit.api;

import dev.gradfit.api.response.JobProgressBody;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What the annotations cannot say once for every operation: who may call /api (the optional API key), the
 * problems any /api operation may answer (401, and a default for the rest), the order of the tags, and
 * nullable references written the way OpenAPI 3.1 means them, and the schema of the job events' progress data.
 */
final class OpenApiContract implements OpenApiCustomizer {

    static final String API_KEY_SCHEME = "apiKey";
    static final String PROBLEM_REF = "#/components/schemas/Problem";

    /**
     * Properties that refer to another schema and may be null. In OpenAPI 3.0 the annotations' nullable is lost
     * on a {@code $ref}, so they are named here: schema.property.
     */
    static final Set<String> NULLABLE_REFS = Set.of("ReferenceBody.weights");

    /** Swagger UI shows the tags in this order; a tag no operation uses is left out. */
    static final List<Tag> TAG_ORDER = List.of(
            new Tag().name("models").description("Fit models by gradient descent and keep them."),
            new Tag().name("predictions").description("Predict with a kept model."),
            new Tag()
                    .name("jobs")
                    .description("Fit asynchronously: queue a fit too long for one request, follow its progress,"
                            + " cancel it, and find its model."),
            new Tag().name("plots").description("A kept model drawn as SVG."),
            new Tag()
                    .name("Open Inference Protocol")
                    .description("The KServe V2 inference protocol over the kept models."));

    private final boolean apiKeyRequired;

    OpenApiContract(boolean apiKeyRequired) {
        this.apiKeyRequired = apiKeyRequired;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() != null) {
            api.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> {
                        if (path.equals("/api") || path.startsWith("/api/")) {
                            secureApi(operation);
                        } else if (path.startsWith("/v2/models/")) {
                            // The protocol's model routes ask for the key too; their errors are its own bodies.
                            operation.setSecurity(security());
                        } else if (operation.getSecurity() == null) {
                            // Only /api and /v2/models ask for the key (ApiKeyFilter); say so rather than leave
                            // it unsaid.
                            operation.setSecurity(List.of());
                        }
                    }));
        }
        orderTags(api);
        // The data of a progress event: named by the event stream's x-event-data, used by no JSON body.
        boolean openApi31 = api.getSpecVersion() == SpecVersion.V31;
        ModelConverters.getInstance(openApi31).read(JobProgressBody.class).forEach((name, schema) -> {
            if (api.getComponents().getSchemas() == null
                    || !api.getComponents().getSchemas().containsKey(name)) {
                api.getComponents().addSchemas(name, schema);
            }
        });
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().forEach((schemaName, schema) -> {
                if (!openApi31) {
                    markNullableRefs(schemaName, schema, api.getComponents().getSchemas());
                }
                fixRefs(schema, openApi31);
                if (schema.getOneOf() != null) {
                    // Its branches say what it is (the loss may be a string); an added "object" would refuse them.
                    schema.setType(null);
                    schema.setTypes(null);
                }
            });
        }
    }

    /** The API key: optional unless configured. */
    private List<SecurityRequirement> security() {
        SecurityRequirement key = new SecurityRequirement().addList(API_KEY_SCHEME);
        return apiKeyRequired ? List.of(key) : List.of(new SecurityRequirement(), key);
    }

    /**
     * The key is optional unless configured (then every /api request needs it), and with or without it an
     * operation may answer 401 and the problems every /api request may meet (404 for a bad path, 405, 406, 500).
     */
    private void secureApi(Operation operation) {
        operation.setSecurity(security());
        ApiResponses responses = operation.getResponses();
        if (!responses.containsKey("401")) {
            responses.addApiResponse(
                    "401",
                    problem("The API key is missing or wrong (problem type unauthorized); only when"
                            + " gradfit.security.api-key is set."));
        }
        if (!responses.containsKey("default")) {
            responses.addApiResponse(
                    "default",
                    problem("Any other problem: method-not-allowed (405), not-acceptable (406),"
                            + " invalid-request (400) for a malformed path parameter or query string or a query"
                            + " parameter given twice, internal-error (500)."));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markNullableRefs(String schemaName, Schema schema, Map<String, Schema> components) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            properties.replaceAll(
                    (name, property) -> NULLABLE_REFS.contains(schemaName + "." + name) && property.get$ref() != null
                            ? nullable(property, components)
                            : property);
        }
    }

    /**
     * The referred object written out in place, with nullable: a {@code oneOf} of the reference beside
     * nullable is read differently by different 3.0 tools; an object that may be null is read the same by all.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property, Map<String, Schema> components) {
        String ref = property.get$ref();
        Schema target = components.get(ref.substring(ref.lastIndexOf('/') + 1));
        return new Schema<>()
                .type(target.getType())
                .properties(target.getProperties())
                .required(target.getRequired())
                .nullable(true)
                .description(property.getDescription() != null ? property.getDescription() : target.getDescription());
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                ApiDocs.PROBLEM_JSON, new MediaType().schema(new JsonSchema().$ref(PROBLEM_REF))));
    }

    private static void orderTags(OpenAPI api) {
        Set<String> used = new LinkedHashSet<>();
        if (api.getPaths() != null) {
            api.getPaths()
                    .values()
                    .forEach(item -> item.readOperations().forEach(operation -> {
                        if (operation.getTags() != null) {
                            used.addAll(operation.getTags());
                        }
                    }));
        }
        Map<String, Tag> declared = new LinkedHashMap<>();
        if (api.getTags() != null) {
            api.getTags().forEach(tag -> declared.put(tag.getName(), tag));
        }
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : TAG_ORDER) {
            if (used.remove(tag.getName())) {
                Tag annotated = declared.get(tag.getName());
                tags.add(annotated != null && annotated.getDescription() != null ? annotated : tag);
            }
        }
        for (String name : used) {
            tags.add(declared.getOrDefault(name, new Tag().name(name)));
        }
        api.setTags(tags);
    }

    /**
     * A nullable property that refers to another schema comes out of the annotations as a {@code $ref} beside
     * {@code nullable: true} (3.0, where keywords beside a {@code $ref} are ignored) or beside {@code type: null}
     * (3.1, where they must hold too, so that nothing matches). It becomes {@code {oneOf: [{$ref}], nullable:
     * true}} in 3.0 and {@code anyOf: [{$ref}, {type: null}]} in 3.1. A property whose annotation lists its shapes
     * ({@code oneOf}) keeps only those, not also the {@code $ref} of its Java type.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void fixRefs(Schema<?> schema, boolean openApi31) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        properties.replaceAll((name, property) -> {
            if (property.get$ref() != null && (property.getOneOf() != null || property.getAnyOf() != null)) {
                property.set$ref(null);
                return property;
            }
            if (property.get$ref() == null) {
                return property;
            }
            if (openApi31) {
                Set<String> types = property.getTypes();
                if (types == null || !types.contains("null")) {
                    return property;
                }
                Schema ref = new JsonSchema().$ref(property.get$ref());
                return new JsonSchema()
                        .anyOf(List.of(ref, new JsonSchema().types(Set.of("null"))))
                        .description(property.getDescription());
            }
            if (!Boolean.TRUE.equals(property.getNullable())) {
                return property;
            }
            return new Schema<>()
                    .oneOf(List.of(new Schema<>().$ref(property.get$ref())))
                    .nullable(true)
                    .description(property.getDescription());
        });
    }
}
