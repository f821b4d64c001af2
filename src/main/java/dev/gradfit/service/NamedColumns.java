package dev.gradfit.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Points whose columns came with names (prediction rows sent as objects) put in the order of a model's
 * feature names, and the words for names that do not match.
 */
public final class NamedColumns {

    /** Letters, digits, spaces and a little punctuation, not too long: a name an error may repeat. */
    private static final Pattern SHOWABLE = Pattern.compile("[\\p{L}\\p{N} _.\\-]{1,64}");

    private NamedColumns() {}

    /**
     * A name or value as an error message may show it: itself, quoted, when it is plain, else a placeholder;
     * whatever a client sends may be anything, and a message must not carry it unexamined.
     */
    public static String shown(String text) {
        return text != null && SHOWABLE.matcher(text).matches() ? '"' + text + '"' : "(an unusual name)";
    }

    /**
     * Reorders {@code points} in place, row by row, from the order of {@code given} to the order of
     * {@code modelNames}, after checking that both hold the same names.
     *
     * @param field the field of the points, such as {@code x}; errors name {@code x[0].rooms}
     * @param points {@code rows × given.size()} values, row-major
     * @param given the names of the columns of {@code points}, as the first row gave them
     * @param modelNames the model's feature names, or {@code null} when it has none
     * @return errors naming every missing or unknown name; empty when the points were reordered
     */
    public static List<FieldError> reorder(String field, double[] points, List<String> given, List<String> modelNames) {
        List<FieldError> errors = new ArrayList<>();
        if (modelNames == null) {
            errors.add(new FieldError(
                    field,
                    "has rows as objects keyed by feature name, but the model has no feature names; send each row"
                            + " as an array of numbers in the order of the fit's x"));
            return errors;
        }
        Map<String, Integer> position = new HashMap<>();
        for (int j = 0; j < modelNames.size(); j++) {
            position.put(modelNames.get(j), j);
        }
        int[] target = new int[given.size()];
        for (int k = 0; k < given.size(); k++) {
            Integer j = position.get(given.get(k));
            if (j == null) {
                errors.add(new FieldError(
                        element(field, given.get(k)),
                        "is not a feature of the model; its features are " + String.join(", ", modelNames)));
            } else {
                target[k] = j;
            }
        }
        if (given.size() < modelNames.size() || !errors.isEmpty()) {
            List<String> givenNames = List.copyOf(given);
            for (String name : modelNames) {
                if (!givenNames.contains(name)) {
                    errors.add(new FieldError(element(field, name), "is missing; every row needs every feature"));
                }
            }
        }
        if (errors.isEmpty()) {
            permute(points, target);
        }
        return errors;
    }

    private static String element(String field, String name) {
        return field + "[0]." + (SHOWABLE.matcher(name).matches() ? name : "(an unusual name)");
    }

    /** Moves column k of every row to column target[k]; a row buffer is all the extra memory it needs. */
    private static void permute(double[] points, int[] target) {
        int columns = target.length;
        boolean identity = true;
        for (int k = 0; k < columns; k++) {
            identity &= target[k] == k;
        }
        if (identity) {
            return;
        }
        double[] row = new double[columns];
        for (int start = 0; start < points.length; start += columns) {
            System.arraycopy(points, start, row, 0, columns);
            for (int k = 0; k < columns; k++) {
                points[start + target[k]] = row[k];
            }
        }
    }
}
