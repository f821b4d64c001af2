package dev.gradfit.service.jobs.redis;

import static dev.gradfit.service.jobs.redis.RedisCalls.bytes;
import static dev.gradfit.service.jobs.redis.RedisCalls.string;

import dev.gradfit.config.JobProperties;
import dev.gradfit.model.DecodingException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.service.jobs.JobQueue;
import dev.gradfit.service.jobs.QueuedJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReturnType;

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
final class RedisJobQueue implements JobQueue, AutoCloseable {

    static final String STREAM = "gradfit:jobs:queue";
    static final String GROUP = "gradfit-workers";
    /** Job id → stream entry, for the jobs no worker has had yet. */
    static final String ENTRIES = "gradfit:jobs:entries";
    /** Job id → bytes of data, for the same jobs; and their sum. */
    static final String SIZES = "gradfit:jobs:sizes";

    static final String BYTES = "gradfit:jobs:queue:bytes";

    private static final Logger log = LoggerFactory.getLogger(RedisJobQueue.class);
    private static final Duration POLL = Duration.ofMillis(50);

    /** Adds the entry unless the queue holds max-queued waiting jobs or max-queued-bytes of data. */
    private static final String OFFER = """
            local waiting = redis.call('HLEN', KEYS[2])
            local bytes = tonumber(redis.call('GET', KEYS[4]) or '0')
            if waiting >= tonumber(ARGV[3]) then return 0 end
            if waiting > 0 and bytes + tonumber(ARGV[5]) > tonumber(ARGV[4]) then return 0 end
            local entry = redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'command', ARGV[2])
            redis.call('HSET', KEYS[2], ARGV[1], entry)
            redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
            redis.call('INCRBY', KEYS[4], ARGV[5])
            return 1
            """;

    /**
     * One entry for this consumer: first one whose owner stopped renewing it for claim-after (when
     * ARGV[3] is not empty), else one no consumer has had; a first delivery stops counting as waiting.
     */
    private static final String TAKE = """
            if ARGV[3] ~= '' then
              local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', 1)
              local entry = claimed[2][1]
              if entry and entry[2] then return entry end
            end
            local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
            if not read then return {} end
            local entry = read[1][2][1]
            if not entry then return {} end
            local fields = entry[2]
            for i = 1, #fields, 2 do
              if fields[i] == 'id' then
                local size = redis.call('HGET', KEYS[3], fields[i + 1])
                if size then redis.call('DECRBY', KEYS[4], size) end
                redis.call('HDEL', KEYS[2], fields[i + 1])
                redis.call('HDEL', KEYS[3], fields[i + 1])
              end
            end
            return entry
            """;

    /** Withdraws a job no worker has had yet. */
    private static final String WITHDRAW = """
            local entry = redis.call('HGET', KEYS[2], ARGV[1])
            if not entry then return 0 end
            local size = redis.call('HGET', KEYS[3], ARGV[1])
            if size then redis.call('DECRBY', KEYS[4], size) end
            redis.call('XDEL', KEYS[1], entry)
            redis.call('HDEL', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            return 1
            """;

    /** Renews this consumer's claim on the entries it still owns; entries another consumer took stay theirs. */
    private static final String RENEW = """
            local renewed = 0
            for i = 3, #ARGV do
              local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if #pending > 0 and pending[1][2] == ARGV[2] then
                redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
                renewed = renewed + 1
              end
            end
            return renewed
            """;

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

    private final ScheduledExecutorService upkeep;
    private volatile boolean groupReady;
    /**
     * When this replica last failed to reach Redis. For claim-after from then on it claims no one else's
     * entries: after an outage every idle time includes the outage, and the live replicas must first get
     * a chance to renew their claims.
     */
    private volatile long lastFailure = System.nanoTime();

    RedisJobQueue(RedisCalls redis, JobProperties properties, String consumer) {
        this.redis = redis;
        this.properties = properties;
        this.consumer = consumer;
        this.upkeep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gradfit-job-queue-upkeep");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, properties.claimAfter().toMillis() / 3);
        upkeep.scheduleWithFixedDelay(this::renewClaims, every, every, TimeUnit.MILLISECONDS);
    }

    /** Makes the stream and its consumer group unless this replica saw them already. */
    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        // BUSYGROUP, when another replica (or an earlier start) made it, is no error here.
        redis.script(
                "redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM') return 1",
                ReturnType.INTEGER,
                List.of(STREAM),
                bytes(GROUP));
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
                OFFER,
                ReturnType.INTEGER,
                KEYS,
                bytes(job.id().toString()),
                command,
                bytes(properties.maxQueued()),
                bytes(properties.maxQueuedBytes().toBytes()),
                bytes(job.command().dataBytes())));
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
                TAKE,
                ReturnType.MULTI,
                KEYS,
                bytes(GROUP),
                bytes(consumer),
                quiet ? new byte[0] : bytes(properties.claimAfter().toMillis())));
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
        redis.script(
                "redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) return redis.call('XDEL', KEYS[1], ARGV[2])",
                ReturnType.INTEGER,
                List.of(STREAM),
                bytes(GROUP),
                bytes(entry));
    }

    @Override
    public boolean withdraw(UUID id) {
        Long removed = guarded(() -> redis.script(WITHDRAW, ReturnType.INTEGER, KEYS, bytes(id.toString())));
        return removed != null && removed == 1;
    }

    @Override
    public int waiting() {
        Long waiting = guarded(() -> redis.run(c -> c.hashCommands().hLen(bytes(ENTRIES))));
        return waiting == null ? 0 : waiting.intValue();
    }

    /** Keeps this replica's running entries from looking idle to the other replicas. */
    private void renewClaims() {
        if (taken.isEmpty()) {
            return;
        }
        try {
            List<byte[]> args = new ArrayList<>(List.of(bytes(GROUP), bytes(consumer)));
            taken.values().forEach(entry -> args.add(bytes(entry)));
            redis.script(RENEW, ReturnType.INTEGER, List.of(STREAM), args.toArray(byte[][]::new));
        } catch (RuntimeException e) {
            lastFailure = System.nanoTime();
            log.debug("Could not renew the claims on running jobs: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        upkeep.shutdownNow();
    }
}
