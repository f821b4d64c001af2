package dev.gradfit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.model.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The calls' own rules against a real Redis: the write deadline's clock, and what counts as out of memory. */
@Testcontainers(disabledWithoutDocker = true)
class RedisCallsTest {

    private static final RedisServer redis = new RedisServer();

    @BeforeAll
    static void startRedis() {
        redis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @Test
    void theFirstWriteDeadlineMeasuresRedissClockAndIsHalfTheTimeoutAhead() {
        // RedisClients' command timeout is 2 s: a write must be done within 1 s, and a clock sample is trusted
        // when its round trip took less than 250 ms.
        try (RedisClients clients = new RedisClients(redis)) {
            RedisCalls calls = clients.calls();
            assertThat(calls.clockCheckedAt()).isZero();
            // The first command opens the connection; the clock sample should not pay for that.
            calls.run("a test's ping", c -> c.ping());

            long before = System.currentTimeMillis();
            long deadline = calls.writeDeadline();
            long after = System.currentTimeMillis();

            assertThat(calls.clockCheckedAt()).as("the clock was checked").isNotZero();
            if (after - before < 250) {
                assertThat(calls.clockCheckedAt()).isBetween(before, after);
                // Redis runs on this machine's clock: the offset is the measurement's error.
                assertThat(Math.abs(calls.clockOffsetMillis())).isLessThan(250);
            } else {
                // A slow sample is dropped: the next write a second from now measures again.
                assertThat(calls.clockCheckedAt()).isBetween(after - 30_000 + 1_000 - (after - before), after);
            }
            assertThat(deadline - calls.clockOffsetMillis()).isBetween(before + 1_000, after + 1_000);
        }
    }

    @Test
    void recognisesRedissOutOfMemoryReplies() {
        assertThat(RedisCalls.outOfMemory("OOM command not allowed when used memory > 'maxmemory'."))
                .isTrue();
        assertThat(RedisCalls.outOfMemory(
                        "Error in execution; nested exception is io.lettuce.core.RedisCommandExecutionException:"
                                + " OOM command not allowed when used memory > 'maxmemory'."))
                .isTrue();
        assertThat(RedisCalls.outOfMemory("Command timed out after 2 second(s)"))
                .isFalse();
        assertThat(RedisCalls.outOfMemory(null)).isFalse();
    }
}
