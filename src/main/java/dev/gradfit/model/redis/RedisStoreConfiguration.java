package dev.gradfit.model.redis;

import dev.gradfit.config.StoreProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis store and what it needs, when {@code gradfit.store.type=redis}. Spring Boot's Redis
 * auto-configuration ({@code spring.data.redis.*}, the {@code redis} health indicator) applies only then:
 * see {@link RedisAutoConfigurationFilter}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "redis")
class RedisStoreConfiguration {

    /**
     * While the connection is down, commands fail at once instead of queueing until their timeout: a
     * request gets its 503 without waiting, and no thread piles up behind a dead Redis.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Lettuce's reconnect delay grows to 30 s by default; capped at 1 s, a replica is back (and ready)
     * within a second of Redis.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectWithinASecond() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }

    @Bean
    RedisModelStore redisModelStore(RedisConnectionFactory connections, StoreProperties properties) {
        return new RedisModelStore(connections, properties);
    }

    /**
     * The near cache's meters under cache name {@code models} (Caffeine's {@code cache_size},
     * {@code cache_gets_total} by result, ...), and what the models in Redis take: {@code
     * gradfit_models_bytes} (encoded, what max-bytes bounds) and {@code gradfit_models_stored}, as of
     * this replica's last sync.
     */
    @Bean
    MeterBinder redisModelStoreMetrics(RedisModelStore store) {
        return registry -> {
            CaffeineCacheMetrics.monitor(registry, store.nearCache(), "models");
            Gauge.builder("gradfit.models.bytes", store, RedisModelStore::storedBytes)
                    .description("Encoded bytes of the models kept in Redis")
                    .baseUnit("bytes")
                    .register(registry);
            Gauge.builder("gradfit.models.stored", store, RedisModelStore::storedModels)
                    .description("Models kept in Redis")
                    .register(registry);
        };
    }
}
