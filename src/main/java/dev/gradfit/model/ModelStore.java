package dev.gradfit.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where fitted models live between requests: in memory ({@code gradfit.store.type=memory}, the default) or
 * in Redis, shared by several replicas ({@code redis}). A shared store may be unreachable: then any call
 * may throw {@link StoreUnavailableException}.
 */
public interface ModelStore {

    /**
     * Keeps {@code model} under its id. Ids are fresh UUIDs, except that every run of one job keeps its model
     * under the job's model id, so a rerun replaces the model of the run before. Done when this returns.
     */
    void save(FittedModel model);

    /** The model with this id, if it is still kept; counts as a use for idle expiry. */
    Optional<FittedModel> find(UUID id);

    /** Removes the model; returns whether it was there. */
    boolean delete(UUID id);

    /** A page of the kept models, newest first. */
    List<FittedModel> list(long offset, int limit);

    /** The number of models kept now. */
    long count();
}
