package dev.gradfit.service.jobs.redis;

import static dev.gradfit.redis.RedisCalls.bytes;
import static dev.gradfit.redis.RedisCalls.string;

import dev.gradfit.config.JobProperties;
import dev.gradfit.model.DecodingException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.redis.RedisCalls;
import dev.gradfit.redis.RedisConfiguration;
import dev.gradfit.service.jobs.JobQueue;
import dev.gradfit.service.jobs.QueuedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * The jobs waiting for a worker, in a Redis Stream ({@code gradfit:jobs:queue}) read by one consumer group
 * ({@code gradfit-workers}) in which each replica is a consumer: any replica runs any job. An entry holds
 * the job's id and its fit ({@link JobCodecs#encodeCommand}), so the job's data lives in Redis with it.
 *
 * <p>A worker that takes an entry owns it until it acknowledges it (XACK, then XDEL). While it runs, its
 * replica renews its claim every {@code claim-after / 3} (XCLAIM with an idle time of 0), so a long fit is
 * never mistaken for a dead one. A replica that dies stops renewing: after {@code gradfit.jobs.claim-after}
 * a free worker of a surviving replica claims the entry (XAUTOCLAIM, one at a time, before it reads new
 * entries) and runs the job again from the same command. Fits are deterministic, so the rerun gives the same weights; the job store
 * keeps the first completion.
 */
final class RedisJobQueue implements JobQueue, SmartLifecycle, AutoCloseable {

    static final String STREAM = "gradfit:jobs:queue";
    static final String GROUP = "gradfit-workers";
    /** Job id → stream entry, for the jobs no worker has had yet. */
    static final String ENTRIES = "gradfit:jobs:entries";
    /** Job id → bytes of data, for the same jobs; and their sum. */
    static final String SIZES = "gradfit:jobs:sizes";

    static final String BYTES = "gradfit:jobs:queue:bytes";

    private static final Logger log = LoggerFactory.getLogger(RedisJobQueue.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private static final List<String> KEYS = List.of(STREAM, ENTRIES, SIZES, BYTES);

    private final RedisCalls redis;
    private final JobProperties properties;
    private final String consumer;
    /** Entries this replica took and has not acknowledged: job id → stream entry id. */
    private final Map<UUID, String> taken = new ConcurrentHashMap<>();
    /**
     * The job each worker thread took last. A worker that takes again has left its previous job, done or
     * not: an unacknowledged one (its end could not be written) stops being renewed, so that another
     * replica's worker claims it once Redis answers.
     */
    private final Map<Long, UUID> byWorker = new ConcurrentHashMap<>();

    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> renewing;
    private volatile boolean groupReady;
    /**
     * When this replica last failed to reach Redis. For claim-after from then on it claims no one else's
     * entries: after an outage every idle time includes the outage, and the live replicas must first get
     * a chance to renew their claims.
     */
    private volatile long lastFailure = System.nanoTime();

    /** A queue that renews its claims only once {@link #start started}, on {@code scheduler}. */
    RedisJobQueue(RedisCalls redis, TaskScheduler scheduler, JobProperties properties, String consumer) {
        this.redis = redis;
        this.scheduler = scheduler;
        this.properties = properties;
        this.consumer = consumer;
    }

    @Override
    public synchronized void start() {
        if (renewing == null) {
            Duration every =
                    Duration.ofMillis(Math.max(1, properties.claimAfter().toMillis() / 3));
            renewing = scheduler.scheduleWithFixedDelay(
                    this::renewClaims, Instant.now().plus(every), every);
        }
    }

    @Override
    public synchronized void stop() {
        if (renewing != null) {
            renewing.cancel(false);
            renewing = null;
        }
    }

    @Override
    public boolean isRunning() {
        return renewing != null;
    }

    @Override
    public int getPhase() {
        return RedisConfiguration.USERS_PHASE;
    }

    /** Makes the stream and its consumer group unless this replica saw them already. */
    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        // BUSYGROUP, when another replica (or an earlier start) made it, is no error here.
        redis.script("the job queue's group", JobScripts.GROUP, List.of(STREAM), GROUP);
        groupReady = true;
    }

    /** Runs {@code call}; a Redis that does not answer may have lost the group, and starts a quiet period. */
    private <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            ensureGroup();
            return call.get();
        } catch (StoreUnavailableException e) {
            groupReady = false;
            lastFailure = System.nanoTime();
            throw e;
        }
    }

    @Override
    public boolean offer(QueuedJob job) {
        byte[] command = JobCodecs.encodeCommand(job.command());
        Long queued = guarded(() -> redis.script(
                "the job queue's offer",
                JobScripts.OFFER,
                KEYS,
                job.id(),
                command,
                properties.maxQueued(),
                properties.maxQueuedBytes().toBytes(),
                job.command().dataBytes()));
        return queued != null && queued == 1;
    }

    @Override
    public Optional<QueuedJob> take(Duration timeout) throws InterruptedException {
        UUID previous = byWorker.remove(Thread.currentThread().getId());
        if (previous != null) {
            taken.remove(previous);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Object> entry = next();
            if (entry != null) {
                Optional<QueuedJob> job = toJob(entry);
                if (job.isPresent()) {
                    return job;
                }
                continue;
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** An entry for this consumer, {@code [entryId, [field, value, ...]]}; {@code null} if there is none. */
    @SuppressWarnings("unchecked")
    private List<Object> next() {
        boolean quiet =
                System.nanoTime() - lastFailure < properties.claimAfter().toNanos();
        Object reply = guarded(() -> redis.script(
                "the job queue's take",
                JobScripts.TAKE,
                KEYS,
                GROUP,
                consumer,
                quiet ? "" : properties.claimAfter().toMillis()));
        if (!(reply instanceof List<?> entry) || entry.size() < 2 || !(entry.get(1) instanceof List<?>)) {
            return null;
        }
        return (List<Object>) entry;
    }

    /** An entry as a job; one it cannot read is left for a gradfit that can, and logged. */
    @SuppressWarnings("unchecked")
    private Optional<QueuedJob> toJob(List<Object> entry) {
        String entryId = string((byte[]) entry.get(0));
        List<Object> fields = (List<Object>) entry.get(1);
        UUID id = null;
        byte[] command = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String name = string((byte[]) fields.get(i));
            if (name.equals("id")) {
                id = UUID.fromString(string((byte[]) fields.get(i + 1)));
            } else if (name.equals("command")) {
                command = (byte[]) fields.get(i + 1);
            }
        }
        if (id == null || command == null) {
            acknowledgeEntry(entryId);
            return Optional.empty();
        }
        try {
            QueuedJob job = new QueuedJob(id, JobCodecs.decodeCommand(command));
            taken.put(id, entryId);
            byWorker.put(Thread.currentThread().getId(), id);
            return Optional.of(job);
        } catch (DecodingException e) {
            log.error(
                    "Job {} in the Redis queue cannot be read by this gradfit ({}); it is left for another",
                    id,
                    e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void acknowledge(UUID id) {
        String entry = taken.remove(id);
        if (entry != null) {
            acknowledgeEntry(entry);
        }
    }

    private void acknowledgeEntry(String entry) {
        redis.script("the job queue's acknowledgement", JobScripts.ACKNOWLEDGE, List.of(STREAM), GROUP, entry);
    }

    @Override
    public boolean withdraw(UUID id) {
        Long removed = guarded(() -> redis.script("the job queue's withdrawal", JobScripts.WITHDRAW, KEYS, id));
        return removed != null && removed == 1;
    }

    @Override
    public int waiting() {
        Long waiting = guarded(
                () -> redis.run("the job queue's count", c -> c.hashCommands().hLen(bytes(ENTRIES))));
        return waiting == null ? 0 : waiting.intValue();
    }

    /** Keeps this replica's running entries from looking idle to the other replicas. */
    private void renewClaims() {
        if (taken.isEmpty()) {
            return;
        }
        try {
            redis.script(
                    "the job queue's renewal",
                    JobScripts.RENEW,
                    List.of(STREAM),
                    GROUP,
                    consumer,
                    List.copyOf(taken.values()));
        } catch (RuntimeException e) {
            lastFailure = System.nanoTime();
            log.debug("Could not renew the claims on running jobs: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
