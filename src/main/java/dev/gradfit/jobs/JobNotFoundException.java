package dev.gradfit.jobs;

import java.util.UUID;

/** No job is kept under the id: it never existed, or it finished longer ago than the retention. */
public final class JobNotFoundException extends RuntimeException {

    private final UUID id;

    public JobNotFoundException(UUID id) {
        super("no job with id " + id);
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}
