package dev.gradfit.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where fitted models live between requests. The in-memory implementation is the default; a shared
 * store (for several replicas) can replace it behind this interface.
 */
public interface ModelStore {

    /** Keeps {@code model} under its id, replacing nothing: ids are fresh UUIDs. */
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
