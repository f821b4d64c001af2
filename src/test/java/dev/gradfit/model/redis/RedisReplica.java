package dev.gradfit.model.redis;

import dev.gradfit.config.StoreProperties;
import dev.gradfit.redis.RedisClients;

/**
 * A {@link RedisModelStore} as one replica has it, without Spring Boot: its own connection, invalidation
 * subscription and near cache, started.
 */
final class RedisReplica implements AutoCloseable {

    private final RedisClients clients;
    private final RedisModelStore store;

    RedisReplica(RedisServer redis, StoreProperties properties) {
        clients = new RedisClients(redis, properties.retryAfter());
        store = new RedisModelStore(clients.calls(), clients.listeners(), clients.scheduler(), properties);
        store.start();
    }

    RedisModelStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
        clients.close();
    }
}
