package dev.gradfit.memory;

/**
 * A request that needs more heap for its body than the in-flight budget
 * ({@code gradfit.http.max-in-flight-bytes}) can spare: now (a 503 with {@code Retry-After}), or ever, because
 * it needs more than any one request may hold (a 413). Nothing was stored.
 */
public final class ServerBusyException extends RuntimeException {

    private final long neededBytes;
    private final long capacityBytes;
    private final boolean admissible;

    ServerBusyException(long neededBytes, long capacityBytes, boolean admissible) {
        super("request needs " + neededBytes + " bytes of the in-flight budget", null, false, false);
        this.neededBytes = neededBytes;
        this.capacityBytes = capacityBytes;
        this.admissible = admissible;
    }

    /** What the request needed in all. */
    public long neededBytes() {
        return neededBytes;
    }

    /** The whole budget. */
    public long capacityBytes() {
        return capacityBytes;
    }

    /** Whether the request could be admitted once other requests end; if not, retrying cannot help. */
    public boolean admissible() {
        return admissible;
    }
}
