package dev.gradfit.api;

import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A model store that is a plain map, for web tests over the real services ({@link FitWebTest}): a fit can be read
 * back, continued, predicted with and drawn, and a refused one is seen not to be kept.
 */
@TestConfiguration
class MapModelStore {

    @Bean
    ModelStore store() {
        Map<UUID, FittedModel> models = new ConcurrentHashMap<>();
        return new ModelStore() {
            public void save(FittedModel model) {
                models.put(model.id(), model);
            }

            public Optional<FittedModel> find(UUID id) {
                return Optional.ofNullable(models.get(id));
            }

            public boolean delete(UUID id) {
                return models.remove(id) != null;
            }

            public List<FittedModel> list(long offset, int limit) {
                return List.copyOf(models.values());
            }

            public long count() {
                return models.size();
            }
        };
    }
}
