package dev.gradfit.formats;

import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code y} of a fit as the readers hand it on: numbers, or class labels given as text (a species, a team,
 * a plan). Exactly one of the two arrays is present.
 *
 * @param numbers one finite number per point, or {@code null} when the targets are labels
 * @param labels one label per point, or {@code null} when the targets are numbers
 */
public record Targets(double[] numbers, String[] labels) {

    public Targets {
        if ((numbers == null) == (labels == null)) {
            throw new IllegalArgumentException("targets are numbers or labels, exactly one of them");
        }
    }

    /** Targets that are numbers. */
    public static Targets of(double[] numbers) {
        return new Targets(Objects.requireNonNull(numbers, "numbers"), null);
    }

    /** Targets that are class labels. */
    public static Targets labelled(String[] labels) {
        return new Targets(null, Objects.requireNonNull(labels, "labels"));
    }

    /** The number of points. */
    public int size() {
        return numbers != null ? numbers.length : labels.length;
    }

    /** Whether the targets are labels rather than numbers. */
    public boolean isLabelled() {
        return labels != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Targets t && Arrays.equals(numbers, t.numbers) && Arrays.equals(labels, t.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(numbers) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "Targets[" + (numbers != null ? numbers.length + " numbers" : labels.length + " labels") + "]";
    }
}
