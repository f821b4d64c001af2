package dev.gradfit.service.jobs.redis;

import static dev.gradfit.service.jobs.redis.RedisCalls.bytes;
import static dev.gradfit.service.jobs.redis.RedisCalls.string;

import dev.gradfit.config.JobProperties;
import dev.gradfit.model.DecodingException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.service.jobs.JobEvent;
import dev.gradfit.service.jobs.JobEventData;
import dev.gradfit.service.jobs.JobEventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Jobs' events in Redis, so that a client of any replica follows a job that runs on another. A job's log
 * is a stream {@code gradfit:job:{id}:events} whose entry ids are the events' own ids ({@code n-1}), capped
 * at {@code max-events}; an end trims it to the last progress and the end, and the log then expires with
 * the job. An event for a job the store no longer has, or after the job's end (only an ended log has a
 * TTL), is dropped. Each append is announced on the channel {@code gradfit:job:{id}:appended}, which the replicas
 * serving that job's event streams listen to.
 */
final class RedisJobEventLog implements JobEventLog {

    private static final Logger log = LoggerFactory.getLogger(RedisJobEventLog.class);

    private static final String APPEND = """
            if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
            if redis.call('PTTL', KEYS[2]) >= 0 then return 0 end
            local n = redis.call('INCR', KEYS[2])
            redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], n .. '-1', 'd', ARGV[1])
            if ARGV[3] == '1' then
              redis.call('XTRIM', KEYS[1], 'MAXLEN', '2')
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            redis.call('PUBLISH', KEYS[3], n)
            return n
            """;

    private final RedisCalls redis;
    private final java.time.Duration retryAfter;
    private final RedisMessageListenerContainer listeners;
    private final JobProperties properties;

    RedisJobEventLog(RedisCalls redis, RedisMessageListenerContainer listeners, JobProperties properties) {
        this.retryAfter = redis.retryAfter();
        this.redis = redis;
        this.listeners = listeners;
        this.properties = properties;
    }

    private static String log(UUID jobId) {
        return RedisJobStore.PREFIX + jobId + ":events";
    }

    private static String channel(UUID jobId) {
        return RedisJobStore.PREFIX + jobId + ":appended";
    }

    @Override
    public void append(UUID jobId, JobEventData data) {
        boolean end = data instanceof JobEventData.JobEnded;
        redis.script(
                APPEND,
                ReturnType.INTEGER,
                List.of(log(jobId), log(jobId) + ":seq", channel(jobId), RedisJobStore.PREFIX + jobId),
                JobCodecs.encodeEvent(data),
                bytes(properties.maxEvents()),
                bytes(end ? "1" : "0"),
                bytes(properties.retention().toMillis()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<JobEvent> after(UUID jobId, long lastId) {
        Object reply = redis.script(
                "return redis.call('XRANGE', KEYS[1], ARGV[1], '+')",
                ReturnType.MULTI,
                List.of(log(jobId)),
                bytes("(" + lastId + "-1"));
        List<JobEvent> events = new ArrayList<>();
        if (!(reply instanceof List<?> entries)) {
            return events;
        }
        for (Object entry : entries) {
            List<Object> parts = (List<Object>) entry;
            String entryId = string((byte[]) parts.get(0));
            long id = Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
            List<Object> fields = (List<Object>) parts.get(1);
            try {
                events.add(new JobEvent(id, JobCodecs.decodeEvent((byte[]) fields.get(1))));
            } catch (DecodingException e) {
                log.warn("Event {} of job {} cannot be read by this gradfit ({}); skipped", id, jobId, e.getMessage());
            }
        }
        return events;
    }

    @Override
    public Subscription subscribe(UUID jobId, Runnable onAppend) {
        ChannelTopic topic = new ChannelTopic(channel(jobId));
        org.springframework.data.redis.connection.MessageListener listener = (message, pattern) -> onAppend.run();
        try {
            listeners.addMessageListener(listener, topic);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(
                    "Redis did not take the subscription: " + e.getMessage(), retryAfter, e);
        }
        return new Subscription() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    listeners.removeMessageListener(listener, topic);
                }
            }
        };
    }
}
