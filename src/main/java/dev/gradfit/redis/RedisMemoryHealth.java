package dev.gradfit.redis;

import java.util.Properties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness's word on Redis's memory ({@code redisMemory}): {@code STORE_FULL} while Redis is at its
 * {@code maxmemory} with the {@code noeviction} policy, when it refuses every new model and job (answered
 * 507 store-full); {@code UP} otherwise. A full store keeps the replica in service, since reads, predictions
 * and deletions go on: the status maps to HTTP 200 ({@code management.endpoint.health.status}). Whether Redis
 * answers at all is the {@code redis} indicator's to say: this one is {@code UNKNOWN} then.
 */
public final class RedisMemoryHealth implements HealthIndicator {

    /** Redis refuses writes for lack of memory. */
    public static final Status STORE_FULL = new Status("STORE_FULL", "Redis is at maxmemory and refuses writes");

    private final RedisCalls redis;

    public RedisMemoryHealth(RedisCalls redis) {
        this.redis = redis;
    }

    @Override
    public Health health() {
        Properties memory;
        try {
            memory = redis.run("the memory check", c -> c.serverCommands().info("memory"));
        } catch (RuntimeException e) {
            return Health.unknown().build();
        }
        if (memory == null) {
            return Health.unknown().build();
        }
        long used = number(memory, "used_memory");
        long max = number(memory, "maxmemory");
        String policy = memory.getProperty("maxmemory_policy", "");
        boolean full = max > 0 && used >= max && "noeviction".equals(policy);
        return Health.status(full ? STORE_FULL : Status.UP)
                .withDetail("usedMemory", used)
                .withDetail("maxmemory", max)
                .withDetail("maxmemoryPolicy", policy)
                .build();
    }

    private static long number(Properties info, String name) {
        try {
            return Long.parseLong(info.getProperty(name, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
