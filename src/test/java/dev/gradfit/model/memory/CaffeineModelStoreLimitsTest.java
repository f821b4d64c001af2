package dev.gradfit.model.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.config.StoreProperties;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.model.FittedModel;
import dev.gradfit.model.TrainingSample;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What happens past gradfit.store.max-models and gradfit.store.max-bytes: models are evicted. */
class CaffeineModelStoreLimitsTest {

    @Test
    void keepsNoMoreModelsThanTheLimit() {
        CaffeineModelStore store = store(5, DataSize.ofMegabytes(256));

        for (int i = 0; i < 50; i++) {
            store.save(model(10));
        }

        assertThat(store.count()).isLessThanOrEqualTo(5);
        assertThat(store.cache().stats().evictionCount()).isGreaterThanOrEqualTo(45);
    }

    @Test
    void keepsNoMoreBytesThanTheLimit() {
        // A model with 10000 history entries weighs about 80 kB: ten of them exceed 512 kB.
        CaffeineModelStore store = store(1000, DataSize.ofKilobytes(512));

        for (int i = 0; i < 10; i++) {
            store.save(model(10_000));
        }

        store.count();
        assertThat(store.estimatedBytes()).isLessThanOrEqualTo(512 * 1024);
        assertThat(store.count()).isBetween(1L, 6L);
    }

    @Test
    void countsTheTrainingSampleOfEachModel() {
        // A sample of 2000 one-feature points holds 4000 doubles, 32 kB: 20 of them exceed 512 kB, while 20
        // models without a sample (about 0.6 kB each) would all be kept.
        CaffeineModelStore store = store(1000, DataSize.ofKilobytes(512));
        double[] x = new double[2000];
        Dataset data = Dataset.of(x, x.clone());

        for (int i = 0; i < 20; i++) {
            FittedModel plain = model(10);
            store.save(new FittedModel(
                    plain.id(),
                    plain.createdAt(),
                    plain.hyperparameters(),
                    plain.result(),
                    null,
                    false,
                    null,
                    TrainingSample.of(data, 2000, 0)));
        }

        store.count();
        assertThat(store.estimatedBytes()).isLessThanOrEqualTo(512 * 1024);
        assertThat(store.count()).isBetween(1L, 16L);
    }

    private static CaffeineModelStore store(int maxModels, DataSize maxBytes) {
        return new CaffeineModelStore(
                StoreProperties.of(StoreProperties.Type.MEMORY, maxModels, maxBytes, Duration.ofHours(1)));
    }

    private static FittedModel model(int historyEntries) {
        FitResult result = new FitResult(new Weights(0, new double[] {1}), 0, new double[historyEntries], 1, 1);
        return new FittedModel(UUID.randomUUID(), Instant.EPOCH, Hyperparameters.defaults(), result);
    }
}
