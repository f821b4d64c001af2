package dev.gradfit.api;

import dev.gradfit.api.request.FeatureMatrix;
import dev.gradfit.config.SecurityProperties;
import dev.gradfit.web.ApiKeyFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title, version and description shown by Swagger UI, and the API key scheme when one is required. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI gradfitOpenApi(ObjectProvider<BuildProperties> build, ObjectProvider<SecurityProperties> security) {
        // x is one JSON array of two shapes, not the record that holds it after parsing.
        SpringDocUtils.getConfig().replaceWithSchema(FeatureMatrix.class, ApiDocs.featureMatrixSchema());
        BuildProperties properties = build.getIfAvailable();
        OpenAPI api = new OpenAPI()
                .info(new Info()
                        .title("gradfit")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("Fits linear models by gradient descent and serves their predictions. POST"
                                + " x and y to /api/v1/models to fit; the response carries the weights, the"
                                + " cost and its history, and links to the kept model. A fit too long for one"
                                + " request runs as a job: POST the same body to /api/v1/jobs, then poll"
                                + " /api/v1/jobs/{id} or follow its events. Errors are RFC 9457 problem details"
                                + " (application/problem+json).")
                        .license(new License().name("Apache-2.0")));
        SecurityProperties settings = security.getIfAvailable();
        if (settings != null && settings.apiKeyRequired()) {
            // Swagger UI's Authorize button then sends the key with every request it tries out.
            api.components(new Components()
                            .addSecuritySchemes(
                                    "apiKey",
                                    new SecurityScheme()
                                            .type(SecurityScheme.Type.APIKEY)
                                            .in(SecurityScheme.In.HEADER)
                                            .name(ApiKeyFilter.HEADER)))
                    .addSecurityItem(new SecurityRequirement().addList("apiKey"));
        }
        return api;
    }

    @Bean
    OpenApiCustomizer fitBodies() {
        return ApiDocs.fitBodies();
    }
}
