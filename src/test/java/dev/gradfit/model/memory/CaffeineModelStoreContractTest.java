package dev.gradfit.model.memory;

import dev.gradfit.config.StoreProperties.Type;
import dev.gradfit.model.ModelStore;
import dev.gradfit.model.ModelStoreContract;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** The memory store keeps the store contract. */
class CaffeineModelStoreContractTest extends ModelStoreContract {

    @Override
    protected ModelStore store(int maxModels, DataSize maxBytes, Duration idleTimeout) {
        return new CaffeineModelStore(properties(Type.MEMORY, maxModels, maxBytes, idleTimeout));
    }
}
