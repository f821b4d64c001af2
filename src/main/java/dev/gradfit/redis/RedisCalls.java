package dev.gradfit.redis;

import dev.gradfit.model.StoreFullException;
import dev.gradfit.model.StoreOutcomeUnknownException;
import dev.gradfit.model.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(RedisCalls.class);

    /** How long a measured offset between this clock and Redis's is trusted. */
    private static final long CLOCK_CHECK_EVERY_MS = 30_000;

    private final RedisTemplate<String, byte[]> template;
    private final Duration retryAfter;
    private final long writeBudgetMillis;
    private volatile long clockOffsetMillis;
    /** When the offset was last measured (epoch ms); 0 (never) until the first write asks for it. */
    private volatile long clockCheckedAt;
    /** When Redis's lack of memory was last logged as a warning (epoch ms). */
    private final AtomicLong outOfMemoryLoggedAt = new AtomicLong();

    /**
     * @param retryAfter what a client refused for a Redis that does not answer is told ({@code gradfit.store.retry-after})
     * @param commandTimeout how long gradfit waits for a command ({@code spring.data.redis.timeout}); a write
     *     must be done within half of it, or not at all ({@link #writeDeadline})
     */
    public RedisCalls(RedisConnectionFactory connections, Duration retryAfter, Duration commandTimeout) {
        this.template = new RedisTemplate<>();
        template.setConnectionFactory(connections);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.afterPropertiesSet();
        this.retryAfter = retryAfter;
        this.writeBudgetMillis = Math.max(1, commandTimeout.toMillis() / 2);
    }

    /**
     * The instant, in epoch milliseconds on Redis's clock, after which a write sent now must not be done.
     * Scripts that write take it and do nothing once Redis's {@code TIME} is past it: a command that waited
     * in Redis's socket while Redis was paused, and that gradfit stopped waiting for and answered 503 for,
     * finds its deadline gone when Redis wakes and runs it. So a 503 means "not done". The deadline is half
     * the command timeout from now, so a write done in time is answered before gradfit stops waiting; the
     * offset between this clock and Redis's is measured with {@code TIME} every 30 s.
     */
    public long writeDeadline() {
        long now = System.currentTimeMillis();
        if (now - clockCheckedAt > CLOCK_CHECK_EVERY_MS) {
            checkClock();
        }
        return System.currentTimeMillis() + clockOffsetMillis + writeBudgetMillis;
    }

    /**
     * Measures the offset from one {@code TIME} call, trusted only if its round trip took less than a quarter
     * of the write budget (its error is at most half the round trip): a sample taken across a pause of Redis,
     * or of this JVM, is dropped, and the next write tries again a second later.
     */
    private void checkClock() {
        long sent = System.currentTimeMillis();
        Long redisNow = run("the clock check", c -> c.serverCommands().time(TimeUnit.MILLISECONDS));
        long received = System.currentTimeMillis();
        if (redisNow != null && received - sent < Math.max(1, writeBudgetMillis / 4)) {
            clockOffsetMillis = redisNow - (sent + received) / 2;
            clockCheckedAt = received;
        } else {
            clockCheckedAt = received - CLOCK_CHECK_EVERY_MS + 1_000;
        }
    }

    /** The offset last measured between Redis's clock and this one, in ms, and when (for tests). */
    long clockOffsetMillis() {
        return clockOffsetMillis;
    }

    long clockCheckedAt() {
        return clockCheckedAt;
    }

    /** The failure of a write whose script found its {@link #writeDeadline} gone: it did nothing. */
    public StoreUnavailableException late(String what) {
        return new StoreUnavailableException(
                "Redis ran " + what + " after gradfit had stopped waiting for it; it did nothing", retryAfter, null);
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

    /**
     * Runs a script that writes, as {@link #script} does; if the connection broke while the command was in
     * flight (Redis restarted or the link dropped, rather than a timeout, which the write's deadline answers,
     * or a refusal before sending), the outcome is unknown: {@link StoreOutcomeUnknownException}.
     */
    public <T> T write(String what, RedisScript<T> script, List<String> keys, Object... args) {
        try {
            return script(what, script, keys, args);
        } catch (StoreFullException full) {
            throw full;
        } catch (StoreUnavailableException e) {
            String reason = e.getCause() == null
                    ? null
                    : NestedExceptionUtils.getMostSpecificCause(e.getCause()).getMessage();
            if (brokeInFlight(reason)) {
                throw new StoreOutcomeUnknownException(
                        "the connection to Redis broke while it held " + what + ": " + reason, retryAfter, e);
            }
            throw e;
        }
    }

    /** Whether Lettuce's failure says the connection went while a command was sent and unanswered. */
    static boolean brokeInFlight(String reason) {
        return reason != null
                && (reason.contains("Connection disconnected")
                        || reason.contains("Connection closed")
                        || reason.contains("Connection reset"));
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

    /**
     * The failure a caller of gradfit is given when Redis did not do {@code what}: {@link StoreFullException}
     * when Redis refused it for lack of memory (its reply begins with {@code OOM}), else
     * {@link StoreUnavailableException}.
     */
    public StoreUnavailableException unavailable(String what, RuntimeException cause) {
        String reason = NestedExceptionUtils.getMostSpecificCause(cause).getMessage();
        if (outOfMemory(reason)) {
            refusedForMemoryAt = System.nanoTime();
            refusedForMemory = true;
            logOutOfMemory(what, reason);
            return new StoreFullException("Redis is out of memory and refused " + what, retryAfter, cause);
        }
        return new StoreUnavailableException("Redis did not answer " + what + ": " + reason, retryAfter, cause);
    }

    private volatile long refusedForMemoryAt;
    private volatile boolean refusedForMemory;

    /**
     * Whether Redis refused a write of this replica for lack of memory within {@code window}: Redis is full
     * from the moment it refuses, though its used memory may dip below maxmemory between two refusals (a
     * delete frees a model), so a memory check alone can miss a full store that refuses every write.
     */
    public boolean refusedForMemoryWithin(java.time.Duration window) {
        return refusedForMemory && System.nanoTime() - refusedForMemoryAt <= window.toNanos();
    }

    /** Once a minute at most as a warning, so that clients sending writes to a full Redis do not flood the log. */
    private void logOutOfMemory(String what, String reason) {
        long now = System.currentTimeMillis();
        long last = outOfMemoryLoggedAt.get();
        if (now - last >= 60_000 && outOfMemoryLoggedAt.compareAndSet(last, now)) {
            log.warn(
                    "Redis is out of memory (maxmemory reached) and refused {}: {} (logged once a minute)",
                    what,
                    reason);
        } else {
            log.debug("Redis is out of memory and refused {}", what);
        }
    }

    /** Whether Redis's error reply says it refused a command at {@code maxmemory}. */
    static boolean outOfMemory(String reason) {
        return reason != null && (reason.startsWith("OOM ") || reason.contains("OOM command not allowed"));
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
