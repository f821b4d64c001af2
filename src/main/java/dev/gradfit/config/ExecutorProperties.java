package dev.gradfit.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many fits run at once, and how many may wait. Predictions never go through this executor.
 *
 * @param threads fits that run at the same time; 0 means one per available processor
 * @param queueCapacity fits that may wait for a thread; when they are all taken, a fit is refused with
 *     503 and {@code Retry-After} at once instead of queueing without bound
 * @param maxWait how long a request waits for its fit, queueing included; a fit still running then is
 *     stopped, nothing is stored, and the answer is 503
 * @param retryAfter what {@code Retry-After} tells a refused client, rounded up to whole seconds
 */
@Validated
@ConfigurationProperties("gradfit.executor")
public record ExecutorProperties(
        @DefaultValue("0") @Min(0) int threads,
        @DefaultValue("4") @Min(0) int queueCapacity,
        @DefaultValue("2m") Duration maxWait,
        @DefaultValue("2s") Duration retryAfter) {

    /** The number of fit threads, {@link #threads} or the number of processors when it is 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
