package dev.gradfit.api;

import dev.gradfit.config.CorsProperties;
import dev.gradfit.config.HttpProperties;
import dev.gradfit.formats.json.NumberParsingPool;
import dev.gradfit.http.FilterOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers {@link PredictionFastPath} after the request filters ({@link FilterOrder}), unless
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
            PredictionFacade predictions,
            JsonMapper json,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
            MeterRegistry registry,
            ObjectProvider<ServerRequestObservationConvention> conventions,
            ObjectProvider<ObservationProperties> observations,
            NumberParsingPool pool) {
        PredictionTimer timer = new PredictionTimer(registry, convention(conventions, observations));
        FilterRegistrationBean<PredictionFastPath> registration =
                new FilterRegistrationBean<>(new PredictionFastPath(predictions, json, problems, timer, pool));
        registration.setOrder(FilterOrder.PREDICTION_FAST_PATH.order());
        registration.addUrlPatterns("/api/v1/models/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setEnabled(enabled);
        return registration;
    }

    /**
     * The convention Spring Boot gives the observation of HTTP requests: the application's own bean if it has
     * one, else Spring's default under {@code management.observations.http.server.requests.name}.
     */
    static ServerRequestObservationConvention convention(
            ObjectProvider<ServerRequestObservationConvention> conventions,
            ObjectProvider<ObservationProperties> observations) {
        return conventions.getIfAvailable(() -> {
            ObservationProperties properties = observations.getIfAvailable(ObservationProperties::new);
            return new DefaultServerRequestObservationConvention(
                    properties.getHttp().getServer().getRequests().getName());
        });
    }

    /** The requests the fast path times itself are left out of the observation of HTTP requests. */
    @Bean
    ObservationPredicate predictionsTimedByTheFastPath() {
        return (name, context) -> !(enabled
                && context instanceof ServerRequestObservationContext server
                && PredictionFastPath.takes(server.getCarrier()));
    }
}
