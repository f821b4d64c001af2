package dev.gradfit.jobs.redis;

import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobIntake;
import dev.gradfit.jobs.QueuedJob;
import dev.gradfit.redis.RedisCalls;
import java.util.List;

/**
 * Takes jobs in on Redis with one script ({@code submit.lua}): the job's hash, its place in the created
 * index and its entry in the queue's stream are written together, or, when the queue is full, nothing is.
 * A submission that Redis runs late (it was paused when gradfit gave up waiting) is still whole: the job is
 * queued and runs, though its client was answered 503.
 */
final class RedisJobIntake implements JobIntake {

    private final RedisCalls redis;
    private final RedisJobQueue queue;
    private final JobProperties properties;

    RedisJobIntake(RedisCalls redis, RedisJobQueue queue, JobProperties properties) {
        this.redis = redis;
        this.queue = queue;
        this.properties = properties;
    }

    @Override
    public boolean submit(Job job, QueuedJob queued) {
        byte[] command = JobCodecs.encodeCommand(queued.command());
        Long taken = queue.guarded(() -> redis.write(
                "the job intake's submit",
                JobScripts.SUBMIT,
                List.of(
                        RedisJobStore.key(job.id()),
                        RedisJobStore.CREATED,
                        RedisJobQueue.STREAM,
                        RedisJobQueue.ENTRIES,
                        RedisJobQueue.SIZES,
                        RedisJobQueue.BYTES),
                JobCodecs.encodeCreated(job),
                job.createdAt().toEpochMilli(),
                job.id(),
                command,
                properties.maxQueued(),
                properties.maxQueuedBytes().toBytes(),
                queued.command().dataBytes(),
                redis.writeDeadline()));
        if (taken != null && taken < 0) {
            throw redis.late("the job intake's submit");
        }
        return taken != null && taken == 1;
    }
}
