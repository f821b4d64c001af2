package dev.gradfit.api.response;

/** JSON has no NaN: quantities that are undefined travel as null. */
public final class Numbers {

    private Numbers() {}

    static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
