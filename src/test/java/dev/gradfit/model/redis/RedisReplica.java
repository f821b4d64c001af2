package dev.gradfit.model.redis;

import dev.gradfit.config.StoreProperties;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A {@link RedisModelStore} as one replica has it, without Spring Boot: its own connection, invalidation
 * subscription and near cache.
 */
final class RedisReplica implements AutoCloseable {

    private final LettuceConnectionFactory connections;
    private final RedisModelStore store;

    RedisReplica(RedisServer redis, StoreProperties properties) {
        connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("localhost", redis.port()),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofSeconds(2))
                        .build());
        connections.afterPropertiesSet();
        connections.start();
        store = new RedisModelStore(connections, properties);
    }

    RedisModelStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
        connections.destroy();
    }
}
