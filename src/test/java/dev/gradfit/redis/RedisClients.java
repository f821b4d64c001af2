package dev.gradfit.redis;

import dev.gradfit.model.redis.RedisServer;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * What one replica shares among its users of Redis, as {@link RedisConfiguration} makes it, without
 * Spring Boot: a connection factory, the calls, a started listener container and a scheduler.
 */
public final class RedisClients implements AutoCloseable {

    private final LettuceConnectionFactory connections;
    private final RedisCalls calls;
    private final RedisMessageListenerContainer listeners;
    private final ThreadPoolTaskScheduler scheduler;

    public RedisClients(RedisServer redis) {
        this(redis, Duration.ofSeconds(1));
    }

    /** @param retryAfter what the calls' failures tell a client */
    public RedisClients(RedisServer redis, Duration retryAfter) {
        connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("localhost", redis.port()),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofSeconds(2))
                        .build());
        connections.afterPropertiesSet();
        connections.start();
        calls = new RedisCalls(connections, retryAfter, Duration.ofSeconds(2));
        listeners = RedisConfiguration.listeners(connections);
        listeners.afterPropertiesSet();
        listeners.start();
        scheduler = RedisConfiguration.scheduler();
        scheduler.initialize();
    }

    public RedisCalls calls() {
        return calls;
    }

    public RedisMessageListenerContainer listeners() {
        return listeners;
    }

    public ThreadPoolTaskScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            listeners.destroy();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            connections.destroy();
        }
    }
}
