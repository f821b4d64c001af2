package dev.gradfit.model.memory;

import com.github.benmanes.caffeine.cache.Cache;
import dev.gradfit.config.StoreProperties;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelCaches;
import dev.gradfit.model.ModelStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The memory store ({@code gradfit.store.type=memory}, the default): models in a Caffeine cache on this
 * replica's heap, bounded at once by count and by estimated bytes, expiring after an idle time (see
 * {@link ModelCaches}).
 */
@Component
@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "memory", matchIfMissing = true)
class CaffeineModelStore implements ModelStore {

    private static final Comparator<FittedModel> NEWEST_FIRST =
            Comparator.comparing(FittedModel::createdAt).reversed().thenComparing(FittedModel::id);

    private final Cache<UUID, FittedModel> cache;

    CaffeineModelStore(StoreProperties properties) {
        this.cache = ModelCaches.bounded(properties);
    }

    @Override
    public void save(FittedModel model) {
        cache.put(model.id(), model);
    }

    @Override
    public Optional<FittedModel> find(UUID id) {
        return Optional.ofNullable(cache.getIfPresent(id));
    }

    @Override
    public boolean delete(UUID id) {
        return cache.asMap().remove(id) != null;
    }

    @Override
    public List<FittedModel> list(long offset, int limit) {
        return cache.asMap().values().stream()
                .sorted(NEWEST_FIRST)
                .skip(offset)
                .limit(limit)
                .toList();
    }

    @Override
    public long count() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The weight the cache holds: the models' estimated bytes, each counted at least at the floor. */
    long estimatedBytes() {
        return ModelCaches.weightedBytes(cache);
    }

    /** The underlying cache, for metrics. */
    Cache<UUID, FittedModel> cache() {
        return cache;
    }
}
