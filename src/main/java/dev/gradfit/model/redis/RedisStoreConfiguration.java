package dev.gradfit.model.redis;

import dev.gradfit.config.StoreProperties;
import dev.gradfit.redis.RedisCalls;
import dev.gradfit.redis.RedisConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;

/**
 * The Redis store and what it needs, when {@code gradfit.store.type=redis}. Spring Boot's Redis
 * auto-configuration ({@code spring.data.redis.*}, the {@code redis} health indicator) applies only then:
 * see {@link RedisAutoConfigurationFilter}; what every user of Redis shares is in {@link RedisConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "redis")
class RedisStoreConfiguration {

    @Bean
    RedisModelStore redisModelStore(
            RedisCalls redis,
            RedisMessageListenerContainer redisListeners,
            @Qualifier(RedisConfiguration.SCHEDULER) TaskScheduler scheduler,
            StoreProperties properties) {
        return new RedisModelStore(redis, redisListeners, scheduler, properties);
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
