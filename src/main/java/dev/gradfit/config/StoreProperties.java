package dev.gradfit.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where fitted models are kept, and how many.
 *
 * @param type {@code memory} (one replica, models on its heap) or {@code redis} (models in Redis, shared by
 *     every replica, through Spring Boot's {@code spring.data.redis.*} settings)
 * @param maxModels the most models kept at once; the least recently used go first. With Redis it bounds
 *     the models in Redis and, separately, each replica's near cache
 * @param maxBytes the most memory the kept models may hold: by heap estimate in memory and in a near
 *     cache, by encoded size in Redis
 * @param idleTimeout how long a model nobody reads or predicts with is kept
 * @param retryAfter what {@code Retry-After} tells a client when Redis does not answer
 */
@Validated
@ConfigurationProperties("gradfit.store")
public record StoreProperties(
        @DefaultValue("memory") @NotNull Type type,
        @DefaultValue("1000") @Min(1) int maxModels,
        @DefaultValue("256MB") DataSize maxBytes,
        @DefaultValue("1h") Duration idleTimeout,
        @DefaultValue("5s") Duration retryAfter) {

    /** The property that chooses the store, for conditions on beans. */
    public static final String TYPE = "gradfit.store.type";

    /** A store of {@code type} with these bounds and idle timeout; Retry-After 5 s. */
    public static StoreProperties of(Type type, int maxModels, DataSize maxBytes, Duration idleTimeout) {
        return new StoreProperties(type, maxModels, maxBytes, idleTimeout, Duration.ofSeconds(5));
    }

    /** The kinds of store. */
    public enum Type {
        /** A Caffeine cache on this replica's heap: the default, nothing else to run. */
        MEMORY,
        /** Redis, shared by every replica, with a Caffeine near cache on each. */
        REDIS
    }
}
