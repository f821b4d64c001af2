package dev.gradfit.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Asynchronous fit jobs: how many run, how many wait, how long they may take, and how long they are kept.
 *
 * @param workers jobs that run at the same time, each on a thread of its own (not the fit executor's)
 * @param maxQueued jobs that may wait for a worker; past it a submission is refused with 503 and
 *     {@code Retry-After}
 * @param maxQueuedBytes the data (points, targets, sample weights) the waiting jobs may hold together; a job
 *     that would take them past it is refused like a job past {@code maxQueued}, unless no job waits
 * @param maxDuration the longest one job's fit may run (its time budget, in place of
 *     {@code gradfit.fit.max-duration}); it then stops after its current epoch and keeps the weights reached
 * @param progressInterval the least time between two progress events of a job
 * @param retention how long a finished job is kept; then its id answers 404
 * @param maxFinished the most finished jobs kept at once; past it, finished jobs are forgotten before their
 *     retention ends (waiting and running jobs never are)
 * @param maxEvents the most events kept per job for clients that reconnect; a finished job keeps only its
 *     last progress event and its end
 * @param eventsTimeout how long one event stream stays open; a client then reconnects with
 *     {@code Last-Event-ID}, as browsers' EventSource does by itself
 * @param eventsHeartbeat how often an event stream sends a comment line while no event comes, so that proxies
 *     and clients that time out idle connections keep it, and a client that went away is noticed
 * @param retryAfter what {@code Retry-After} tells a client refused for a full queue, rounded up to seconds
 * @param claimAfter with the Redis store: how long a running job's replica may go without renewing its
 *     claim before a surviving replica takes the job and runs it again (its replica died)
 * @param store where jobs' state, queue and events live: {@code memory} (this replica's) or {@code redis}
 *     (shared by every replica); unset, the model store's {@code gradfit.store.type}
 */
@Validated
@ConfigurationProperties("gradfit.jobs")
public record JobProperties(
        @DefaultValue("1") @Min(1) int workers,
        @DefaultValue("100") @Min(1) int maxQueued,
        @DefaultValue("256MB") DataSize maxQueuedBytes,
        @DefaultValue("1h") Duration maxDuration,
        @DefaultValue("250ms") Duration progressInterval,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("10000") @Min(1) int maxFinished,
        @DefaultValue("100") @Min(2) int maxEvents,
        @DefaultValue("10m") Duration eventsTimeout,
        @DefaultValue("15s") @DurationMin(millis = 10) Duration eventsHeartbeat,
        @DefaultValue("10s") Duration retryAfter,
        @DefaultValue("30s") Duration claimAfter,
        StoreProperties.Type store) {

    /** The property that chooses the jobs' store, for conditions on beans. */
    public static final String STORE = "gradfit.jobs.store";

    /** The jobs' store as a placeholder: {@code gradfit.jobs.store}, or else the model store's type. */
    private static final String STORE_OR_MODELS = "'${" + STORE + ":${" + StoreProperties.TYPE + ":memory}}'";

    /** A condition (SpEL) that holds when jobs live in this process's memory. */
    public static final String ON_MEMORY = STORE_OR_MODELS + ".equalsIgnoreCase('memory')";

    /** A condition (SpEL) that holds when jobs live in Redis. */
    public static final String ON_REDIS = STORE_OR_MODELS + ".equalsIgnoreCase('redis')";

    /** The jobs' store: {@link #STORE} if set, else the models'. */
    public static String storeOf(org.springframework.core.env.Environment environment) {
        return environment.getProperty(STORE, environment.getProperty(StoreProperties.TYPE, "memory"));
    }
}
