package dev.gradfit.api.problem;

import dev.gradfit.formats.json.InvalidValueException;
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
            Class<?> target = mismatch.getTargetType();
            // An element of a primitive array is reported with the array's type and the element's index.
            if (target.isArray() && endsAtIndex(ex)) {
                target = target.getComponentType();
            }
            return "must be " + describe(target);
        }
        if (ex instanceof StreamReadException) {
            return "is not valid JSON";
        }
        return "has the wrong type or shape";
    }

    private static boolean endsAtIndex(JacksonException ex) {
        List<JacksonException.Reference> path = ex.getPath();
        return !path.isEmpty()
                && path.get(path.size() - 1).getPropertyName() == null
                && path.get(path.size() - 1).getIndex() >= 0;
    }

    /** A Java type as the JSON it is read from, never the type's name. */
    static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(java.util.stream.Collectors.joining(", "));
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == Byte.class
                || type == byte.class
                || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
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
        return "the document is too large or too complex";
    }

    private JsonErrors() {}
}
