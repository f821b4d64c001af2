package dev.gradfit.service;

import java.util.UUID;

/** No model is kept under the id: it never existed, was deleted, or expired. */
public final class ModelNotFoundException extends RuntimeException {

    private final UUID id;

    public ModelNotFoundException(UUID id) {
        super("no model with id " + id);
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}
