package dev.gradfit.api;

import dev.gradfit.config.SecurityProperties;
import dev.gradfit.design.table.Table;
import dev.gradfit.formats.FeatureMatrix;
import dev.gradfit.http.ApiKeyHeader;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The title, version and description shown by Swagger UI, the API key scheme, and what {@link OpenApiContract} adds. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI gradfitOpenApi(ObjectProvider<BuildProperties> build) {
        // x is one JSON array of two shapes, not the record that holds it after parsing.
        SpringDocUtils.getConfig()
                .replaceWithSchema(FeatureMatrix.class, ApiDocs.featureMatrixSchema())
                // rows likewise: raw row objects, not the table of columns they are read into.
                .replaceWithSchema(Table.class, ApiDocs.tableSchema())
                // The event stream is documented as what it sends, not as the emitter that sends it.
                .addResponseTypeToIgnore(SseEmitter.class);
        BuildProperties properties = build.getIfAvailable();
        OpenAPI api = new OpenAPI()
                // Relative: the server that served the document, whatever name a client reached it by.
                .servers(List.of(new Server().url("/").description("This server")))
                .info(new Info()
                        .title("gradfit")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("Fits linear models by gradient descent and serves their predictions. POST"
                                + " x and y to /api/v1/models to fit; the response carries the weights, the"
                                + " cost and its history, and links to the kept model. A fit too long for one"
                                + " request runs as a job: POST the same body to /api/v1/jobs, then poll"
                                + " /api/v1/jobs/{id} or follow its events. Errors are RFC 9457 problem details"
                                + " (application/problem+json).")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
        // Declared whether or not a key is configured: Swagger UI's Authorize button then sends it, and the
        // operations say whether it is required (OpenApiContract).
        api.components(new Components()
                .addSecuritySchemes(
                        OpenApiContract.API_KEY_SCHEME,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name(ApiKeyHeader.NAME)
                                .description("Required on /api when gradfit.security.api-key is set; ignored"
                                        + " otherwise.")));
        return api;
    }

    @Bean
    OpenApiCustomizer gradfitOpenApiContract(ObjectProvider<SecurityProperties> security) {
        SecurityProperties settings = security.getIfAvailable();
        return new OpenApiContract(settings != null && settings.apiKeyRequired());
    }

    @Bean
    OpenApiCustomizer fitBodies() {
        return ApiDocs.fitBodies();
    }
}
