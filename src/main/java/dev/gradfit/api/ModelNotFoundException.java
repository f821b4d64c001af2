package dev.gradfit.api;

import java.util.UUID;

/** No model is kept under the id: it never existed, was deleted, or expired. */
final class ModelNotFoundException extends RuntimeException {

    private final UUID id;

    ModelNotFoundException(UUID id) {
        super("no model with id " + id);
        this.id = id;
    }

    UUID id() {
        return id;
    }
}
