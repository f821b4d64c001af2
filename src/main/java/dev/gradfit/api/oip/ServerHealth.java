package dev.gradfit.api.oip;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Whether the server is live and ready, as the actuator's probes say: ready is the readiness group
 * ({@code /actuator/health/readiness}: the application accepts traffic and, with the Redis store, Redis
 * answers), live is the application's liveness state. Ready means what the readiness probe's HTTP status
 * means: 200, so a Redis that is full (readiness {@code STORE_FULL}, still serving reads and predictions)
 * leaves the server ready here too.
 */
@Component
class ServerHealth {

    private static final String READINESS_GROUP = "readiness";

    private final ObjectProvider<HealthEndpoint> health;
    private final ObjectProvider<ApplicationAvailability> availability;
    private final ObjectProvider<HttpCodeStatusMapper> statusCodes;

    ServerHealth(
            ObjectProvider<HealthEndpoint> health,
            ObjectProvider<ApplicationAvailability> availability,
            ObjectProvider<HttpCodeStatusMapper> statusCodes) {
        this.health = health;
        this.availability = availability;
        this.statusCodes = statusCodes;
    }

    boolean live() {
        ApplicationAvailability states = availability.getIfAvailable();
        return states == null || states.getLivenessState() == LivenessState.CORRECT;
    }

    boolean ready() {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint != null) {
            HealthDescriptor readiness = endpoint.healthForPath(READINESS_GROUP);
            if (readiness != null) {
                HttpCodeStatusMapper codes = statusCodes.getIfAvailable();
                return codes == null
                        ? Status.UP.equals(readiness.getStatus())
                        : codes.getStatusCode(readiness.getStatus()) == 200;
            }
        }
        ApplicationAvailability states = availability.getIfAvailable();
        return states == null || states.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }
}
