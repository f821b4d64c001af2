package dev.gradfit.config;

import java.util.List;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON mapper's builder, made on a parser factory that enforces {@link JsonProperties}.
 *
 * <p>Jackson 3 fixes the stream read constraints in the factory, and a {@link JsonMapperBuilderCustomizer}
 * gets a builder whose factory is already made; Spring Boot 4.0 has no properties for them either. So this
 * replaces Boot's builder bean with one on a constrained factory and applies every customizer to it, as
 * Boot's does: {@code spring.jackson.*} and the {@code @JacksonComponent} deserializers still apply.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder jsonMapperBuilder(JsonProperties limits, List<JsonMapperBuilderCustomizer> customizers) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxNumberLength(limits.maxNumberLength())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxNameLength())
                // No length of its own: gradfit.http.max-body-size bounds every body as it is read, so a body
                // within that limit never trips a second, separately set one.
                .maxDocumentLength(-1)
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(
                JsonFactory.builder().streamReadConstraints(constraints).build());
        customizers.forEach(customizer -> customizer.customize(builder));
        // Doubles written by the Schubfach algorithm, several times faster than Java 17's Double.toString:
        // still the shortest decimal that reads back to the same double (1e6 predictions are 1e6 doubles).
        builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
        // {"x": [...], "x": [...]} is ambiguous: refuse it rather than keep the last.
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        // "epochs": "100" is a string, not a number, as "learningRate": "0.1" already is.
        builder.withCoercionConfig(
                LogicalType.Integer, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
        return builder;
    }
}
