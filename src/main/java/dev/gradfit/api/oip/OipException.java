package dev.gradfit.api.oip;

import org.springframework.http.HttpStatus;

/** A failure particular to the protocol (an unknown model name or version), answered with its status. */
final class OipException extends RuntimeException {

    private final HttpStatus status;

    OipException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static OipException unknownModel() {
        return new OipException(
                HttpStatus.NOT_FOUND,
                "Unknown model: no model is kept under this name (a model's name is its id, a UUID); it never"
                        + " existed, was deleted, or expired.");
    }

    static OipException unknownVersion() {
        return new OipException(
                HttpStatus.NOT_FOUND,
                "Unknown model version: a gradfit model has one version, \"" + ModelSignature.VERSION + "\".");
    }
}
