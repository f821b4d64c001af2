package dev.gradfit.fitting.core;

/** Argument checks shared by the constructors of the fitting types; messages name the setting. */
public final class Checks {

    private Checks() {}

    /** A value in {@code [0, 1)}: a decay or momentum coefficient. */
    public static double fraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be at least 0 and less than 1, was " + value);
        }
        return value;
    }

    /** A finite value above zero. */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and positive, was " + value);
        }
        return value;
    }

    /** A finite value of zero or more. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and non-negative, was " + value);
        }
        return value;
    }

    /** A value in {@code (0, 1)}: a factor that shrinks. */
    public static double shrinkingFactor(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be greater than 0 and less than 1, was " + value);
        }
        return value;
    }

    public static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }
}
