package dev.gradfit.api;

import dev.gradfit.config.CorsProperties;
import dev.gradfit.config.HttpProperties;
import dev.gradfit.formats.json.NumberParsingPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers {@link PredictionFastPath} after the request filters (the API key's is the last of them), unless
 * {@code gradfit.http.fast-predictions} is off or CORS origins are configured.
 */
@Configuration(proxyBeanMethods = false)
class PredictionFastPathConfig {

    private final boolean enabled;

    PredictionFastPathConfig(HttpProperties http, CorsProperties cors) {
        this.enabled = http.fastPredictions() && cors.allowedOrigins().isEmpty();
    }

    @Bean
    FilterRegistrationBean<PredictionFastPath> predictionFastPath(
            ModelController models,
            JsonMapper json,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
            MeterRegistry registry,
            NumberParsingPool pool) {
        FilterRegistrationBean<PredictionFastPath> registration = new FilterRegistrationBean<>(
                new PredictionFastPath(models, json, problems, new PredictionTimer(registry), pool));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        registration.addUrlPatterns("/api/v1/models/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setEnabled(enabled);
        return registration;
    }

    /** The requests the fast path times itself are left out of the observation of HTTP requests. */
    @Bean
    ObservationPredicate predictionsTimedByTheFastPath() {
        return (name, context) -> !(enabled
                && context instanceof ServerRequestObservationContext server
                && PredictionFastPath.takes(server.getCarrier()));
    }
}
