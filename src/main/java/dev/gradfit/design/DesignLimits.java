package dev.gradfit.design;

/**
 * Bounds on what a design may grow to, so that one text column of ids cannot make a matrix that fills the heap.
 *
 * @param maxLevels the most distinct levels a categorical column may have in the training rows
 * @param maxColumns the most columns the design matrix may have (the intercept not counted)
 */
public record DesignLimits(int maxLevels, int maxColumns) {

    /** 1000 levels a column, 10000 columns. */
    public static final DesignLimits DEFAULTS = new DesignLimits(1000, 10000);

    public DesignLimits {
        if (maxLevels < 1 || maxColumns < 1) {
            throw new IllegalArgumentException(
                    "limits must be at least 1, were maxLevels=" + maxLevels + ", maxColumns=" + maxColumns);
        }
    }
}
