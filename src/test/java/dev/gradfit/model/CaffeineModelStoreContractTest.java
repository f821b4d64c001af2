package dev.gradfit.model;

import dev.gradfit.config.StoreProperties.Type;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** The memory store keeps the store contract. */
class CaffeineModelStoreContractTest extends ModelStoreContract {

    @Override
    protected ModelStore store(int maxModels, DataSize maxBytes, Duration idleTimeout) {
        return new CaffeineModelStore(properties(Type.MEMORY, maxModels, maxBytes, idleTimeout));
    }
}
