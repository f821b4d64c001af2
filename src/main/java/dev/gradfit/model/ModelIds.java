package dev.gradfit.model;

import java.util.UUID;

/**
 * The one rule for a model's id written in text, on every route that names one (the {@code /api/v1} paths,
 * the prediction fast path, the Open Inference Protocol's model names): a UUID's 36 characters, hex digits of
 * either case grouped 8-4-4-4-12. {@link UUID#fromString} alone also takes shorter groups ({@code 1-2-3-4-5}),
 * which no id gradfit hands out ever has.
 */
public final class ModelIds {

    /** The length of an id in text. */
    public static final int LENGTH = 36;

    private ModelIds() {}

    /** The id {@code text} writes, or {@code null} when it is not one by the rule above. */
    public static UUID parse(String text) {
        return text != null && text.length() == LENGTH ? parse(text, 0) : null;
    }

    /** The id written at {@code start} of {@code text} in {@link #LENGTH} characters, or {@code null}. */
    public static UUID parse(String text, int start) {
        if (start < 0 || text.length() - start < LENGTH) {
            return null;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(start + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !hex(c)) {
                return null;
            }
        }
        return UUID.fromString(text.substring(start, start + LENGTH));
    }

    /** ASCII only: {@link Character#digit} would take other scripts' digits too. */
    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
