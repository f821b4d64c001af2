package dev.gradfit.api;

import dev.gradfit.api.request.FitCommandMapper;
import dev.gradfit.config.DesignProperties;
import dev.gradfit.config.ExecutorProperties;
import dev.gradfit.config.FitProperties;
import dev.gradfit.config.JobProperties;
import dev.gradfit.config.PlotProperties;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * The web layer alone: the controllers ({@link ModelController} and {@link PlotController} unless {@link #value}
 * names others), the request mapper, the event streams, problem mapping and JSON, with the default limits and a
 * clock fixed at {@link #NOW}. The service layer is not there: a test mocks it ({@code @MockitoBean}) or adds it with
 * {@link FitWebTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@Import({
    FitCommandMapper.class,
    JobEventStreams.class,
    JobEventsScheduling.class,
    MultipartFitReader.class,
    PredictionFacade.class,
    FitOptions.class,
    ArrowFitReader.class,
    ArrowConfig.class,
    ControllerSliceTest.Config.class
})
public @interface ControllerSliceTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {ModelController.class, PlotController.class};

    /** The instant every model of a slice test is created at. */
    String NOW = "2026-01-01T00:00:00Z";

    @TestConfiguration
    @EnableConfigurationProperties({
        FitProperties.class,
        DesignProperties.class,
        ExecutorProperties.class,
        JobProperties.class,
        PlotProperties.class
    })
    class Config {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC);
        }
    }
}
