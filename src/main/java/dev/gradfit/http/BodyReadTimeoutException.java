package dev.gradfit.http;

import java.time.Duration;

/** A request body that took longer to arrive than {@code gradfit.http.body-read-timeout}: a 408. */
public final class BodyReadTimeoutException extends RuntimeException {

    private final Duration timeout;

    public BodyReadTimeoutException(Duration timeout) {
        super("request body not received within " + timeout, null, false, false);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
