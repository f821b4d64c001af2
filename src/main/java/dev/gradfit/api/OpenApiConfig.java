package dev.gradfit.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title, version and description shown by Swagger UI. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI gradfitOpenApi(ObjectProvider<BuildProperties> build) {
        // x is one JSON array of two shapes, not the record that holds it after parsing.
        SpringDocUtils.getConfig().replaceWithSchema(FeatureMatrix.class, ApiDocs.featureMatrixSchema());
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("gradfit")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("Fits linear models by gradient descent and serves their predictions. POST"
                                + " x and y to /api/v1/models to fit; the response carries the weights, the"
                                + " cost and its history, and links to the kept model. Errors are RFC 9457"
                                + " problem details (application/problem+json).")
                        .license(new License().name("Apache-2.0")));
    }
}
