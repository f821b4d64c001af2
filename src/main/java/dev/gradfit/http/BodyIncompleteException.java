package dev.gradfit.http;

/**
 * A request body that could not be read to its end: the client closed the connection before sending all of
 * it, or broke its framing (a chunk or the declared length). The client's doing, so a 400 and no error log.
 */
public final class BodyIncompleteException extends RuntimeException {

    public BodyIncompleteException(Throwable cause) {
        super("request body ended before it was complete", cause, false, false);
    }
}
