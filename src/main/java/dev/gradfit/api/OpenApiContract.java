package dev.gradfit.api;

import dev.gradfit.api.response.JobProgressBody;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
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
                        } else if (operation.getSecurity() == null) {
                            // Only /api asks for the key (ApiKeyFilter); say so rather than leave it unsaid.
                            operation.setSecurity(List.of());
                        }
                    }));
        }
        orderTags(api);
        // The data of a progress event: named by the event stream's x-event-data, used by no JSON body.
        ModelConverters.getInstance(true).read(JobProgressBody.class).forEach((name, schema) -> {
            if (api.getComponents().getSchemas() == null
                    || !api.getComponents().getSchemas().containsKey(name)) {
                api.getComponents().addSchemas(name, schema);
            }
        });
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(OpenApiContract::fixRefs);
        }
    }

    /**
     * The key is optional unless configured (then every /api request needs it), and with or without it an
     * operation may answer 401 and the problems every /api request may meet (404 for a bad path, 405, 406, 500).
     */
    private void secureApi(Operation operation) {
        SecurityRequirement key = new SecurityRequirement().addList(API_KEY_SCHEME);
        operation.setSecurity(apiKeyRequired ? List.of(key) : List.of(new SecurityRequirement(), key));
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
                            + " invalid-request for a malformed path parameter (400), internal-error (500)."));
        }
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
     * OpenAPI 3.1 reads a {@code $ref} beside other keywords as "this and those". A nullable property that refers
     * to another schema comes out of the annotations as {@code {"$ref": ..., "type": "null"}}, which nothing
     * matches: it becomes {@code anyOf: [{$ref}, {type: null}]}. A property whose annotation lists its shapes
     * ({@code oneOf}) keeps only those, not also the {@code $ref} of its Java type.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void fixRefs(Schema<?> schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        properties.replaceAll((name, property) -> {
            if (property.get$ref() != null && (property.getOneOf() != null || property.getAnyOf() != null)) {
                property.set$ref(null);
                return property;
            }
            Set<String> types = property.getTypes();
            if (property.get$ref() == null || types == null || !types.contains("null")) {
                return property;
            }
            Schema ref = new JsonSchema().$ref(property.get$ref());
            return new JsonSchema()
                    .anyOf(List.of(ref, new JsonSchema().types(Set.of("null"))))
                    .description(property.getDescription());
        });
    }
}
