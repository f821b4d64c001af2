package dev.gradfit.jobs.redis;

import static dev.gradfit.redis.RedisCalls.string;

import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.JobEvent;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.model.DecodingException;
import dev.gradfit.redis.RedisCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final RedisCalls redis;
    private final RedisMessageListenerContainer listeners;
    private final JobProperties properties;

    RedisJobEventLog(RedisCalls redis, RedisMessageListenerContainer listeners, JobProperties properties) {
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
                "the job event log's append",
                JobScripts.APPEND,
                List.of(log(jobId), log(jobId) + ":seq", channel(jobId), RedisJobStore.PREFIX + jobId),
                JobCodecs.encodeEvent(data),
                properties.maxEvents(),
                end ? "1" : "0",
                properties.retention().toMillis());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<JobEvent> after(UUID jobId, long lastId) {
        Object reply =
                redis.script("the job event log's read", JobScripts.EVENTS, List.of(log(jobId)), "(" + lastId + "-1");
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
            throw redis.unavailable("the subscription to a job's events", e);
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
