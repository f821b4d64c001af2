package dev.gradfit.design;

/** What applying a design does with a level its training rows never held. */
public enum UnknownLevels {
    /** Refuse the rows: a {@link DesignException} names the row, the column and the level. The default. */
    ERROR,
    /** All of the column's 0/1 columns are 0 for that row, as {@code OneHotEncoder(handle_unknown='ignore')}. */
    IGNORE
}
