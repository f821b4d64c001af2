package dev.gradfit.model.redis;

import dev.gradfit.config.StoreProperties.Type;
import dev.gradfit.model.ModelStore;
import dev.gradfit.model.ModelStoreContract;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.springframework.util.unit.DataSize;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The Redis store keeps the store contract, against a real Redis. */
@Testcontainers(disabledWithoutDocker = true)
class RedisModelStoreContractTest extends ModelStoreContract {

    @Container
    private static final RedisServer redis = new RedisServer();

    private final List<RedisReplica> replicas = new ArrayList<>();

    @Override
    protected ModelStore store(int maxModels, DataSize maxBytes, Duration idleTimeout) {
        RedisReplica replica = new RedisReplica(redis, properties(Type.REDIS, maxModels, maxBytes, idleTimeout));
        replicas.add(replica);
        return replica.store();
    }

    @AfterEach
    void emptyRedis() throws IOException {
        replicas.forEach(RedisReplica::close);
        redis.command("FLUSHALL");
    }
}
