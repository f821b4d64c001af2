package dev.gradfit.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Points whose columns came with names (prediction rows sent as objects) and the coefficients a continued fit
 * starts from, put in the order of a model's feature names; and the words for names that do not match.
 */
public final class NamedColumns {

    /** Letters, digits, spaces and a little punctuation, not too long: a name an error may repeat. */
    private static final Pattern SHOWABLE = Pattern.compile("[\\p{L}\\p{N} _.\\-]{1,64}");

    private NamedColumns() {}

    /**
     * A name as an error message may show it: itself, quoted, when it is plain, else a placeholder; whatever a
     * client sends may be anything, and a message must not carry it unexamined. Values have their own quoting,
     * which escapes and shortens rather than hides, since a value is what the client must find.
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

    /**
     * What keeps {@code given} from holding the same names as {@code expected}, in any order, in words that
     * follow "do not name the features ...:": the names beyond them and the names missing, each shown as
     * {@link #shown} shows it, such as {@code "floor" is not one of them and "rooms" is missing}.
     *
     * @return {@code null} when both hold the same names
     */
    public static String difference(List<String> given, List<String> expected) {
        Set<String> givenSet = new HashSet<>(given);
        Set<String> expectedSet = new HashSet<>(expected);
        List<String> extra =
                given.stream().filter(name -> !expectedSet.contains(name)).toList();
        List<String> missing =
                expected.stream().filter(name -> !givenSet.contains(name)).toList();
        List<String> parts = new ArrayList<>();
        if (!extra.isEmpty()) {
            parts.add(listed(extra) + (extra.size() == 1 ? " is not one of them" : " are not among them"));
        }
        if (!missing.isEmpty()) {
            parts.add(listed(missing) + (missing.size() == 1 ? " is missing" : " are missing"));
        }
        return parts.isEmpty() ? null : String.join(" and ", parts);
    }

    /** The names, shown, the first ten of them: a message must stay readable whatever the count. */
    public static String listed(List<String> names) {
        int count = Math.min(names.size(), 10);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(shown(names.get(i)));
        }
        String list = String.join(", ", words);
        return names.size() > count ? list + " and " + (names.size() - count) + " more" : list;
    }

    /**
     * {@code values}, one per name of {@code from}, in the order of {@code to}: the value of {@code to.get(k)}
     * at k. Both must hold the same names ({@link #difference} is {@code null}).
     */
    public static double[] inOrderOf(double[] values, List<String> from, List<String> to) {
        Map<String, Integer> position = new HashMap<>();
        for (int j = 0; j < from.size(); j++) {
            position.put(from.get(j), j);
        }
        double[] ordered = new double[to.size()];
        for (int k = 0; k < ordered.length; k++) {
            ordered[k] = values[position.get(to.get(k))];
        }
        return ordered;
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
