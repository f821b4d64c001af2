package dev.gradfit.api;

/** JSON has no NaN: quantities that are undefined travel as null. */
final class Numbers {

    private Numbers() {}

    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
