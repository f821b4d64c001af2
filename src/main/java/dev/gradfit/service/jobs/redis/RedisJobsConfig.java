package dev.gradfit.service.jobs.redis;

import dev.gradfit.config.JobProperties;
import dev.gradfit.config.StoreProperties;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Jobs on Redis, when {@code gradfit.store.type=redis}: state, queue and events shared by every replica. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "redis")
class RedisJobsConfig {

    @Bean
    RedisCalls jobRedisCalls(RedisConnectionFactory connections, StoreProperties store) {
        return new RedisCalls(connections, store.retryAfter());
    }

    @Bean
    RedisJobStore redisJobStore(RedisCalls jobRedisCalls, JobProperties properties, Clock clock) {
        return new RedisJobStore(jobRedisCalls, properties, clock);
    }

    /** The consumer name of this replica in the workers' group: its process, and a start of its own. */
    @Bean(destroyMethod = "close")
    RedisJobQueue redisJobQueue(RedisCalls jobRedisCalls, JobProperties properties) {
        String consumer = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID();
        return new RedisJobQueue(jobRedisCalls, properties, consumer);
    }

    /** One subscriber connection for the announcements of every job this replica streams. */
    @Bean
    RedisMessageListenerContainer jobEventListeners(RedisConnectionFactory connections) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // A listener only wakes an event stream, which returns at once: no thread per message.
        container.setTaskExecutor(Runnable::run);
        return container;
    }

    @Bean
    RedisJobEventLog redisJobEventLog(
            RedisCalls jobRedisCalls, RedisMessageListenerContainer jobEventListeners, JobProperties properties) {
        return new RedisJobEventLog(jobRedisCalls, jobEventListeners, properties);
    }
}
