package dev.gradfit.jobs.redis;

import dev.gradfit.config.JobProperties;
import dev.gradfit.redis.RedisCalls;
import dev.gradfit.redis.RedisConfiguration;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.TaskScheduler;

/**
 * Jobs on Redis, when {@code gradfit.jobs.store=redis} (unset, when {@code gradfit.store.type=redis}): state, queue and events shared by every replica,
 * on the Redis layer the model store uses too ({@link RedisConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(JobProperties.ON_REDIS)
class RedisJobsConfig {

    @Bean
    RedisJobStore redisJobStore(RedisCalls redis, JobProperties properties, Clock clock) {
        return new RedisJobStore(redis, properties, clock);
    }

    /** The consumer name of this replica in the workers' group: its process, and a start of its own. */
    @Bean
    RedisJobQueue redisJobQueue(
            RedisCalls redis,
            @Qualifier(RedisConfiguration.SCHEDULER) TaskScheduler scheduler,
            JobProperties properties) {
        String consumer = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID();
        return new RedisJobQueue(redis, scheduler, properties, consumer);
    }

    @Bean
    RedisJobIntake redisJobIntake(RedisCalls redis, RedisJobQueue queue, JobProperties properties) {
        return new RedisJobIntake(redis, queue, properties);
    }

    @Bean
    RedisJobEventLog redisJobEventLog(
            RedisCalls redis, RedisMessageListenerContainer redisListeners, JobProperties properties) {
        return new RedisJobEventLog(redis, redisListeners, properties);
    }
}
