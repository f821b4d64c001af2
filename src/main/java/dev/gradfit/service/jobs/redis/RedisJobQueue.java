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
import java.util.concurrent.ConcurrentLinkedDeque;
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
 * the sweeper of a surviving replica claims the entry (XAUTOCLAIM) and one of its workers runs the job
 * again from the same command. Fits are deterministic, so the rerun gives the same weights; the job store
 * keeps the first completion.
 */
final class RedisJobQueue implements JobQueue, AutoCloseable {

    static final String STREAM = "gradfit:jobs:queue";
    static final String GROUP = "gradfit-workers";
    static final String ENTRIES = "gradfit:jobs:entries";

    private static final Logger log = LoggerFactory.getLogger(RedisJobQueue.class);
    private static final Duration POLL = Duration.ofMillis(50);

    /** Adds the entry unless the queue holds max-queued waiting jobs or max-queued-bytes of data. */
    private static final String OFFER = """
            local pending = 0
            if redis.call('EXISTS', KEYS[1]) == 1 then
              local info = redis.call('XPENDING', KEYS[1], ARGV[5])
              pending = info[1]
            end
            local waiting = redis.call('XLEN', KEYS[1]) - pending
            local bytes = tonumber(redis.call('GET', KEYS[3]) or '0')
            if waiting >= tonumber(ARGV[3]) then return 0 end
            if waiting > 0 and bytes + tonumber(ARGV[6]) > tonumber(ARGV[4]) then return 0 end
            local entry = redis.call('XADD', KEYS[1], '*', 'id', ARGV[1], 'command', ARGV[2], 'bytes', ARGV[6])
            redis.call('HSET', KEYS[2], ARGV[1], entry)
            redis.call('INCRBY', KEYS[3], ARGV[6])
            return 1
            """;

    /** Forgets a taken or withdrawn entry and its bytes. */
    private static final String REMOVE = """
            local entry = redis.call('HGET', KEYS[2], ARGV[1])
            if not entry then return 0 end
            if ARGV[3] == '1' then
              local pending = redis.call('XPENDING', KEYS[1], ARGV[2], entry, entry, 1)
              if #pending > 0 then return 0 end
            end
            local fields = redis.call('XRANGE', KEYS[1], entry, entry)
            if #fields > 0 then
              local values = fields[1][2]
              for i = 1, #values, 2 do
                if values[i] == 'bytes' then redis.call('DECRBY', KEYS[3], values[i + 1]) end
              end
            end
            redis.call('XACK', KEYS[1], ARGV[2], entry)
            redis.call('XDEL', KEYS[1], entry)
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """;

    private final RedisCalls redis;
    private final JobProperties properties;
    private final String consumer;
    /** Entries this replica took and has not acknowledged: job id → stream entry id. */
    private final Map<UUID, String> taken = new ConcurrentHashMap<>();
    /**
     * The job each worker thread took last. A worker that takes again has left its previous job, done or
     * not: an unacknowledged one (its end could not be written) stops being renewed, so that a sweeper
     * hands it out again once Redis answers.
     */
    private final Map<Long, UUID> byWorker = new ConcurrentHashMap<>();
    /** Entries the sweeper claimed from dead consumers, for this replica's workers to take first. */
    private final ConcurrentLinkedDeque<List<Object>> claimed = new ConcurrentLinkedDeque<>();

    private final ScheduledExecutorService upkeep;

    RedisJobQueue(RedisCalls redis, JobProperties properties, String consumer) {
        this.redis = redis;
        this.properties = properties;
        this.consumer = consumer;
        this.upkeep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gradfit-job-queue-upkeep");
            thread.setDaemon(true);
            return thread;
        });
        long claimAfter = properties.claimAfter().toMillis();
        upkeep.scheduleWithFixedDelay(
                this::renewClaims, claimAfter / 3, Math.max(1, claimAfter / 3), TimeUnit.MILLISECONDS);
        upkeep.scheduleWithFixedDelay(this::sweep, claimAfter / 2, Math.max(1, claimAfter / 2), TimeUnit.MILLISECONDS);
    }

    private volatile boolean groupReady;

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

    @Override
    public boolean offer(QueuedJob job) {
        ensureGroup();
        byte[] command = JobCodecs.encodeCommand(job.command());
        Long queued = redis.script(
                OFFER,
                ReturnType.INTEGER,
                List.of(STREAM, ENTRIES, STREAM + ":bytes"),
                bytes(job.id().toString()),
                command,
                bytes(properties.maxQueued()),
                bytes(properties.maxQueuedBytes().toBytes()),
                bytes(GROUP),
                bytes(job.command().dataBytes()));
        return queued != null && queued == 1;
    }

    @Override
    public Optional<QueuedJob> take(Duration timeout) throws InterruptedException {
        UUID previous = byWorker.remove(Thread.currentThread().getId());
        if (previous != null) {
            taken.remove(previous);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ensureGroup();
        while (true) {
            List<Object> entry = claimed.pollFirst();
            if (entry == null) {
                entry = readNew();
            }
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

    /** One entry no consumer has had yet, now this consumer's; {@code null} if there is none. */
    @SuppressWarnings("unchecked")
    private List<Object> readNew() {
        Object reply;
        try {
            reply = redis.script(
                    "return redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>') or {}",
                    ReturnType.MULTI,
                    List.of(STREAM),
                    bytes(GROUP),
                    bytes(consumer));
        } catch (StoreUnavailableException e) {
            groupReady = false; // Redis lost the group (restarted without its data): make it again
            throw e;
        }
        if (!(reply instanceof List<?> streams) || streams.isEmpty()) {
            return null;
        }
        if (!(streams.get(0) instanceof List<?> stream)
                || stream.size() < 2
                || !(stream.get(1) instanceof List<?> entries)) {
            return null;
        }
        return entries.isEmpty() ? null : (List<Object>) entries.get(0);
    }

    /** An entry {@code [entryId, [field, value, ...]]} as a job; a job it cannot read is failed over, not lost. */
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
            // An entry deleted (XDEL) after it was delivered: nothing to run.
            redis.script(
                    "return redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])",
                    ReturnType.INTEGER,
                    List.of(STREAM),
                    bytes(GROUP),
                    bytes(entryId));
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
        taken.remove(id);
        remove(id, false);
    }

    @Override
    public boolean withdraw(UUID id) {
        return remove(id, true);
    }

    private boolean remove(UUID id, boolean onlyIfWaiting) {
        Long removed = redis.script(
                REMOVE,
                ReturnType.INTEGER,
                List.of(STREAM, ENTRIES, STREAM + ":bytes"),
                bytes(id.toString()),
                bytes(GROUP),
                bytes(onlyIfWaiting ? "1" : "0"));
        return removed != null && removed == 1;
    }

    @Override
    public int waiting() {
        ensureGroup();
        Long waiting = redis.script(
                "return redis.call('XLEN', KEYS[1]) - redis.call('XPENDING', KEYS[1], ARGV[1])[1]",
                ReturnType.INTEGER,
                List.of(STREAM),
                bytes(GROUP));
        return waiting == null ? 0 : (int) Math.max(0, waiting);
    }

    /** Keeps this replica's running entries from looking idle to the other replicas' sweepers. */
    private void renewClaims() {
        if (taken.isEmpty()) {
            return;
        }
        try {
            List<byte[]> args = new ArrayList<>(List.of(bytes(GROUP), bytes(consumer)));
            taken.values().forEach(entry -> args.add(bytes(entry)));
            redis.script(
                    "return #redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, unpack(ARGV, 3)) and 0",
                    ReturnType.INTEGER,
                    List.of(STREAM),
                    args.toArray(byte[][]::new));
        } catch (RuntimeException e) {
            log.debug("Could not renew the claims on running jobs: {}", e.getMessage());
        }
    }

    /** Claims entries whose consumer has not renewed them for claim-after: their replica died. */
    @SuppressWarnings("unchecked")
    private void sweep() {
        try {
            ensureGroup();
            Object reply = redis.script(
                    "return redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', 10)",
                    ReturnType.MULTI,
                    List.of(STREAM),
                    bytes(GROUP),
                    bytes(consumer),
                    bytes(properties.claimAfter().toMillis()));
            if (reply instanceof List<?> parts && parts.size() > 1 && parts.get(1) instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof List<?> e && e.size() == 2 && e.get(1) != null) {
                        log.warn("Claimed job entry {} from a replica that stopped renewing it", string((byte[])
                                e.get(0)));
                        claimed.addLast((List<Object>) e);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.debug("The job sweeper could not reach Redis: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        upkeep.shutdownNow();
    }
}
