package dev.gradfit.model.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.gradfit.config.StoreProperties;
import dev.gradfit.config.StoreProperties.Type;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelCodec;
import dev.gradfit.model.RandomModels;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * What only the Redis store does: several replicas on one Redis, near caches that hear of deletes and
 * evictions, least-recently-used eviction, the key layout, and models it cannot read.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisModelStoreTest {

    @Container
    private static final RedisServer redis = new RedisServer();

    private final RandomModels models = new RandomModels(99);
    private final List<RedisReplica> replicas = new ArrayList<>();

    @AfterEach
    void emptyRedis() throws IOException {
        replicas.forEach(RedisReplica::close);
        redis.command("FLUSHALL");
    }

    @Test
    void anotherReplicaReadsAModelAsSoonAsItIsSaved() {
        RedisModelStore a = replica(1000, DataSize.ofMegabytes(256));
        RedisModelStore b = replica(1000, DataSize.ofMegabytes(256));
        FittedModel model = models.model();

        a.save(model);

        assertThat(b.find(model.id()))
                .hasValueSatisfying(
                        found -> assertThat(ModelCodec.encode(found)).isEqualTo(ModelCodec.encode(model)));
        assertThat(b.list(0, 10)).extracting(FittedModel::id).containsExactly(model.id());
    }

    @Test
    void aDeleteReachesTheOtherReplicasNearCacheWithinASecond() {
        RedisModelStore a = replica(1000, DataSize.ofMegabytes(256));
        RedisModelStore b = replica(1000, DataSize.ofMegabytes(256));
        FittedModel model = models.model();
        a.save(model);
        assertThat(b.find(model.id())).isPresent();
        assertThat(b.nearCache().getIfPresent(model.id())).isNotNull();

        assertThat(a.delete(model.id())).isTrue();

        await().atMost(Duration.ofSeconds(1)).until(() -> b.nearCache().getIfPresent(model.id()) == null);
        assertThat(b.find(model.id())).isEmpty();
    }

    @Test
    void evictsTheLeastRecentlyUsedFirstAndTellsEveryReplica() throws InterruptedException {
        RedisModelStore a = replica(3, DataSize.ofMegabytes(256));
        RedisModelStore b = replica(3, DataSize.ofMegabytes(256));
        FittedModel first = models.model();
        FittedModel second = models.model();
        FittedModel third = models.model();
        a.save(first);
        a.save(second);
        a.save(third);
        // Uses in the order second, first, third: reads on b go to Redis (b has none of them yet), the read
        // on a is served by its near cache and passed on to Redis by its sync. Redis's clock counts in
        // milliseconds, hence the pauses.
        assertThat(b.find(second.id())).isPresent();
        Thread.sleep(5);
        assertThat(b.find(first.id())).isPresent();
        Thread.sleep(5);
        assertThat(a.find(third.id())).isPresent();
        a.sync();

        a.save(models.model());

        assertThat(a.count()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(1)).until(() -> b.nearCache().getIfPresent(second.id()) == null);
        assertThat(b.find(second.id())).isEmpty();
        assertThat(b.find(first.id())).isPresent();
        assertThat(b.find(third.id())).isPresent();
    }

    @Test
    void neverEvictsTheModelJustSaved() {
        RedisModelStore store = replica(1000, DataSize.ofKilobytes(10));
        FittedModel small = models.modelWithHistory(10);
        FittedModel large = models.modelWithHistory(10_000);

        store.save(small);
        store.save(large);

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.find(large.id())).isPresent();
        assertThat(store.storedBytes()).isEqualTo(ModelCodec.encode(large).length);
    }

    @Test
    void keepsEachModelUnderItsKeyWithTheIdleTimeoutAndIndexesIt() throws IOException {
        RedisModelStore store = replica(1000, DataSize.ofMegabytes(256));
        FittedModel model = models.model(Instant.parse("2026-11-27T08:00:00.123456789Z"));
        FittedModel other = models.model();

        store.save(model);
        store.save(other);

        String key = "gradfit:model:" + model.id();
        int size = ModelCodec.encode(model).length;
        assertThat(redis.command("TYPE", key)).isEqualTo("string");
        assertThat(Long.parseLong(redis.command("STRLEN", key))).isEqualTo(size);
        assertThat(Long.parseLong(redis.command("PTTL", key))).isBetween(3_500_000L, 3_600_000L);
        // Listing order: createdAt in microseconds.
        assertThat(redis.command("ZSCORE", "gradfit:models:created", model.id().toString()))
                .isEqualTo("1795766400123456");
        // Idle expiry: the same instant as the key's TTL, on Redis's clock.
        double deadline = Double.parseDouble(
                redis.command("ZSCORE", "gradfit:models:deadlines", model.id().toString()));
        assertThat(deadline).isCloseTo(System.currentTimeMillis() + 3_600_000.0, within(60_000.0));
        assertThat(redis.command("HGET", "gradfit:models:sizes", model.id().toString()))
                .isEqualTo(String.valueOf(size));
        assertThat(Long.parseLong(redis.command("GET", "gradfit:models:bytes")))
                .isEqualTo(size + ModelCodec.encode(other).length);
    }

    @Test
    void refreshesTheTtlOfModelsServedFromItsNearCache() throws Exception {
        RedisModelStore store = replica(1000, DataSize.ofMegabytes(256));
        FittedModel model = models.model();
        store.save(model);
        String key = "gradfit:model:" + model.id();
        Thread.sleep(1500);
        long before = Long.parseLong(redis.command("PTTL", key));

        assertThat(store.find(model.id())).isPresent();
        store.sync();

        assertThat(before).isLessThan(3_599_000L);
        assertThat(Long.parseLong(redis.command("PTTL", key))).isGreaterThan(before + 1000);
    }

    @Test
    void forgetsTheIndexEntriesOfExpiredModels() throws IOException {
        RedisModelStore store = replica(1000, DataSize.ofMegabytes(256), Duration.ofMillis(500));
        for (int i = 0; i < 3; i++) {
            store.save(models.model());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> store.count() == 0);

        assertThat(redis.command("ZCARD", "gradfit:models:created")).isEqualTo("0");
        assertThat(redis.command("ZCARD", "gradfit:models:deadlines")).isEqualTo("0");
        assertThat(redis.command("HLEN", "gradfit:models:sizes")).isEqualTo("0");
        assertThat(redis.command("GET", "gradfit:models:bytes")).isEqualTo("0");
    }

    /** A model written by a later gradfit (or damaged) is absent here, never a failure. */
    @Test
    void treatsAModelItCannotReadAsAbsent() throws IOException {
        RedisModelStore a = replica(1000, DataSize.ofMegabytes(256));
        RedisModelStore b = replica(1000, DataSize.ofMegabytes(256));
        FittedModel unreadable = models.model();
        FittedModel readable = models.model();
        a.save(unreadable);
        a.save(readable);

        assertThat(redis.command("SET", "gradfit:model:" + unreadable.id(), "\u0063 from the future", "KEEPTTL"))
                .isEqualTo("OK");

        assertThat(b.find(unreadable.id())).isEmpty();
        assertThat(b.list(0, 10)).extracting(FittedModel::id).containsExactly(readable.id());
    }

    private RedisModelStore replica(int maxModels, DataSize maxBytes) {
        return replica(maxModels, maxBytes, Duration.ofHours(1));
    }

    private RedisModelStore replica(int maxModels, DataSize maxBytes, Duration idleTimeout) {
        RedisReplica replica =
                new RedisReplica(redis, StoreProperties.of(Type.REDIS, maxModels, maxBytes, idleTimeout));
        replicas.add(replica);
        return replica.store();
    }
}
