package dev.gradfit.fitting;

/**
 * A feature gradfit cannot fit as given: every value of its column is so close to 0 that their squares and
 * products underflow, so that neither descent nor the exact reference can be computed in double precision.
 */
public final class InvalidFeatureException extends RuntimeException {

    private final int column;

    InvalidFeatureException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** The 0-based index of the feature. */
    public int column() {
        return column;
    }
}
