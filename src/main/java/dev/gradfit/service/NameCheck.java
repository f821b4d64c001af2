package dev.gradfit.service;

import java.util.HashMap;
import java.util.Map;

/**
 * The one rule for the names of features and columns, whoever reads them (a fit's {@code featureNames}, a CSV
 * header, an Arrow schema): not blank, not longer than the limit, unique. Names are checked one at a time, in
 * order, so a reader can stop at the first bad one and check each column's other properties as it goes; each
 * caller puts the {@link Problem} in its own words (a field, a header cell, a column of a stream).
 */
public final class NameCheck {

    /** What is wrong with one name. */
    public enum Fault {
        BLANK,
        TOO_LONG,
        REPEATED
    }

    /**
     * One bad name.
     *
     * @param fault what is wrong with it
     * @param length its length in characters
     * @param maxLength the limit it was checked against
     * @param earlier for {@link Fault#REPEATED}, the position (from 0) of the name it repeats, else -1
     */
    public record Problem(Fault fault, int length, int maxLength, int earlier) {

        /** The words for {@link Fault#TOO_LONG}, after the subject: "is 300 characters long, more than ...". */
        public String tooLong() {
            return "is " + length + " characters long, more than the limit of " + maxLength;
        }
    }

    private final int maxLength;
    private final Map<String, Integer> seen = new HashMap<>();
    private int next;

    /** @param maxLength the most characters in one name (gradfit.fit.max-feature-name-length) */
    public NameCheck(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Checks the next name: its position is the count of names checked before it.
     *
     * @param name the name, or {@code null} (which is blank)
     * @return what is wrong with it, or {@code null} when it is a good name, not seen before
     */
    public Problem next(String name) {
        int position = next++;
        if (name == null || name.isBlank()) {
            return new Problem(Fault.BLANK, 0, maxLength, -1);
        }
        if (name.length() > maxLength) {
            return new Problem(Fault.TOO_LONG, name.length(), maxLength, -1);
        }
        Integer earlier = seen.putIfAbsent(name, position);
        return earlier == null ? null : new Problem(Fault.REPEATED, name.length(), maxLength, earlier);
    }
}
