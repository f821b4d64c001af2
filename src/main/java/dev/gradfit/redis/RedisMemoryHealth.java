package dev.gradfit.redis;

import java.util.Properties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness's word on Redis's memory ({@code redisMemory}): {@code STORE_FULL} while Redis is at its
 * {@code maxmemory} with the {@code noeviction} policy, or refused a write of this replica for lack of memory
 * in the last {@link #RECENT_REFUSAL} (its used memory may dip just below the limit between refusals), when it
 * refuses new models and jobs (answered 507 store-full); {@code UP} otherwise. A full store keeps the replica in service, since reads, predictions
 * and deletions go on: the status maps to HTTP 200 ({@code management.endpoint.health.status}). Whether Redis
 * answers at all is the {@code redis} indicator's to say: this one is {@code UNKNOWN} then.
 */
public final class RedisMemoryHealth implements HealthIndicator {

    /** Redis refuses writes for lack of memory. */
    public static final Status STORE_FULL = new Status("STORE_FULL", "Redis is at maxmemory and refuses writes");

    /** How long a write refused for memory keeps readiness at STORE_FULL while used memory is just below the limit. */
    static final java.time.Duration RECENT_REFUSAL = java.time.Duration.ofSeconds(2);

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
        boolean full =
                max > 0 && "noeviction".equals(policy) && (used >= max || redis.refusedForMemoryWithin(RECENT_REFUSAL));
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
