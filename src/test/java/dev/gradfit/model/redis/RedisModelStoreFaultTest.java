package dev.gradfit.model.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.config.StoreProperties;
import dev.gradfit.config.StoreProperties.Type;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.RandomModels;
import dev.gradfit.model.StoreFullException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.redis.RedisClients;
import dev.gradfit.redis.RedisMemoryHealth;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Faults of a real Redis under the model store: a pause that outlasts the command timeout leaves no write
 * done behind a refusal, and a Redis at its maxmemory refuses saves (store full) while reads and deletions go
 * on.
 */
@Testcontainers(disabledWithoutDocker = true)
class RedisModelStoreFaultTest {

    private static final StoreProperties PROPERTIES =
            StoreProperties.of(Type.REDIS, 1000, DataSize.ofMegabytes(256), Duration.ofHours(1));

    private static final RedisServer redis = new RedisServer();
    private final RandomModels models = new RandomModels(5);

    @BeforeAll
    static void startRedis() {
        redis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @Test
    void aSaveOrDeleteRefusedDuringAPauseIsNotDoneWhenRedisWakes() throws Exception {
        try (RedisReplica replica = new RedisReplica(redis, PROPERTIES)) {
            FittedModel kept = models.model();
            replica.store().save(kept);
            FittedModel refused = models.model();

            redis.pause();
            try {
                // The command timeout is 2 s; both commands now wait in Redis's socket.
                assertThatThrownBy(() -> replica.store().save(refused)).isInstanceOf(StoreUnavailableException.class);
                assertThatThrownBy(() -> replica.store().delete(kept.id()))
                        .isInstanceOf(StoreUnavailableException.class);
            } finally {
                redis.resume();
            }

            // Redis has run both on waking (a PING sent after them is answered after them).
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.command("EXISTS", "gradfit:model:" + refused.id())).isEqualTo("0");
            assertThat(redis.command("EXISTS", "gradfit:model:" + kept.id())).isEqualTo("1");
            assertThat(replica.store().count()).isEqualTo(1);
            assertThat(replica.store().delete(kept.id())).isTrue();
        }
    }

    @Test
    void aFullRedisRefusesNewModelsAndKeepsServingReadsAndDeletions() throws Exception {
        try (RedisReplica replica = new RedisReplica(redis, PROPERTIES);
                RedisClients clients = new RedisClients(redis)) {
            RedisMemoryHealth health = new RedisMemoryHealth(clients.calls());
            FittedModel kept = models.model();
            replica.store().save(kept);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            assertThat(redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction"))
                    .isEqualTo("OK");
            assertThat(redis.command("CONFIG", "SET", "maxmemory", "1")).isEqualTo("OK");
            try {
                long before = usedMemory(clients);
                assertThatThrownBy(() -> replica.store().save(models.model()))
                        .isInstanceOf(StoreFullException.class)
                        .hasMessageContaining("out of memory");
                assertThat(health.health().getStatus()).isEqualTo(RedisMemoryHealth.STORE_FULL);
                assertThat(replica.store().count()).isEqualTo(1);
                assertThat(usedMemory(clients)).isLessThanOrEqualTo(before + 64 * 1024);

                replica.store().nearCache().invalidateAll();
                assertThat(replica.store().find(kept.id())).isPresent();
                assertThat(replica.store().list(0, 10)).hasSize(1);
                assertThat(replica.store().delete(kept.id())).isTrue();
            } finally {
                redis.command("CONFIG", "SET", "maxmemory", "0");
            }
            FittedModel later = models.model();
            replica.store().save(later);
            assertThat(replica.store().find(later.id())).isPresent();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            replica.store().delete(later.id());
        }
    }

    private static long usedMemory(RedisClients clients) {
        var info = clients.calls()
                .run("a test's memory check", c -> c.serverCommands().info("memory"));
        return Long.parseLong(info.getProperty("used_memory").trim());
    }
}
