package dev.gradfit.design;

/** What learning and applying a design do with a missing cell in a column the design reads. */
public enum Missing {
    /** Refuse: a {@link DesignException} names the first row (in order) with a missing cell, and its column. */
    REFUSE,
    /**
     * Fill a numeric cell with the training mean of its column and a categorical cell with the most frequent
     * training level (the first in sorted order on a tie), as {@code SimpleImputer(strategy='mean')} and
     * {@code SimpleImputer(strategy='most_frequent')} do.
     */
    MEAN,
    /** Drop the row; the levels and means are learned from the rows kept. */
    SKIP,
    /**
     * Fill as {@link #MEAN}, and add a 0/1 column {@code name_missing} for every column that had a missing cell in
     * the training rows, as {@code SimpleImputer(add_indicator=True)} (its {@code features='missing-only'}).
     */
    INDICATOR
}
