package dev.gradfit.model.memory;

import dev.gradfit.config.StoreProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The model cache's meters, cache name {@code models}: Caffeine's own ({@code cache_size},
 * {@code cache_evictions_total}, {@code cache_gets_total} by result, ...) and
 * {@code gradfit_models_bytes}, the estimated bytes the kept models hold (the weight that
 * {@code gradfit.store.max-bytes} bounds).
 */
@Component
@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "memory", matchIfMissing = true)
class ModelStoreMetrics implements MeterBinder {

    private final CaffeineModelStore store;

    ModelStoreMetrics(CaffeineModelStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, store.cache(), "models");
        Gauge.builder("gradfit.models.bytes", store, CaffeineModelStore::estimatedBytes)
                .description("Estimated bytes held by the kept models")
                .baseUnit("bytes")
                .register(registry);
    }
}
