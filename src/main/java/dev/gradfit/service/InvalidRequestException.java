package dev.gradfit.service;

import java.util.List;

/** A request that is well-formed JSON but asks for something gradfit cannot do as it stands. */
public final class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;
    private final String column;

    public InvalidRequestException(List<FieldError> errors) {
        this(errors, null);
    }

    /** A refusal about one column of a table, named as it is, for a caller that must point at its source. */
    public InvalidRequestException(List<FieldError> errors, String column) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
        this.column = column;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /**
     * The table column the refusal concerns, by its own name (the errors show it only when it is plain), or
     * {@code null} when it concerns no one column.
     */
    public String column() {
        return column;
    }
}
