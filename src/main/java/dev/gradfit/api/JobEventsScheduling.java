package dev.gradfit.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads of the job event streams: deliveries of new events and heartbeats. A Spring bean, so that the
 * context starts and stops it; writes to clients are short, so a few threads serve every stream of a replica.
 */
@Configuration(proxyBeanMethods = false)
class JobEventsScheduling {

    /** The bean's name, for {@code @Qualifier}: other schedulers may join the context. */
    static final String SCHEDULER = "jobEventsScheduler";

    private static final int THREADS = 2;

    @Bean(SCHEDULER)
    ThreadPoolTaskScheduler jobEventsScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(THREADS);
        scheduler.setThreadNamePrefix("gradfit-events-");
        scheduler.setDaemon(true);
        // A canceled heartbeat leaves the queue at once instead of at its next run: a stream that ends holds nothing.
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
