package dev.gradfit.api.problem;

import dev.gradfit.api.request.InvalidValueException;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Words for what Jackson refused: where in the body, and why, never quoting the input. */
public final class JsonErrors {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** A JSON path such as {@code x}, {@code initialWeights.coefficients} or {@code y[3]}. */
    public static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(shown(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /**
     * A field name as the client sent it, when it is a plain name (as every real field is), else a
     * placeholder: an unknown field's name is the client's input, and may be anything.
     */
    private static String shown(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "(a field with an unusual name)";
    }

    /** Why a value was refused, in words that never quote the input. */
    public static String reason(JacksonException ex) {
        if (ex instanceof InvalidValueException) {
            return ex.getOriginalMessage();
        }
        if (ex instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (ex instanceof StreamConstraintsException) {
            return "breaks a limit of the JSON parser: " + limit(ex);
        }
        if (ex instanceof InputCoercionException) {
            return "is out of range";
        }
        if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        if (ex instanceof StreamReadException) {
            return "is not valid JSON";
        }
        return "has the wrong type or shape";
    }

    static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(java.util.stream.Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        return "an object";
    }

    /**
     * Which of the parser's limits (gradfit.json.*) a body broke, in gradfit's words; Jackson's message
     * names its own classes, and never quotes the input either.
     */
    static String limit(JacksonException ex) {
        String message = String.valueOf(ex.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("nesting depth")) {
            return "arrays and objects nest too deeply (gradfit.json.max-nesting-depth)";
        }
        if (message.contains("number value length")) {
            return "a number has too many digits (gradfit.json.max-number-length)";
        }
        if (message.contains("string value length")) {
            return "a string is too long (gradfit.json.max-string-length)";
        }
        if (message.contains("name length")) {
            return "a field name is too long (gradfit.json.max-name-length)";
        }
        if (message.contains("document length")) {
            return "the document is too long (gradfit.json.max-document-length)";
        }
        return "the document is too large or too complex";
    }

    private JsonErrors() {}
}
