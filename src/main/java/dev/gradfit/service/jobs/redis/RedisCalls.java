package dev.gradfit.service.jobs.redis;

import dev.gradfit.model.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;

/**
 * Commands on a connection from the factory, with Redis's failures turned into
 * {@link StoreUnavailableException} (a 503 for a request, a pause for a worker), and Lua scripts run by
 * their source.
 */
final class RedisCalls {

    private final RedisConnectionFactory connections;
    private final Duration retryAfter;

    /** @param retryAfter what a client refused for a Redis that does not answer is told ({@code gradfit.store.retry-after}) */
    RedisCalls(RedisConnectionFactory connections, Duration retryAfter) {
        this.connections = connections;
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    interface Call<T> {
        T on(RedisConnection connection);
    }

    <T> T run(Call<T> call) {
        try (RedisConnection connection = connections.getConnection()) {
            return call.on(connection);
        } catch (DataAccessException | IllegalStateException e) {
            throw new StoreUnavailableException("Redis did not answer: " + e.getMessage(), retryAfter, e);
        }
    }

    /** Runs {@code script} with {@code keys} and {@code args}; its integer or nested-array reply. */
    <T> T script(String script, ReturnType type, List<String> keys, byte[]... args) {
        byte[][] keysAndArgs = new byte[keys.size() + args.length][];
        for (int i = 0; i < keys.size(); i++) {
            keysAndArgs[i] = bytes(keys.get(i));
        }
        System.arraycopy(args, 0, keysAndArgs, keys.size(), args.length);
        return run(c -> c.scriptingCommands().eval(bytes(script), type, keys.size(), keysAndArgs));
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(long value) {
        return bytes(Long.toString(value));
    }

    static String string(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
