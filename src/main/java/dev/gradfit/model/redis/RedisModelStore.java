package dev.gradfit.model.redis;

import com.github.benmanes.caffeine.cache.Cache;
import dev.gradfit.config.StoreProperties;
import dev.gradfit.model.DecodingException;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelCodec;
import dev.gradfit.model.ModelStore;
import dev.gradfit.model.StoreFullException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.redis.RedisCalls;
import dev.gradfit.redis.RedisConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;

/**
 * The Redis store ({@code gradfit.store.type=redis}): models shared by every replica, with a Caffeine near
 * cache on each.
 *
 * <p>In Redis, each model is a string {@code gradfit:model:{id}} holding its {@link ModelCodec} encoding,
 * with a TTL of the idle timeout; three structures index them: {@code gradfit:models:created} (sorted by
 * creation, for listing), {@code gradfit:models:deadlines} (sorted by when the idle expiry is due, for
 * least-recently-used eviction and for counting) and {@code gradfit:models:sizes} with its sum
 * {@code gradfit:models:bytes} (for max-bytes). Every change runs as one Lua script, so the index never
 * disagrees with the keys except for models whose TTL ran out: those are forgotten by the next script that
 * passes their deadline (a save, list, count or the replica's sync each second).
 *
 * <p>Models are immutable, so a near cache only has to forget a model when it is deleted or evicted (every
 * replica hears of it on the channel {@code gradfit:models:invalidations} at once), or expires (it expires
 * on the same idle timeout locally, and the sync finds models Redis no longer has). A read served from the
 * near cache still counts as a use: the replica refreshes those models' TTLs in one script each second.
 * Reads and predictions of near-cached models keep working while Redis is down; everything else then
 * fails fast with {@link StoreUnavailableException}.
 */
public final class RedisModelStore implements ModelStore, SmartLifecycle, AutoCloseable {

    static final String MODEL_PREFIX = "gradfit:model:";
    static final String CHANNEL = "gradfit:models:invalidations";
    static final List<String> KEYS = List.of(
            "gradfit:models:created", "gradfit:models:deadlines", "gradfit:models:sizes", "gradfit:models:bytes");

    private static final Logger log = LoggerFactory.getLogger(RedisModelStore.class);
    private static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

    private final RedisCalls redis;
    private final StoreProperties properties;
    private final NearCache nearCache;
    private final Invalidations invalidations;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> syncing;
    private final AtomicLong storedBytes = new AtomicLong();
    private final AtomicLong storedModels = new AtomicLong();
    /** Whether invalidations may have been missed, so that the near cache must be checked against Redis. */
    private volatile boolean missedInvalidations;
    /** Whether Redis did not answer the last sync: failed requests are then logged quietly. */
    private volatile boolean unreachable;

    /**
     * A store that does nothing until {@link #start}: then it subscribes to invalidations on {@code listeners}
     * and syncs once a second on {@code scheduler}. It starts without Redis too: its calls then fail with
     * {@link StoreUnavailableException}, and the sync subscribes as soon as Redis answers.
     */
    public RedisModelStore(
            RedisCalls redis,
            RedisMessageListenerContainer listeners,
            TaskScheduler scheduler,
            StoreProperties properties) {
        this.redis = redis;
        this.properties = properties;
        this.scheduler = scheduler;
        this.nearCache = new NearCache(properties);
        this.invalidations = new Invalidations(listeners, CHANNEL, nearCache::forget);
    }

    @Override
    public synchronized void start() {
        if (syncing != null) {
            return;
        }
        if (!invalidations.subscribe()) {
            log.warn("Redis does not answer; the model store subscribes to invalidations once it does");
            unreachable = true;
        }
        syncing = scheduler.scheduleWithFixedDelay(this::sync, Instant.now().plus(SYNC_INTERVAL), SYNC_INTERVAL);
    }

    @Override
    public synchronized void stop() {
        if (syncing != null) {
            syncing.cancel(false);
            syncing = null;
        }
    }

    @Override
    public boolean isRunning() {
        return syncing != null;
    }

    /** After the listener container, which it subscribes on. */
    @Override
    public int getPhase() {
        return RedisConfiguration.USERS_PHASE;
    }

    @Override
    public void save(FittedModel model) {
        byte[] encoded = ModelCodec.encode(model);
        List<Object> result = call(
                "save",
                RedisScripts.SAVE,
                MODEL_PREFIX,
                model.id(),
                encoded,
                micros(model.createdAt()),
                idleMillis(),
                properties.maxModels(),
                properties.maxBytes().toBytes(),
                CHANNEL,
                redis.writeDeadline());
        if ((Long) result.get(0) < 0) {
            throw redis.late("the model store's save");
        }
        storedBytes.set((Long) result.get(0));
        nearCache.put(model);
    }

    @Override
    public Optional<FittedModel> find(UUID id) {
        FittedModel cached = nearCache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long mark = nearCache.mark();
        byte[] encoded = call("find", RedisScripts.FIND, MODEL_PREFIX, id, idleMillis());
        FittedModel model = decode(id, encoded);
        if (model != null) {
            nearCache.putUnlessForgottenSince(mark, model);
        }
        return Optional.ofNullable(model);
    }

    @Override
    public boolean delete(UUID id) {
        Long existed = call("delete", RedisScripts.DELETE, MODEL_PREFIX, id, CHANNEL, redis.writeDeadline());
        if (existed != null && existed < 0) {
            throw redis.late("the model store's delete");
        }
        nearCache.forget(id);
        return existed != null && existed == 1;
    }

    @Override
    public List<FittedModel> list(long offset, int limit) {
        List<Object> page = call("list", RedisScripts.LIST, MODEL_PREFIX, offset, limit);
        List<FittedModel> models = new ArrayList<>(page.size());
        for (Object encoded : page) {
            FittedModel model = decode(null, (byte[]) encoded);
            if (model != null) {
                models.add(model);
            }
        }
        return models;
    }

    @Override
    public long count() {
        Long count = call("count", RedisScripts.COUNT, MODEL_PREFIX);
        return count == null ? 0 : count;
    }

    /** The encoded bytes the models in Redis take, as of this replica's last save or sync. */
    long storedBytes() {
        return storedBytes.get();
    }

    /** The models in Redis, as of this replica's last sync. */
    long storedModels() {
        return storedModels.get();
    }

    /** The near cache, for metrics and tests. */
    Cache<UUID, FittedModel> nearCache() {
        return nearCache.cache();
    }

    /**
     * Refreshes the TTLs of the models this replica served from its near cache, forgets those Redis no
     * longer has, and reads the store's size. Subscribes to invalidations if that failed so far; and when
     * invalidations may have been missed (Redis was unreachable), checks every near-cached model.
     */
    void sync() {
        if (invalidations.subscribe()) {
            missedInvalidations = true;
        }
        List<UUID> ids = nearCache.takeUses();
        try {
            List<Object> result = run("sync", RedisScripts.TOUCH, MODEL_PREFIX, idleMillis(), ids.toArray());
            storedBytes.set((Long) result.get(0));
            storedModels.set((Long) result.get(1));
            result.subList(2, result.size()).forEach(gone -> nearCache.forget((byte[]) gone));
            if (missedInvalidations) {
                List<Object> gone = run("sync", RedisScripts.MISSING, MODEL_PREFIX, nearCache.ids());
                gone.forEach(id -> nearCache.forget((byte[]) id));
                missedInvalidations = false;
            }
            if (unreachable) {
                unreachable = false;
                log.info("Redis answers again");
            }
        } catch (StoreUnavailableException e) {
            nearCache.giveBackUses(ids);
            missedInvalidations = true;
            if (!unreachable) {
                log.warn("Redis does not answer; serving near-cached models only: {}", e.getMessage());
            }
            unreachable = true;
        } catch (RuntimeException e) {
            // The scheduler would stop running a task that throws.
            log.error("Syncing the model store failed", e);
        }
    }

    @Override
    public void close() {
        stop();
        invalidations.close();
    }

    /** The model, or {@code null} when absent or unreadable (logged): never a failed request. */
    private static FittedModel decode(UUID id, byte[] encoded) {
        if (encoded == null) {
            return null;
        }
        try {
            return ModelCodec.decode(encoded);
        } catch (DecodingException e) {
            log.warn(
                    "Treating model {} as absent: it cannot be read: {}",
                    id == null ? "in a listing" : id,
                    e.getMessage());
            return null;
        }
    }

    /** Runs {@code script}, logging Redis's failures quietly while the sync already knows it is down. */
    private <T> T call(String operation, RedisScript<T> script, Object... args) {
        try {
            return run(operation, script, args);
        } catch (StoreUnavailableException e) {
            // While the sync already knows Redis is down, one line per failed request would flood the log; a
            // full Redis is logged (once a minute) where it is recognised.
            if (unreachable || e instanceof StoreFullException) {
                log.debug("{}", e.getMessage());
            } else {
                log.warn("{}", e.getMessage());
            }
            throw e;
        }
    }

    /** Runs {@code script} on the store's keys with {@code args}; a save or delete as a write. */
    private <T> T run(String operation, RedisScript<T> script, Object... args) {
        String what = "the model store's " + operation;
        return script == RedisScripts.SAVE || script == RedisScripts.DELETE
                ? redis.write(what, script, KEYS, args)
                : redis.script(what, script, KEYS, args);
    }

    private long idleMillis() {
        return properties.idleTimeout().toMillis();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
