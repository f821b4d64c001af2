package dev.gradfit.jobs.redis;

import static dev.gradfit.redis.RedisCalls.bytes;
import static dev.gradfit.redis.RedisCalls.string;

import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.JobLease;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.QueuedJob;
import dev.gradfit.model.DecodingException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.redis.RedisCalls;
import dev.gradfit.redis.RedisConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.scheduling.TaskScheduler;

/**
 * The jobs waiting for a worker, in a Redis Stream ({@code gradfit:jobs:queue}) read by one consumer group
 * ({@code gradfit-workers}) in which each replica is a consumer: any replica runs any job. An entry holds
 * the job's id and its fit ({@link JobCodecs#encodeCommand}), so the job's data lives in Redis with it.
 *
 * <p>An idle worker waits in a blocking {@code XREADGROUP ... BLOCK} on a connection of its own (kept for
 * the next read), a second at a time at most, so that a job the sweeper reclaimed waits no longer than
 * that. A worker that takes an entry holds a {@link JobLease} on it until it acknowledges it (XACK, then XDEL)
 * or releases it. While it runs, its
 * replica renews its claim every {@code claim-after / 3} (XCLAIM with an idle time of 0), so a long fit is
 * never mistaken for a dead one. A replica that dies stops renewing: after {@code gradfit.jobs.claim-after}
 * the sweeper of a surviving replica (on the same schedule) claims the entry (XPENDING IDLE and XCLAIM, one
 * at a time, and only while none it claimed waits for a worker), logs a warning naming the job and its
 * previous owner, and hands it to its next free worker, which runs the job again from the same command.
 * Fits are deterministic, so the rerun gives the same weights; the job store keeps the first completion.
 *
 * <p>Claims are fenced by Redis's own clock, when Redis runs them rather than when they were sent: every
 * renewal and claim records a tick of Redis's TIME, a tick more than {@code claim-after / 2} after the last
 * one restarts the time Redis has been awake, and a claim is refused until Redis has been awake for
 * claim-after. A claim sent while Redis was paused, which Redis runs as it wakes before the owner's
 * renewal, therefore claims nothing.
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
    /** The longest one blocking read waits, so that a reclaimed job is picked up within it. */
    private static final Duration BLOCK_AT_MOST = Duration.ofSeconds(1);

    private static final List<String> KEYS = List.of(STREAM, ENTRIES, SIZES, BYTES);

    /** How many upkeeps apart the queue looks for jobs left out of it (every 10 claim-afters). */
    private static final int ORPHANS_EVERY = 30;

    private final RedisCalls redis;
    private final JobProperties properties;
    private final String consumer;
    /**
     * The stream entries of the leases this replica holds, neither acknowledged nor released: the claims it
     * renews. A released one (its worker stopped) stops being renewed, so that
     * another replica's worker claims it once Redis answers.
     */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** Jobs delivered to this replica while Redis did not answer, still counted as waiting there. */
    private final Set<UUID> owedBookkeeping = ConcurrentHashMap.newKeySet();

    /** Leases the sweeper claimed for this replica, waiting for one of its workers. */
    private final BlockingQueue<JobLease> reclaimed = new LinkedBlockingQueue<>();
    /** Connections for blocking reads, each kept by a worker while it waits and given back after. */
    private final Queue<RedisConnection> readers = new ConcurrentLinkedQueue<>();

    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> renewing;
    private volatile boolean groupReady;
    /** Whether this replica has seen the consumer group: making it again then means Redis lost it. */
    private volatile boolean sawGroup;
    /** The jobs waiting, as the last renewal read them. */
    private volatile int lastWaiting;
    /** The upkeeps run, on the scheduler's one thread at a time. */
    private long upkeeps;
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
            renewing =
                    scheduler.scheduleWithFixedDelay(this::upkeep, Instant.now().plus(every), every);
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
        Long made = redis.script("the job queue's group", JobScripts.GROUP, List.of(STREAM), GROUP);
        if (made != null && made == 1 && sawGroup) {
            // Once per loss: this replica saw the group before, and now made it again.
            log.warn(
                    "Redis lost the job queue (restarted without its data, or flushed): the jobs that waited or"
                            + " ran in it are lost with their state; {} held by this replica will not be found",
                    held.size());
        }
        sawGroup = true;
        groupReady = true;
    }

    /** Runs {@code call}; a Redis that does not answer may have lost the group, and starts a quiet period. */
    <T> T guarded(java.util.function.Supplier<T> call) {
        try {
            ensureGroup();
            return call.get();
        } catch (StoreUnavailableException e) {
            failed();
            throw e;
        }
    }

    private void ensureGroupGuarded() {
        guarded(() -> null);
    }

    private void failed() {
        groupReady = false;
        lastFailure = System.nanoTime();
    }

    private static void close(RedisConnection connection) {
        try {
            connection.close();
        } catch (RuntimeException e) {
            log.debug("Closing a failed connection of the job queue failed: {}", e.getMessage());
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
    public Optional<JobLease> take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobLease claimed = reclaimed.poll();
            if (claimed != null) {
                return Optional.of(claimed);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Optional<JobLease> read = read(Duration.ofNanos(Math.min(left, BLOCK_AT_MOST.toNanos())));
            if (read.isPresent()) {
                return read;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** One new entry for this consumer, waiting up to {@code block} for it (at least a millisecond). */
    private Optional<JobLease> read(Duration block) {
        ensureGroupGuarded();
        RedisConnection connection = readers.poll();
        if (connection == null) {
            connection = redis.connection("the job queue's read");
        }
        List<ByteRecord> records;
        try {
            StreamReadOptions options =
                    StreamReadOptions.empty().count(1).block(Duration.ofMillis(Math.max(1, block.toMillis())));
            records = redis.on(
                    connection,
                    "the job queue's read",
                    c -> c.streamCommands()
                            .xReadGroup(
                                    Consumer.from(GROUP, consumer),
                                    options,
                                    StreamOffset.create(bytes(STREAM), ReadOffset.lastConsumed())));
        } catch (StoreUnavailableException e) {
            close(connection);
            failed();
            throw e;
        }
        readers.add(connection);
        if (records == null || records.isEmpty()) {
            return Optional.empty();
        }
        ByteRecord record = records.get(0);
        Map<String, byte[]> fields = new HashMap<>();
        record.getValue().forEach((name, value) -> fields.put(string(name), value));
        return toJob(record.getId().getValue(), fields);
    }

    /** An entry as a job, no longer counted as waiting; one it cannot read is left for a gradfit that can. */
    private Optional<JobLease> toJob(String entryId, Map<String, byte[]> fields) {
        byte[] rawId = fields.get("id");
        byte[] command = fields.get("command");
        if (rawId == null || command == null) {
            acknowledgeEntry(entryId);
            return Optional.empty();
        }
        UUID id = UUID.fromString(string(rawId));
        try {
            QueuedJob job = new QueuedJob(id, JobCodecs.decodeCommand(command));
            // Held before anything else may fail: the entry is this replica's now, and a lease dropped here
            // would look to the others like the work of a dead replica.
            held.add(entryId);
            bookkeep(id);
            return Optional.of(new JobLease(job, entryId, consumer));
        } catch (DecodingException e) {
            log.error(
                    "Job {} in the Redis queue cannot be read by this gradfit ({}); it is left for another",
                    id,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Stops counting the job as waiting. Redis not answering, it is done by a later renewal instead
     * (delivered.lua is idempotent): the job is this replica's either way.
     */
    private void bookkeep(UUID id) {
        try {
            guarded(() -> redis.script("the job queue's bookkeeping", JobScripts.DELIVERED, KEYS, id));
        } catch (StoreUnavailableException e) {
            owedBookkeeping.add(id);
        }
    }

    private void settleBookkeeping() {
        for (UUID id : List.copyOf(owedBookkeeping)) {
            redis.script("the job queue's bookkeeping", JobScripts.DELIVERED, KEYS, id);
            owedBookkeeping.remove(id);
        }
    }

    @Override
    public void acknowledge(JobLease lease) {
        // Still renewed until Redis has taken the acknowledgement: a worker tries again while it does not answer.
        if (held.contains(ours(lease).entry())) {
            acknowledgeEntry(lease.entry());
            held.remove(lease.entry());
        }
    }

    @Override
    public void release(JobLease lease) {
        held.remove(ours(lease).entry());
    }

    private JobLease ours(JobLease lease) {
        if (!consumer.equals(lease.consumer())) {
            throw new IllegalArgumentException("job " + lease.id() + " was leased by " + lease.consumer()
                    + ", not by this replica's queue (" + consumer + ")");
        }
        return lease;
    }

    private void acknowledgeEntry(String entry) {
        redis.script("the job queue's acknowledgement", JobScripts.ACKNOWLEDGE, List.of(STREAM), GROUP, entry);
    }

    @Override
    public boolean withdraw(UUID id) {
        Long removed = guarded(() -> redis.script("the job queue's withdrawal", JobScripts.WITHDRAW, KEYS, id));
        return removed != null && removed == 1;
    }

    /** What the last renewal counted, without a call to Redis: a scrape of the meters never waits for it. */
    @Override
    public int waitingLastCounted() {
        return lastWaiting;
    }

    @Override
    public int waiting() {
        Long waiting = guarded(
                () -> redis.run("the job queue's count", c -> c.hashCommands().hLen(bytes(ENTRIES))));
        return waiting == null ? 0 : waiting.intValue();
    }

    /**
     * Renews this replica's claims, then sweeps for a dead replica's entries; every
     * {@value #ORPHANS_EVERY} times it looks for jobs no worker will take.
     */
    private void upkeep() {
        renewClaims();
        sweep();
        if (++upkeeps % ORPHANS_EVERY == 0) {
            try {
                forgetOrphans();
            } catch (RuntimeException e) {
                log.debug("Could not look for jobs left out of the queue: {}", e.getMessage());
            }
        }
    }

    /**
     * Forgets the jobs that have not finished and have no entry in the queue (neither waiting nor held by a
     * worker), submitted longer than claim-after ago: no worker will ever take them. An older gradfit left
     * them, when it kept a job and then could not queue it; this one keeps and queues a job in one script.
     *
     * @return the jobs forgotten, each logged
     */
    List<UUID> forgetOrphans() {
        long cutoff = Instant.now().minus(properties.claimAfter()).toEpochMilli();
        List<Object> gone = guarded(() -> redis.script(
                "the job queue's look for jobs left out",
                JobScripts.ORPHANS,
                List.of(RedisJobStore.CREATED, RedisJobStore.FINISHED, STREAM, ENTRIES),
                GROUP,
                cutoff,
                RedisJobStore.PREFIX));
        List<UUID> ids = new java.util.ArrayList<>();
        for (Object id : gone == null ? List.of() : gone) {
            UUID job = UUID.fromString(string((byte[]) id));
            ids.add(job);
            log.warn(
                    "Job {} had not finished and had no entry in the job queue, so no worker would ever run it"
                            + " (an interrupted submission of an older gradfit): forgotten",
                    job);
        }
        return ids;
    }

    /**
     * Claims one entry whose owner stopped renewing it for claim-after, unless one claimed earlier still
     * waits for a worker, or Redis failed less than claim-after ago (after an outage every idle time includes
     * the outage, and the live replicas must first get a chance to renew their claims).
     */
    @SuppressWarnings("unchecked")
    private void sweep() {
        if (!reclaimed.isEmpty()
                || System.nanoTime() - lastFailure < properties.claimAfter().toNanos()) {
            return;
        }
        try {
            List<Object> entry = claim();
            if (entry == null || entry.size() < 3 || !(entry.get(1) instanceof List<?> raw)) {
                return;
            }
            Map<String, byte[]> fields = new HashMap<>();
            List<Object> list = (List<Object>) raw;
            for (int i = 0; i + 1 < list.size(); i += 2) {
                fields.put(string((byte[]) list.get(i)), (byte[]) list.get(i + 1));
            }
            String owner = string((byte[]) entry.get(2));
            toJob(string((byte[]) entry.get(0)), fields).ifPresent(lease -> {
                log.warn(
                        "Job {} claimed from {}, which had not renewed it for {}: it runs again here ({})",
                        lease.id(),
                        owner,
                        properties.claimAfter(),
                        consumer);
                reclaimed.add(lease);
            });
        } catch (RuntimeException e) {
            // The scheduler would stop running a task that throws.
            log.debug("Could not sweep for the jobs of dead replicas: {}", e.getMessage());
        }
    }

    /**
     * Keeps this replica's running entries from looking idle to the other replicas, and records a tick of
     * Redis's clock, which fences claims (claim.lua); runs whether or not this replica holds any.
     */
    private void renewClaims() {
        try {
            List<Object> renewed = redis.script(
                    "the job queue's renewal",
                    JobScripts.RENEW,
                    List.of(STREAM, ENTRIES),
                    GROUP,
                    consumer,
                    tickGap(),
                    List.copyOf(held));
            if (renewed != null && renewed.size() > 1 && renewed.get(1) instanceof Long waiting) {
                lastWaiting = waiting.intValue();
            }
            settleBookkeeping();
        } catch (RuntimeException e) {
            lastFailure = System.nanoTime();
            log.debug("Could not renew the claims on running jobs: {}", e.getMessage());
        }
    }

    /**
     * Claims one entry idle for claim-after, if Redis's own clock says it has been awake and serving
     * renewals for claim-after (claim.lua).
     *
     * @return [entry id, fields, previous owner], or an empty list
     */
    List<Object> claim() {
        return guarded(() -> redis.script(
                "the job queue's sweep",
                JobScripts.CLAIM,
                List.of(STREAM),
                GROUP,
                consumer,
                properties.claimAfter().toMillis(),
                tickGap()));
    }

    /**
     * The longest gap between two ticks of Redis's clock that still counts as Redis awake: half of
     * claim-after, while every replica ticks every third of it.
     */
    private long tickGap() {
        return Math.max(1, properties.claimAfter().toMillis() / 2);
    }

    @Override
    public void close() {
        stop();
        for (RedisConnection connection; (connection = readers.poll()) != null; ) {
            close(connection);
        }
    }
}
