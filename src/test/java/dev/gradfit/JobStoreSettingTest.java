package dev.gradfit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.jobs.JobIntake;
import dev.gradfit.jobs.JobQueue;
import dev.gradfit.jobs.JobStore;
import dev.gradfit.model.ModelStore;
import dev.gradfit.model.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@code gradfit.jobs.store} chooses where jobs live, apart from the models' store, and follows
 * {@code gradfit.store.type} when unset.
 */
@Testcontainers(disabledWithoutDocker = true)
class JobStoreSettingTest {

    @Container
    private static final RedisServer redis = new RedisServer();

    private static ConfigurableApplicationContext start(String... settings) {
        String[] args = new String[settings.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--spring.data.redis.url=" + redis.url();
        System.arraycopy(settings, 0, args, 2, settings.length);
        return new SpringApplicationBuilder(GradfitApplication.class).run(args);
    }

    private static String kind(Object bean) {
        return bean.getClass().getPackageName();
    }

    @Test
    void keepsJobsInRedisWhileModelsStayInMemory() {
        try (var app = start("--gradfit.store.type=memory", "--gradfit.jobs.store=redis")) {
            assertThat(kind(app.getBean(JobStore.class))).isEqualTo("dev.gradfit.jobs.redis");
            assertThat(kind(app.getBean(JobQueue.class))).isEqualTo("dev.gradfit.jobs.redis");
            assertThat(kind(app.getBean(JobIntake.class))).isEqualTo("dev.gradfit.jobs.redis");
            assertThat(kind(app.getBean(ModelStore.class))).isEqualTo("dev.gradfit.model.memory");
        }
    }

    @Test
    void keepsJobsInMemoryWhileModelsAreInRedis() {
        try (var app = start("--gradfit.store.type=redis", "--gradfit.jobs.store=memory")) {
            assertThat(kind(app.getBean(JobStore.class))).isEqualTo("dev.gradfit.jobs.memory");
            assertThat(kind(app.getBean(JobQueue.class))).isEqualTo("dev.gradfit.jobs.memory");
            assertThat(kind(app.getBean(ModelStore.class))).isEqualTo("dev.gradfit.model.redis");
        }
    }

    @Test
    void followsTheModelStoreWhenUnset() {
        try (var app = start("--gradfit.store.type=redis")) {
            assertThat(kind(app.getBean(JobStore.class))).isEqualTo("dev.gradfit.jobs.redis");
        }
    }
}
