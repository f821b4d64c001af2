package dev.gradfit.redis;

import dev.gradfit.model.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Scripts and commands on Redis, with its failures turned into {@link StoreUnavailableException}: a 503
 * with {@code Retry-After} for a request, a pause for a worker. The one place where that translation
 * happens, for models, jobs and anything later.
 *
 * <p>Replies come back as Redis gives them: integers as {@code Long}, strings as {@code byte[]}, arrays as
 * lists of those.
 */
public final class RedisCalls {

    private final RedisTemplate<String, byte[]> template;
    private final Duration retryAfter;

    /** @param retryAfter what a client refused for a Redis that does not answer is told ({@code gradfit.store.retry-after}) */
    public RedisCalls(RedisConnectionFactory connections, Duration retryAfter) {
        this.template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.afterPropertiesSet();
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Runs {@code script} (EVALSHA) on {@code keys} with {@code args}: byte arrays as they are, collections
     * and arrays of objects one argument per element, anything else as its text.
     *
     * @param what what is being done, for the failure's message ("the job store's start")
     */
    @SuppressWarnings("unchecked")
    public <T> T script(String what, RedisScript<T> script, List<String> keys, Object... args) {
        RedisSerializer<T> raw = (RedisSerializer<T>) RedisSerializer.byteArray();
        try {
            return template.execute(script, RedisSerializer.byteArray(), raw, keys, flatten(args));
        } catch (DataAccessException | IllegalStateException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs plain commands on a connection; {@code what} as for {@link #script}. */
    public <T> T run(String what, RedisCallback<T> call) {
        try {
            return template.execute(call);
        } catch (DataAccessException | IllegalStateException e) {
            throw unavailable(what, e);
        }
    }

    /**
     * A connection of the caller's own, for blocking commands (Lettuce runs them on a dedicated connection
     * that lives as long as this one): keep it for the next, close it once it has failed.
     */
    public RedisConnection connection(String what) {
        try {
            return template.getRequiredConnectionFactory().getConnection();
        } catch (DataAccessException | IllegalStateException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs {@code call} on a connection of {@link #connection}; {@code what} as for {@link #script}. */
    public <T> T on(RedisConnection connection, String what, RedisCallback<T> call) {
        try {
            return call.doInRedis(connection);
        } catch (DataAccessException | IllegalStateException e) {
            throw unavailable(what, e);
        }
    }

    /** The failure a caller of gradfit is given when Redis did not do {@code what}. */
    public StoreUnavailableException unavailable(String what, RuntimeException cause) {
        String reason = NestedExceptionUtils.getMostSpecificCause(cause).getMessage();
        return new StoreUnavailableException("Redis did not answer " + what + ": " + reason, retryAfter, cause);
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static Object[] flatten(Object... values) {
        List<byte[]> flat = new ArrayList<>(values.length);
        for (Object value : values) {
            if (value instanceof Object[] more) {
                for (Object each : more) {
                    flat.add(argument(each));
                }
            } else if (value instanceof Collection<?> more) {
                more.forEach(each -> flat.add(argument(each)));
            } else {
                flat.add(argument(value));
            }
        }
        return flat.toArray();
    }

    private static byte[] argument(Object value) {
        return value instanceof byte[] raw ? raw : bytes(value.toString());
    }
}
