package dev.gradfit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gradfit.config.StoreProperties;
import dev.gradfit.config.StoreProperties.Type;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * What every {@link ModelStore} promises, run against each implementation by a subclass. Idle expiry is
 * measured on the real clock with generous margins: a store under test cannot be given a fake one when it
 * is Redis.
 */
public abstract class ModelStoreContract {

    protected static final Duration LONG_IDLE = Duration.ofHours(1);

    private final RandomModels models = new RandomModels(42);

    /** A store with these settings, empty; the subclass closes it after the test. */
    protected abstract ModelStore store(int maxModels, DataSize maxBytes, Duration idleTimeout);

    protected static StoreProperties properties(Type type, int maxModels, DataSize maxBytes, Duration idleTimeout) {
        return StoreProperties.of(type, maxModels, maxBytes, idleTimeout);
    }

    @Test
    void findsASavedModelAsItWasSaved() {
        ModelStore store = store(1000, DataSize.ofMegabytes(256), LONG_IDLE);
        FittedModel model = models.model();

        store.save(model);

        assertThat(store.find(model.id()))
                .hasValueSatisfying(
                        found -> assertThat(ModelCodec.encode(found)).isEqualTo(ModelCodec.encode(model)));
    }

    @Test
    void keepsTheOffsetsOfAModelsTrainingSample() {
        ModelStore store = store(1000, DataSize.ofMegabytes(256), LONG_IDLE);
        FittedModel drawn = models.model();
        TrainingSample sample = new TrainingSample(
                new double[] {0.5, 1, 2}, 1, new double[] {1, 0, 4}, 3, new double[] {Math.log(120), -0.0, 2.75});
        FittedModel model = new FittedModel(
                drawn.id(),
                drawn.createdAt(),
                Hyperparameters.builder().loss(PoissonLoss.INSTANCE).build(),
                new FitResult(new Weights(0.25, new double[] {-1.5}), 1, new double[] {2, 1}, 1, 1),
                null,
                false,
                null,
                sample);

        store.save(model);

        assertThat(store.find(model.id())).hasValueSatisfying(found -> {
            assertThat(found.sample()).isEqualTo(sample);
            assertThat(Double.doubleToRawLongBits(found.sample().offsets()[1]))
                    .isEqualTo(Double.doubleToRawLongBits(-0.0));
        });
    }

    @Test
    void keepsTheDesignOfAModelFittedFromRows() {
        ModelStore store = store(1000, DataSize.ofMegabytes(256), LONG_IDLE);
        FittedModel model = models.modelWithDesign();

        store.save(model);

        assertThat(store.find(model.id())).hasValueSatisfying(found -> {
            assertThat(found.design().design().columnNames())
                    .isEqualTo(model.design().design().columnNames());
            assertThat(found.design().design().levels("city"))
                    .isEqualTo(model.design().design().levels("city"));
            assertThat(ModelCodec.encode(found)).isEqualTo(ModelCodec.encode(model));
        });
    }

    @Test
    void findsNothingUnderAnUnknownId() {
        ModelStore store = store(1000, DataSize.ofMegabytes(256), LONG_IDLE);
        store.save(models.model());

        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void deletesAModelOnce() {
        ModelStore store = store(1000, DataSize.ofMegabytes(256), LONG_IDLE);
        FittedModel model = models.model();
        FittedModel other = models.model();
        store.save(model);
        store.save(other);

        assertThat(store.delete(model.id())).isTrue();
        assertThat(store.delete(model.id())).isFalse();
        assertThat(store.find(model.id())).isEmpty();
        assertThat(store.find(other.id())).isPresent();
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void listsNewestFirstAPageAtATimeAndCounts() {
        ModelStore store = store(1000, DataSize.ofMegabytes(256), LONG_IDLE);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<FittedModel> saved = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            saved.add(models.model(start.plusMillis(1500L * i + i)));
        }
        List<FittedModel> shuffled = new ArrayList<>(saved);
        Collections.shuffle(shuffled, new Random(1));
        shuffled.forEach(store::save);
        List<UUID> newestFirst = new ArrayList<>(ids(saved));
        Collections.reverse(newestFirst);

        assertThat(ids(store.list(0, 3))).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(ids(store.list(3, 3))).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(ids(store.list(6, 3))).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(store.list(7, 3)).isEmpty();
        assertThat(store.count()).isEqualTo(7);
    }

    @Test
    void dropsAModelNobodyUsesForTheIdleTimeout() {
        ModelStore store = store(1000, DataSize.ofMegabytes(256), Duration.ofSeconds(1));
        FittedModel model = models.model();
        store.save(model);

        // Counting and listing are not uses; reading would be.
        await().atMost(Duration.ofSeconds(15)).until(() -> store.count() == 0);
        assertThat(store.list(0, 10)).isEmpty();
        assertThat(store.find(model.id())).isEmpty();
    }

    @Test
    void keepsAModelThatIsUsed() throws InterruptedException {
        Duration idle = Duration.ofMillis(2500);
        ModelStore store = store(1000, DataSize.ofMegabytes(256), idle);
        FittedModel model = models.model();
        store.save(model);

        // Used every 250 ms for three idle timeouts: never idle for long enough to go.
        long end = System.nanoTime() + 3 * idle.toNanos();
        while (System.nanoTime() < end) {
            assertThat(store.find(model.id())).isPresent();
            Thread.sleep(250);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> store.count() == 0);
        assertThat(store.find(model.id())).isEmpty();
    }

    @Test
    void keepsNoMoreModelsThanTheLimit() {
        ModelStore store = store(5, DataSize.ofMegabytes(256), LONG_IDLE);

        for (int i = 0; i < 20; i++) {
            store.save(models.model());
        }

        assertThat(store.count()).isBetween(1L, 5L);
        assertThat(store.list(0, 100)).hasSize((int) store.count());
    }

    @Test
    void keepsNoMoreBytesThanTheLimit() {
        // A model with 10000 history entries takes about 80 kB, on the heap or encoded: ten exceed 512 kB.
        ModelStore store = store(1000, DataSize.ofKilobytes(512), LONG_IDLE);

        for (int i = 0; i < 10; i++) {
            store.save(models.modelWithHistory(10_000));
        }

        assertThat(store.count()).isBetween(1L, 6L);
    }

    private static List<UUID> ids(List<FittedModel> page) {
        return page.stream().map(FittedModel::id).toList();
    }
}
