package dev.gradfit.http;

/** An {@code /api} request without the configured API key, or with another one. */
public final class ApiKeyRequiredException extends RuntimeException {

    private final boolean keyGiven;

    public ApiKeyRequiredException(boolean keyGiven) {
        super(keyGiven ? "wrong API key" : "no API key", null, false, false);
        this.keyGiven = keyGiven;
    }

    /** Whether the request carried a key (a wrong one) rather than none. */
    public boolean keyGiven() {
        return keyGiven;
    }
}
