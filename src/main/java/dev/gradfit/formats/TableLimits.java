package dev.gradfit.formats;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What a reader of a {@link dev.gradfit.design.table.Table} keeps and how far a column may grow: the limits of the
 * raw data, before any design. A text column holds its distinct values once each (its levels); {@code maxLevels}
 * bounds them where the caller says, so that a column of a million distinct strings is refused as it comes rather
 * than after its strings are held. The target of a classifier may have more classes than a feature may have
 * levels, and a column the design does not use need not be read at all: {@link #unlimited} and {@link #only} say
 * so.
 *
 * @param maxLevels the most distinct values a text column may hold (gradfit.design.max-levels)
 * @param unlimited the columns whose distinct values are not limited (a classifier's target)
 * @param columns the columns to read, or {@code null} for every column; the others are skipped, not kept
 * @param maxCellChars the most characters in one CSV cell, quotes excluded
 */
public record TableLimits(int maxLevels, Set<String> unlimited, Set<String> columns, int maxCellChars) {

    /** The longest CSV cell by default: far beyond any level or number, far below a body's size. */
    public static final int DEFAULT_MAX_CELL_CHARS = 1 << 16;

    /** gradfit.design.max-levels by default. */
    public static final int DEFAULT_MAX_LEVELS = 1000;

    public TableLimits {
        if (maxLevels < 1 || maxCellChars < 1) {
            throw new IllegalArgumentException(
                    "limits must be at least 1, were maxLevels=" + maxLevels + ", maxCellChars=" + maxCellChars);
        }
        unlimited = Set.copyOf(unlimited);
        columns = columns == null ? null : Set.copyOf(columns);
    }

    /** Every column read, each limited to {@code maxLevels} distinct values. */
    public static TableLimits of(int maxLevels) {
        return new TableLimits(maxLevels, Set.of(), null, DEFAULT_MAX_CELL_CHARS);
    }

    /** These limits, with the distinct values of {@code names} not limited. */
    public TableLimits unlimited(String... names) {
        return new TableLimits(maxLevels, Set.of(names), columns, maxCellChars);
    }

    /** These limits, reading only the columns {@code names}; a name no column has is ignored. */
    public TableLimits only(Collection<String> names) {
        return new TableLimits(maxLevels, unlimited, Set.copyOf(names), maxCellChars);
    }

    /** These limits, with cells of at most {@code chars} characters. */
    public TableLimits maxCellChars(int chars) {
        return new TableLimits(maxLevels, unlimited, columns, chars);
    }

    /** Whether column {@code name} is read. */
    public boolean reads(String name) {
        return columns == null || columns.contains(name);
    }

    /** The most distinct values column {@code name} may hold. */
    public int maxLevels(String name) {
        return unlimited.contains(Objects.requireNonNull(name)) ? Integer.MAX_VALUE : maxLevels;
    }
}
