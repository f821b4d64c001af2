package dev.gradfit.fitting;

/** The early-stopping split leaves no usable training or validation rows: the data is too small for it. */
public final class InvalidSplitException extends RuntimeException {

    InvalidSplitException(String message, Throwable cause) {
        super(message, cause);
    }
}
