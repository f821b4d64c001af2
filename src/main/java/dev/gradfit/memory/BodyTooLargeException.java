package dev.gradfit.memory;

/** A request body longer than {@code gradfit.http.max-body-size}, found before or while reading it. */
public final class BodyTooLargeException extends RuntimeException {

    private final long maxBytes;

    public BodyTooLargeException(long maxBytes) {
        super("request body larger than " + maxBytes + " bytes", null, false, false);
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
