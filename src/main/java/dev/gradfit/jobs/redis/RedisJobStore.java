package dev.gradfit.jobs.redis;

import static dev.gradfit.redis.RedisCalls.bytes;
import static dev.gradfit.redis.RedisCalls.string;

import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobResult;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Jobs' state in Redis, shared by every replica.
 *
 * <p>Each job is a hash {@code gradfit:job:{id}} that keeps its state field by field ({@link JobFields}):
 * each change (start, progress, cancel, complete) is one Lua script that reads the status and decides in
 * Redis, so two replicas racing to start, cancel or complete a job see one order and the first completion
 * wins, with no read-and-retry in Java. Two sorted sets index the jobs: {@code gradfit:jobs:created} by
 * submission (for listing) and {@code gradfit:jobs:finished} by end (for retention and
 * {@code max-finished}). A finished job's hash expires after the retention; the next listing or count drops
 * its index entries.
 *
 * <p>A job that an older gradfit wrote as one blob ({@code job}, with a version {@code v}) is read from the
 * blob; the first change made here rewrites it field by field (once, unless an older replica changed it in
 * between, when the change is refused as if Redis had not answered).
 */
final class RedisJobStore implements JobStore {

    static final String PREFIX = "gradfit:job:";
    static final String CREATED = "gradfit:jobs:created";
    static final String FINISHED = "gradfit:jobs:finished";

    private static final Logger log = LoggerFactory.getLogger(RedisJobStore.class);

    /** What the transition scripts answer first: this call changed the job, or not, or why not. */
    private static final long CHANGED = 1;

    private static final long GONE = -1;
    private static final long OLDER_LAYOUT = -2;

    private final RedisCalls redis;
    private final JobProperties properties;
    private final Clock clock;

    RedisJobStore(RedisCalls redis, JobProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    static String key(UUID id) {
        return PREFIX + id;
    }

    @Override
    public void create(Job job) {
        redis.script(
                "the job store's create",
                JobScripts.CREATE,
                List.of(key(job.id()), CREATED),
                JobCodecs.encodeCreated(job),
                job.createdAt().toEpochMilli(),
                job.id());
    }

    @Override
    public void delete(UUID id) {
        redis.script("the job store's delete", JobScripts.DELETE, List.of(key(id), CREATED, FINISHED), id);
    }

    @Override
    public Optional<Job> find(UUID id) {
        List<byte[]> fields = redis.run(
                "the job store's read",
                c -> c.hashCommands()
                        .hMGet(
                                bytes(key(id)),
                                JobFields.NAMES.stream().map(RedisCalls::bytes).toArray(byte[][]::new)));
        return Optional.ofNullable(decode(id, fields));
    }

    @Override
    public List<Job> list(long offset, int limit) {
        prune();
        List<Object> page = redis.script(
                "the job store's list", JobScripts.LIST, List.of(CREATED), offset, offset + limit - 1, PREFIX);
        List<Job> jobs = new ArrayList<>(page == null ? 0 : page.size() / 2);
        for (int i = 0; page != null && i + 1 < page.size(); i += 2) {
            UUID id = UUID.fromString(string((byte[]) page.get(i)));
            Job job = decode(id, (List<?>) page.get(i + 1));
            if (job != null) {
                jobs.add(job);
            }
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
        Transition started = transition(id, "the job store's start", JobScripts.START, List.of(key(id)), at.toString());
        return started.changed() ? Optional.of(started.job()) : Optional.empty();
    }

    @Override
    public void progress(UUID id, int epoch, double cost) {
        List<String> keys = List.of(key(id));
        Object[] args = {epoch, Double.toString(cost)};
        Long done = redis.script("the job store's progress", JobScripts.PROGRESS, keys, args);
        if (done != null && done == OLDER_LAYOUT && migrate(id)) {
            redis.script("the job store's progress", JobScripts.PROGRESS, keys, args);
        }
    }

    @Override
    public Optional<Cancellation> cancel(UUID id, Instant at) {
        Transition canceled = transition(
                id,
                "the job store's cancel",
                JobScripts.CANCEL,
                List.of(key(id), FINISHED),
                at.toString(),
                properties.retention().toMillis(),
                at.toEpochMilli(),
                id);
        if (canceled.job() == null) {
            return Optional.empty();
        }
        if (canceled.changed()) {
            prune();
        }
        return Optional.of(new Cancellation(canceled.job(), canceled.changed()));
    }

    @Override
    public Optional<Job> complete(UUID id, JobResult result, Instant at) {
        Transition completed = transition(
                id,
                "the job store's complete",
                JobScripts.COMPLETE,
                List.of(key(id), FINISHED),
                result.status().name(),
                result.modelId() == null ? "" : result.modelId().toString(),
                result.failure() == null ? new byte[0] : JobCodecs.encodeFailure(result.failure()),
                result.epoch() == null ? "" : result.epoch(),
                result.cost() == null ? "" : Double.toString(result.cost()),
                at.toString(),
                properties.retention().toMillis(),
                at.toEpochMilli(),
                id);
        if (!completed.changed()) {
            return Optional.empty();
        }
        prune();
        return Optional.of(completed.job());
    }

    /**
     * Runs a transition script; a job in the older layout is rewritten field by field first, once.
     *
     * @throws StoreUnavailableException if the job stays in the older layout (an older gradfit keeps
     *     changing it): the caller is told to come back, as if Redis had not answered
     */
    private Transition transition(
            UUID id, String what, RedisScript<List<Object>> script, List<String> keys, Object... args) {
        Transition done = Transition.of(id, redis.script(what, script, keys, args));
        if (done.code() == OLDER_LAYOUT) {
            migrate(id);
            done = Transition.of(id, redis.script(what, script, keys, args));
            if (done.code() == OLDER_LAYOUT) {
                throw new StoreUnavailableException(
                        "job " + id + " was changed by an older gradfit while it was rewritten",
                        redis.retryAfter(),
                        null);
            }
        }
        return done;
    }

    /** Rewrites a job of the older blob layout field by field; false if it changed meanwhile or is gone. */
    private boolean migrate(UUID id) {
        List<byte[]> read = redis.run(
                "the job store's read", c -> c.hashCommands().hMGet(bytes(key(id)), bytes("v"), bytes("job")));
        if (read == null || read.size() < 2 || read.get(0) == null || read.get(1) == null) {
            return false;
        }
        Job job = JobCodecs.decodeJob(read.get(1));
        Long rewritten = redis.script(
                "the job store's rewrite of an older job",
                JobScripts.MIGRATE,
                List.of(key(id)),
                read.get(0),
                JobFields.encode(job));
        return rewritten != null && rewritten == 1;
    }

    /** The job read from its fields (or its older blob); null if gone, or if this gradfit cannot read it. */
    private static Job decode(UUID id, List<?> fields) {
        try {
            return JobFields.decode(id, fields);
        } catch (DecodingException e) {
            log.warn(
                    "Job {} in Redis cannot be read by this gradfit ({}); it is treated as absent", id, e.getMessage());
            return null;
        }
    }

    /**
     * What a transition script answered.
     *
     * @param code {@link #CHANGED}, 0 (left as it was), {@link #GONE} or {@link #OLDER_LAYOUT}
     * @param job the job after the script, when it answered it; {@code null} otherwise
     */
    private record Transition(long code, Job job) {

        static Transition of(UUID id, List<Object> reply) {
            long code = reply == null || reply.isEmpty() ? GONE : (Long) reply.get(0);
            Job job = reply != null && reply.size() > 1 ? decode(id, (List<?>) reply.get(1)) : null;
            return new Transition(code, job);
        }

        boolean changed() {
            return code == CHANGED && job != null;
        }
    }
}
