package dev.gradfit.service;

import dev.gradfit.model.FittedModel;
import dev.gradfit.model.ModelStore;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads, lists and deletes kept models. */
@Service
public class ModelService {

    private final ModelStore store;

    ModelService(ModelStore store) {
        this.store = store;
    }

    /** @throws ModelNotFoundException if no model has the id */
    public FittedModel find(UUID id) {
        return store.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    /** One page of the kept models, newest first, and how many there are in all. */
    public ModelListing list(int page, int size) {
        long total = store.count();
        return new ModelListing(store.list((long) page * size, size), total);
    }

    /** @throws ModelNotFoundException if no model has the id */
    public void delete(UUID id) {
        if (!store.delete(id)) {
            throw new ModelNotFoundException(id);
        }
    }

    /** One page of models and the count of all. */
    public record ModelListing(List<FittedModel> models, long total) {}
}
