package dev.gradfit.design;

/** How a categorical column becomes 0/1 columns. */
public enum Coding {
    /**
     * Treatment (dummy) coding: the first level (in sorted order) is the reference and has no column, where an
     * intercept or a lower-order term already spans it. Which terms are reduced follows patsy's rule (statsmodels'
     * formulas): without an intercept, the first categorical term keeps all its levels. The default.
     */
    TREATMENT,
    /** Every level gets a column, as scikit-learn's {@code OneHotEncoder()} without {@code drop}. */
    FULL
}
