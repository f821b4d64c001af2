package dev.gradfit.api.request;

import java.util.Locale;

/**
 * The plumbing every family of settings in a fit request shares ({@code loss}, {@code optimizer},
 * {@code schedule}): the JSON spelling of a type, and the same type by name in the service's settings.
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

    /** {@code type}'s constant of the same name in {@code family}, or {@code null} when it was not given. */
    static <E extends Enum<E>> E same(Class<E> family, Enum<?> type) {
        return type == null ? null : Enum.valueOf(family, type.name());
    }
}
