package dev.gradfit.service;

import java.util.List;

/** A request that is well-formed JSON but asks for something gradfit cannot do as it stands. */
public final class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
