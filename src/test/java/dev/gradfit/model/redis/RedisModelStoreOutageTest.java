package dev.gradfit.model.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gradfit.config.StoreProperties;
import dev.gradfit.config.StoreProperties.Type;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.RandomModels;
import dev.gradfit.model.StoreUnavailableException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Redis store without Redis: it starts anyway, fails fast while Redis is away, serves what its near
 * cache holds, and picks up (subscription included) as soon as Redis is back.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisModelStoreOutageTest {

    /** Longest a refused call may take: the command timeout is 2 s, a dead connection refuses at once. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(5);

    private static final StoreProperties PROPERTIES =
            StoreProperties.of(Type.REDIS, 1000, DataSize.ofMegabytes(256), Duration.ofHours(1));

    private final RedisServer redis = new RedisServer();
    private final RandomModels models = new RandomModels(3);

    @AfterEach
    void stopRedis() {
        redis.stop();
    }

    @Test
    void startsWithoutRedisAndSubscribesOnceRedisIsThere() {
        try (RedisReplica a = new RedisReplica(redis, PROPERTIES)) {
            assertUnavailable(() -> a.store().find(UUID.randomUUID()));
            assertUnavailable(() -> a.store().count());

            redis.start();
            await().atMost(Duration.ofSeconds(15))
                    .ignoreExceptions()
                    .until(() -> a.store().count() == 0);
            try (RedisReplica b = new RedisReplica(redis, PROPERTIES)) {
                FittedModel model = models.model();
                b.store().save(model);
                assertThat(a.store().find(model.id())).isPresent();

                assertThat(b.store().delete(model.id())).isTrue();

                // a subscribed to invalidations in its sync, once Redis answered.
                await().atMost(Duration.ofSeconds(3))
                        .until(() -> a.store().nearCache().getIfPresent(model.id()) == null);
            }
        }
    }

    @Test
    void failsFastWhileRedisIsStoppedButServesItsNearCache() {
        redis.start();
        try (RedisReplica replica = new RedisReplica(redis, PROPERTIES)) {
            RedisModelStore store = replica.store();
            FittedModel cached = models.model();
            FittedModel other = models.model();
            store.save(cached);
            store.save(other);
            store.nearCache().invalidate(other.id());

            redis.stopRedis();

            assertThat(store.find(cached.id())).isPresent();
            assertUnavailable(() -> store.find(other.id()));
            assertUnavailable(() -> store.save(models.model()));
            assertUnavailable(() -> store.delete(cached.id()));
            assertUnavailable(() -> store.list(0, 10));

            redis.startRedis();

            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> store.count() == 2);
            assertThat(store.find(other.id())).isPresent();
        }
    }

    private static void assertUnavailable(Runnable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call::run)
                .isInstanceOf(StoreUnavailableException.class)
                .satisfies(e ->
                        assertThat(((StoreUnavailableException) e).retryAfter()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAIL_FAST);
    }
}
