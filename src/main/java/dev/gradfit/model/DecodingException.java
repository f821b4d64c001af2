package dev.gradfit.model;

/**
 * Bytes that this gradfit cannot decode: an encoding version it does not know (written by a later
 * gradfit), or data that is truncated or corrupt. Whoever reads stored values decides what that means;
 * the Redis store treats such a model as absent.
 */
public final class DecodingException extends RuntimeException {

    public DecodingException(String message) {
        super(message);
    }

    public DecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
