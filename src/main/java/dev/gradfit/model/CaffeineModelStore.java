package dev.gradfit.model;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gradfit.config.StoreProperties;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Models in a Caffeine cache, bounded at once by count and by estimated bytes, expiring after an idle
 * time.
 *
 * <p>Caffeine bounds one weight, so both limits are folded into it: a model weighs its estimated bytes,
 * but never less than {@code maxBytes / maxModels}. Hence at most {@code maxModels} fit, and small
 * models cannot hide a large total.
 */
@Component
class CaffeineModelStore implements ModelStore {

    private static final Comparator<FittedModel> NEWEST_FIRST =
            Comparator.comparing(FittedModel::createdAt).reversed().thenComparing(FittedModel::id);

    private final Cache<UUID, FittedModel> cache;

    CaffeineModelStore(StoreProperties properties) {
        long budget = properties.maxBytes().toBytes();
        long floor = Math.max(1, budget / properties.maxModels());
        this.cache = Caffeine.newBuilder()
                .maximumWeight(budget)
                .weigher((UUID id, FittedModel model) ->
                        (int) Math.min(Integer.MAX_VALUE, Math.max(floor, model.estimatedBytes())))
                .expireAfterAccess(properties.idleTimeout())
                .recordStats()
                .build();
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
        return cache.policy()
                .eviction()
                .map(eviction -> eviction.weightedSize().orElse(0))
                .orElse(0L);
    }

    /** The underlying cache, for metrics. */
    Cache<UUID, FittedModel> cache() {
        return cache;
    }
}
