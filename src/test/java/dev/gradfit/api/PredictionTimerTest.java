package dev.gradfit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The fast path's meter is named and tagged by the application's convention, as Spring's observation is. */
class PredictionTimerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void tagsByTheApplicationsConvention() {
        ServerRequestObservationConvention custom = new DefaultServerRequestObservationConvention("gradfit.requests") {
            @Override
            public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and("tenant", "acme");
            }
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("convention", custom);
        time(PredictionFastPathConfig.convention(
                beans.getBeanProvider(ServerRequestObservationConvention.class),
                beans.getBeanProvider(ObservationProperties.class)));

        assertThat(registry.find("gradfit.requests")
                        .tags(
                                "tenant",
                                "acme",
                                "uri",
                                PredictionFastPath.PATH_PATTERN,
                                "status",
                                "200",
                                "error",
                                "none")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void takesTheConfiguredNameWithoutAConventionBean() {
        ObservationProperties properties = new ObservationProperties();
        properties.getHttp().getServer().getRequests().setName("edge.requests");
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("observations", properties);
        time(PredictionFastPathConfig.convention(
                beans.getBeanProvider(ServerRequestObservationConvention.class),
                beans.getBeanProvider(ObservationProperties.class)));

        assertThat(registry.find("edge.requests")
                        .tags("method", "POST", "outcome", "SUCCESS")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find("http.server.requests").timer()).isNull();
    }

    private void time(ServerRequestObservationConvention convention) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/models/x/predictions");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new PredictionTimer(registry, convention).record(request, response, null, 1000);
    }
}
