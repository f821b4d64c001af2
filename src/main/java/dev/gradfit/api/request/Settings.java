package dev.gradfit.api.request;

import dev.gradfit.service.FieldError;
import java.util.List;
import java.util.Locale;

/**
 * The plumbing every family of settings in a fit request shares ({@code loss}, {@code optimizer},
 * {@code schedule}): the JSON spelling of a type, defaults, and settings that apply only to some types.
 */
final class Settings {

    private Settings() {}

    /** The JSON spelling of a type: its constant's name in lower camel case (INVERSE_SCALING → inverseScaling). */
    static String jsonName(Enum<?> type) {
        String[] words = type.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return name.toString();
    }

    /** Adds an error on {@code family.field} when it was given but does not apply to the chosen type. */
    static void refuse(
            String family, Object value, String field, boolean refused, String reason, List<FieldError> errors) {
        if (value != null && refused) {
            errors.add(new FieldError(family + "." + field, reason));
        }
    }

    /** {@code value}, or {@code fallback} when it was not given. */
    static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    /** {@code value}, or {@code fallback} when it was not given. */
    static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
