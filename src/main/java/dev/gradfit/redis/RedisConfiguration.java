package dev.gradfit.redis;

import dev.gradfit.config.JobProperties;
import dev.gradfit.config.StoreProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * What everything gradfit keeps in Redis shares, when models or jobs are kept there
 * ({@code gradfit.store.type=redis}, or {@code gradfit.jobs.store=redis}): the client's
 * behaviour, the {@link RedisCalls}, one subscriber connection and one scheduler.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
        "'${" + StoreProperties.TYPE + ":memory}'.equalsIgnoreCase('redis') or " + JobProperties.ON_REDIS)
public class RedisConfiguration {

    /** The qualifier of the scheduler of Redis upkeep (the model store's sync, the job queue's sweeper). */
    public static final String SCHEDULER = "redisScheduler";

    /**
     * The phase the users of the listener container start in: after it, so that a subscription they make
     * at start finds it running (and a Redis that is down then fails their subscription, not the start).
     */
    public static final int USERS_PHASE = SmartLifecycle.DEFAULT_PHASE;

    /**
     * While the connection is down, commands fail at once instead of queueing until their timeout: a
     * request gets its 503 without waiting, and no thread piles up behind a dead Redis.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Lettuce's reconnect delay grows to 30 s by default; capped at 1 s, a replica is back (and ready)
     * within a second of Redis.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectWithinASecond() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }

    @Bean
    RedisCalls redisCalls(RedisConnectionFactory connections, StoreProperties store, DataRedisProperties redis) {
        Duration timeout = redis.getTimeout() == null ? Duration.ofSeconds(60) : redis.getTimeout();
        return new RedisCalls(connections, store.retryAfter(), timeout);
    }

    /** Readiness's {@code redisMemory}: {@code STORE_FULL} while Redis refuses writes at its maxmemory. */
    @Bean
    RedisMemoryHealth redisMemoryHealthIndicator(RedisCalls redis) {
        return new RedisMemoryHealth(redis);
    }

    /** One subscriber connection for every channel this replica listens to. */
    @Bean
    RedisMessageListenerContainer redisListeners(RedisConnectionFactory connections) {
        return listeners(connections);
    }

    /** A container as gradfit uses it; started empty, so that starting it never needs Redis. */
    public static RedisMessageListenerContainer listeners(RedisConnectionFactory connections) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // Listeners only wake something up or forget a cache entry, and return at once: no thread per message.
        container.setTaskExecutor(Runnable::run);
        container.setPhase(USERS_PHASE - 1);
        return container;
    }

    /** The upkeep of Redis state: short tasks, a few a second at most. */
    @Bean(SCHEDULER)
    ThreadPoolTaskScheduler redisScheduler() {
        return scheduler();
    }

    /** A scheduler as gradfit uses it, for tests without Spring too; initialize it before use. */
    public static ThreadPoolTaskScheduler scheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("gradfit-redis-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }
}
