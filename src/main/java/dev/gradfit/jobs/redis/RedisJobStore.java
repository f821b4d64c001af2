package dev.gradfit.jobs.redis;

import static dev.gradfit.redis.RedisCalls.bytes;
import static dev.gradfit.redis.RedisCalls.string;

import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobResult;
import dev.gradfit.jobs.JobStatus;
import dev.gradfit.jobs.JobStore;
import dev.gradfit.model.DecodingException;
import dev.gradfit.model.StoreUnavailableException;
import dev.gradfit.redis.RedisCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs' state in Redis, shared by every replica.
 *
 * <p>Each job is a hash {@code gradfit:job:{id}} with its {@link JobCodecs} form ({@code job}) and a
 * version ({@code v}) that every change increments: a change reads the job, computes the new state, and
 * writes it only if the version is still the one it read (one Lua script), else reads again. So two
 * replicas racing to start, cancel or complete a job see one order, and the first completion wins. Two
 * sorted sets index the jobs: {@code gradfit:jobs:created} by submission (for listing) and
 * {@code gradfit:jobs:finished} by end (for retention and {@code max-finished}). A finished job's hash
 * expires after the retention; the next listing or count drops its index entries.
 */
final class RedisJobStore implements JobStore {

    static final String PREFIX = "gradfit:job:";
    static final String CREATED = "gradfit:jobs:created";
    static final String FINISHED = "gradfit:jobs:finished";

    private static final Logger log = LoggerFactory.getLogger(RedisJobStore.class);
    private static final int MAX_TRIES = 50;

    private final RedisCalls redis;
    private final JobProperties properties;
    private final Clock clock;

    RedisJobStore(RedisCalls redis, JobProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    private static String key(UUID id) {
        return PREFIX + id;
    }

    @Override
    public void create(Job job) {
        redis.script(
                "the job store's create",
                JobScripts.CREATE,
                List.of(key(job.id()), CREATED),
                JobCodecs.encodeJob(job),
                job.createdAt().toEpochMilli(),
                job.id());
    }

    @Override
    public void delete(UUID id) {
        redis.script("the job store's delete", JobScripts.DELETE, List.of(key(id), CREATED, FINISHED), id);
    }

    @Override
    public Optional<Job> find(UUID id) {
        return read(id).map(Versioned::job);
    }

    @Override
    public List<Job> list(long offset, int limit) {
        prune();
        List<byte[]> ids = redis.run("the job store's list", c -> {
            var members = c.zSetCommands().zRevRange(bytes(CREATED), offset, offset + limit - 1);
            return members == null ? List.<byte[]>of() : new ArrayList<>(members);
        });
        List<Job> jobs = new ArrayList<>(ids.size());
        for (byte[] id : ids) {
            read(UUID.fromString(string(id))).ifPresent(versioned -> jobs.add(versioned.job()));
        }
        return jobs;
    }

    @Override
    public long count() {
        prune();
        Long count = redis.run("the job store's count", c -> c.zSetCommands().zCard(bytes(CREATED)));
        return count == null ? 0 : count;
    }

    private void prune() {
        long cutoff = clock.millis() - properties.retention().toMillis();
        redis.script(
                "the job store's pruning",
                JobScripts.PRUNE,
                List.of(CREATED, FINISHED),
                cutoff,
                properties.maxFinished(),
                PREFIX);
    }

    @Override
    public Optional<Job> start(UUID id, Instant at) {
        return change(id, job -> job.status().isFinished() ? null : job.started(at));
    }

    @Override
    public void progress(UUID id, int epoch, double cost) {
        change(id, job -> job.status().isFinished() ? null : job.progressed(epoch, cost));
    }

    @Override
    public Optional<Cancellation> cancel(UUID id, Instant at) {
        for (int i = 0; i < MAX_TRIES; i++) {
            Optional<Versioned> read = read(id);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            Job job = read.get().job();
            if (job.status().isFinished()) {
                return Optional.of(new Cancellation(job, false));
            }
            boolean waiting = job.status() == JobStatus.QUEUED;
            Job next = waiting ? job.withCancelRequest().finished(JobResult.canceled(), at) : job.withCancelRequest();
            if (write(read.get(), next)) {
                return Optional.of(new Cancellation(next, waiting));
            }
        }
        throw contended(id);
    }

    @Override
    public Optional<Job> complete(UUID id, JobResult result, Instant at) {
        return change(id, job -> job.status().isFinished() ? null : job.finished(result, at));
    }

    /**
     * Applies {@code next} to the job until the write wins against concurrent changes.
     *
     * @param next the new state, or {@code null} to leave the job as it is
     * @return the new state if it was written; empty if the job is unknown or was left as it is
     */
    private Optional<Job> change(UUID id, Function<Job, Job> next) {
        for (int i = 0; i < MAX_TRIES; i++) {
            Optional<Versioned> read = read(id);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            Job changed = next.apply(read.get().job());
            if (changed == null) {
                return Optional.empty();
            }
            if (write(read.get(), changed)) {
                return Optional.of(changed);
            }
        }
        throw contended(id);
    }

    private boolean write(Versioned read, Job next) {
        boolean written = writeOnce(read, next);
        if (written && next.status().isFinished()) {
            prune();
        }
        return written;
    }

    private boolean writeOnce(Versioned read, Job next) {
        boolean finished = next.status().isFinished();
        Long written = redis.script(
                "the job store's change",
                JobScripts.CHANGE,
                List.of(key(next.id()), FINISHED),
                read.version(),
                JobCodecs.encodeJob(next),
                finished ? properties.retention().toMillis() : "",
                finished ? next.finishedAt().toEpochMilli() : "",
                next.id());
        return written != null && written == 1;
    }

    private Optional<Versioned> read(UUID id) {
        List<byte[]> fields = redis.run(
                "the job store's read", c -> c.hashCommands().hMGet(bytes(key(id)), bytes("v"), bytes("job")));
        if (fields == null || fields.size() < 2 || fields.get(0) == null || fields.get(1) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Versioned(Long.parseLong(string(fields.get(0))), JobCodecs.decodeJob(fields.get(1))));
        } catch (DecodingException e) {
            log.warn(
                    "Job {} in Redis cannot be read by this gradfit ({}); it is treated as absent", id, e.getMessage());
            return Optional.empty();
        }
    }

    private StoreUnavailableException contended(UUID id) {
        return new StoreUnavailableException(
                "job " + id + " changed " + MAX_TRIES + " times while it was being changed", redis.retryAfter(), null);
    }

    private record Versioned(long version, Job job) {}
}
