package dev.gradfit.api;

import java.util.List;

/** A request that is well-formed JSON but asks for something gradfit cannot do as it stands. */
final class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    InvalidRequestException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
        return errors;
    }
}
