package dev.gradfit.formats.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A value gradfit's own readers refused. Its message is written for the client and never quotes the
 * input, so the error handler may pass it on as it is.
 */
public final class InvalidValueException extends MismatchedInputException {

    public InvalidValueException(JsonParser parser, String message) {
        super(parser, message);
    }
}
