package dev.gradfit.model.redis;

import dev.gradfit.config.JobProperties;
import dev.gradfit.config.StoreProperties;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configurations out unless models or jobs are kept in Redis
 * ({@code gradfit.store.type=redis}, or {@code gradfit.jobs.store=redis}), so that with
 * the memory store nothing of Redis starts: no client, no connection attempt, no health indicator. With
 * the Redis store it keeps the connection ({@code spring.data.redis.*}) and the {@code redis} health
 * indicator, and still leaves out what gradfit does not use (reactive templates, repositories, command
 * observations).
 *
 * <p>A filter rather than {@code spring.autoconfigure.exclude}: exclusions cannot be undone by a
 * conditional import, and a user's own exclusions would replace gradfit's. Registered in {@code
 * META-INF/spring.factories}.
 */
public final class RedisAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String REDIS_AUTO_CONFIGURATIONS = "org.springframework.boot.data.redis.autoconfigure.";

    /**
     * Left out even with the Redis store. A deny list, not an allow list: Spring Boot also asks the filter
     * about the configurations these auto-configurations import (LettuceConnectionConfiguration).
     */
    private static final Set<String> UNUSED_WITH_REDIS = Set.of(
            REDIS_AUTO_CONFIGURATIONS + "DataRedisReactiveAutoConfiguration",
            REDIS_AUTO_CONFIGURATIONS + "DataRedisRepositoriesAutoConfiguration",
            REDIS_AUTO_CONFIGURATIONS + "health.DataRedisReactiveHealthContributorAutoConfiguration",
            REDIS_AUTO_CONFIGURATIONS + "observation.LettuceObservationAutoConfiguration");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean redis = "redis".equalsIgnoreCase(environment.getProperty(StoreProperties.TYPE, "memory"))
                || "redis".equalsIgnoreCase(JobProperties.storeOf(environment));
        boolean[] matches = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            String candidate = candidates[i];
            matches[i] = candidate == null
                    || !candidate.startsWith(REDIS_AUTO_CONFIGURATIONS)
                    || (redis && !UNUSED_WITH_REDIS.contains(candidate));
        }
        return matches;
    }
}
