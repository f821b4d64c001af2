package dev.gradfit.web;

import dev.gradfit.config.CorsProperties;
import dev.gradfit.config.HttpProperties;
import dev.gradfit.config.SecurityProperties;
import dev.gradfit.http.FilterOrder;
import dev.gradfit.memory.InFlightMemory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.coyote.ContinueResponseTiming;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the filters in the order {@link FilterOrder} gives them: the request id (so that every answer, refusals
 * included, carries one), then the query check, the body guard (size, memory, time), the Content-Type check and the API key. Enables its own settings,
 * so that web slice tests, which pick up this configuration, get them too. Refusals are handed to the application's exception
 * handling, so that they are the same problem documents as every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CorsProperties.class, HttpProperties.class, SecurityProperties.class})
class WebConfig implements WebMvcConfigurer {

    private final CorsProperties cors;

    WebConfig(CorsProperties cors) {
        this.cors = cors;
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(FilterOrder.REQUEST_ID.order());
        return registration;
    }

    /** Ahead of everything that may read a parameter: a query Tomcat cannot decode is a 400 on every route. */
    @Bean
    FilterRegistrationBean<QueryStringFilter> queryStringFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<QueryStringFilter> registration =
                new FilterRegistrationBean<>(new QueryStringFilter(problems));
        registration.setOrder(FilterOrder.QUERY_STRING.order());
        return registration;
    }

    /** The heap budget of request bodies in flight, shared by every request of this process. */
    @Bean
    InFlightMemory inFlightMemory(HttpProperties http) {
        return new InFlightMemory(
                http.effectiveMaxInFlightBytes(),
                http.smallRequestShare(),
                http.smallRequestSize().toBytes());
    }

    /** {@code gradfit_http_in_flight_bytes} and {@code gradfit_http_in_flight_capacity_bytes} in Prometheus. */
    @Bean
    MeterBinder inFlightMemoryMeters(InFlightMemory memory) {
        return registry -> {
            Gauge.builder("gradfit.http.in.flight", memory, InFlightMemory::reserved)
                    .description("Heap reserved by the request bodies being read and handled")
                    .baseUnit("bytes")
                    .register(registry);
            Gauge.builder("gradfit.http.in.flight.capacity", memory, InFlightMemory::capacity)
                    .description("The in-flight budget, gradfit.http.max-in-flight-bytes")
                    .baseUnit("bytes")
                    .register(registry);
        };
    }

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(
            HttpProperties http,
            InFlightMemory memory,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(new RequestBodyFilter(
                http.maxBodySize().toBytes(), memory, http.heapPerBodyByte(), http.bodyReadTimeout(), problems));
        registration.setOrder(FilterOrder.REQUEST_BODY.order());
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<ContentTypeFilter> registration =
                new FilterRegistrationBean<>(new ContentTypeFilter(problems));
        registration.setOrder(FilterOrder.CONTENT_TYPE.order());
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(
            SecurityProperties security, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<ApiKeyFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyFilter(security.apiKey(), problems));
        registration.setOrder(FilterOrder.API_KEY.order());
        registration.setEnabled(security.apiKeyRequired());
        return registration;
    }

    /** Problem documents for the errors Tomcat answers itself, ahead of its HTML error page. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(
                context -> context.getParent().getPipeline().addValve(new ProblemErrorReportValve()));
    }

    /**
     * {@code 100 Continue} only when the application first reads the body. Tomcat sends it as soon as the request
     * arrives by default, so that a body refused unread (longer than gradfit.http.max-body-size, of the wrong
     * Content-Type, without its API key) was asked for before its refusal.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming(ContinueResponseTiming.ON_REQUEST_BODY_READ.toString());
            }
        });
    }

    /**
     * The playground page at {@code /}, whatever the request's Accept header: Spring Boot's own welcome page
     * answers a bare 406 to a client that does not accept HTML. Other methods reach the page's file and get a
     * 405 problem.
     */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/index.html");
    }

    /**
     * Closed unless origins are configured: then those origins, on /api and the Open Inference Protocol's
     * /v2, and only the API's own methods and headers.
     */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (cors.allowedOrigins().isEmpty()) {
            return;
        }
        for (String paths : new String[] {"/api/**", "/v2/**"}) {
            registry.addMapping(paths)
                    .allowedOrigins(cors.allowedOrigins().toArray(String[]::new))
                    .allowedMethods("GET", "POST", "DELETE")
                    .allowedHeaders(
                            "Content-Type", "Accept", "Last-Event-ID", ApiKeyFilter.HEADER, RequestIdFilter.HEADER)
                    .exposedHeaders("Location", "Retry-After", RequestIdFilter.HEADER)
                    .maxAge(3600);
        }
    }
}
