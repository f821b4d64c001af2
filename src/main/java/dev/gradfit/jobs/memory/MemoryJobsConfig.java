package dev.gradfit.jobs.memory;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.gradfit.config.JobProperties;
import dev.gradfit.jobs.JobEventLog;
import dev.gradfit.jobs.JobIntake;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.JobStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jobs in this process's memory, the default: {@code gradfit.jobs.store=memory}, or unset with
 * {@code gradfit.store.type} absent or {@code memory}. They
 * are lost when the process ends, and only this process's workers run them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(JobProperties.ON_MEMORY)
class MemoryJobsConfig {

    @Bean
    MemoryJobs memoryJobs(JobProperties properties) {
        return new MemoryJobs(properties, Ticker.systemTicker());
    }

    @Bean
    JobStore memoryJobStore(MemoryJobs jobs) {
        return new MemoryJobStore(jobs);
    }

    @Bean
    JobEventLog memoryJobEventLog(MemoryJobs jobs) {
        return new MemoryJobEventLog(jobs);
    }

    @Bean
    JobIntake memoryJobIntake(JobStore store, JobQueue queue) {
        return new MemoryJobIntake(store, queue);
    }

    @Bean
    JobQueue memoryJobQueue(JobProperties properties) {
        return new MemoryJobQueue(
                properties.maxQueued(), properties.maxQueuedBytes().toBytes());
    }
}
