package dev.gradfit.model.redis;

import com.github.benmanes.caffeine.cache.Cache;
import dev.gradfit.config.StoreProperties;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelCaches;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's near cache of the models in Redis, bounded like the memory store ({@link ModelCaches}).
 * Models never change, so it only ever forgets. It remembers which models it served since they were last
 * taken, so that those uses reach Redis's idle expiry, and counts what it forgets, so that a model read
 * from Redis while it was being deleted is not put back.
 */
final class NearCache {

    private static final Logger log = LoggerFactory.getLogger(NearCache.class);

    private final Cache<UUID, FittedModel> cache;
    private final Set<UUID> used = ConcurrentHashMap.newKeySet();
    private final AtomicLong forgotten = new AtomicLong();

    NearCache(StoreProperties properties) {
        this.cache = ModelCaches.bounded(properties);
    }

    /** The model if it is here, counted as a use; else {@code null}. */
    FittedModel get(UUID id) {
        FittedModel model = cache.getIfPresent(id);
        if (model != null) {
            used.add(id);
        }
        return model;
    }

    /** A model just saved. */
    void put(FittedModel model) {
        cache.put(model.id(), model);
    }

    /** A mark to take before reading a model from Redis, for {@link #putUnlessForgottenSince}. */
    long mark() {
        return forgotten.get();
    }

    /** Keeps a model read from Redis, unless any model was forgotten since {@code mark}: it may be this one. */
    void putUnlessForgottenSince(long mark, FittedModel model) {
        if (forgotten.get() == mark) {
            cache.put(model.id(), model);
        }
    }

    void forget(UUID id) {
        forgotten.incrementAndGet();
        cache.invalidate(id);
        used.remove(id);
    }

    /** Forgets the model an invalidation message names (its id as text); ignores anything else. */
    void forget(byte[] message) {
        try {
            forget(UUID.fromString(new String(message, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException notAnId) {
            log.warn("Ignored an invalidation that names no model id");
        }
    }

    /** The models used since the last call. */
    List<UUID> takeUses() {
        List<UUID> ids = new ArrayList<>(used);
        used.removeAll(ids);
        return ids;
    }

    /** Uses taken that could not be passed on, to pass on next time. */
    void giveBackUses(Collection<UUID> ids) {
        ids.stream().filter(id -> cache.getIfPresent(id) != null).forEach(used::add);
    }

    /** The ids of the models held now. */
    Object[] ids() {
        return cache.asMap().keySet().toArray();
    }

    /** The Caffeine cache itself, for metrics and tests. */
    Cache<UUID, FittedModel> cache() {
        return cache;
    }
}
