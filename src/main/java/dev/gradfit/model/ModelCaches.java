package dev.gradfit.model;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gradfit.config.StoreProperties;
import java.util.UUID;

/**
 * The Caffeine cache that holds models on a replica's heap: the whole memory store, or the Redis store's
 * near cache. Bounded at once by count and by estimated bytes, expiring after an idle time.
 *
 * <p>Caffeine bounds one weight, so both limits are folded into it: a model weighs its estimated bytes,
 * but never less than {@code maxBytes / maxModels}. Hence at most {@code maxModels} fit, and small
 * models cannot hide a large total.
 */
public final class ModelCaches {

    private ModelCaches() {}

    /** A cache bounded by {@code properties}' max-models, max-bytes and idle timeout, recording stats. */
    public static Cache<UUID, FittedModel> bounded(StoreProperties properties) {
        long budget = properties.maxBytes().toBytes();
        long floor = Math.max(1, budget / properties.maxModels());
        return Caffeine.newBuilder()
                .maximumWeight(budget)
                .weigher((UUID id, FittedModel model) ->
                        (int) Math.min(Integer.MAX_VALUE, Math.max(floor, model.estimatedBytes())))
                .expireAfterAccess(properties.idleTimeout())
                .recordStats()
                .build();
    }

    /** The weight {@code cache} holds: its models' estimated bytes, each counted at least at the floor. */
    public static long weightedBytes(Cache<UUID, FittedModel> cache) {
        return cache.policy()
                .eviction()
                .map(eviction -> eviction.weightedSize().orElse(0))
                .orElse(0L);
    }
}
