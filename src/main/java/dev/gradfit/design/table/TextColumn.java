package dev.gradfit.design.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A column of text held as dictionary codes: {@code codes[row]} indexes {@code dictionary}, {@code -1} marks a
 * missing cell. A million rows of fifty distinct values cost four megabytes and fifty strings, and a reader of
 * Arrow dictionary columns hands its dictionary over as it is.
 *
 * @param name the column's name
 * @param codes one code a row, {@code -1} for a missing cell; held, not copied
 * @param dictionary the distinct values, in any order, none {@code null}, none twice
 */
public record TextColumn(String name, int[] codes, List<String> dictionary) implements Column {

    /** The code of a missing cell. */
    public static final int MISSING = -1;

    /** @throws IllegalArgumentException if a code is out of range or the dictionary repeats a value */
    public TextColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codes, "codes");
        dictionary = List.copyOf(dictionary);
        if (new HashSet<>(dictionary).size() != dictionary.size()) {
            throw new IllegalArgumentException("the dictionary of column " + name + " repeats a value");
        }
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < MISSING || codes[i] >= dictionary.size()) {
                throw new IllegalArgumentException("column " + name + " has code " + codes[i] + " in row " + i
                        + " for a dictionary of " + dictionary.size() + " values");
            }
        }
    }

    /** A column of the given values, {@code null} for a missing cell; the dictionary in order of first sight. */
    public static TextColumn of(String name, String... values) {
        Builder builder = builder(name, values.length);
        for (String value : values) {
            builder.add(value);
        }
        return builder.build();
    }

    /** A builder for a reader that sees one cell at a time. */
    public static Builder builder(String name, int expectedRows) {
        return new Builder(name, expectedRows);
    }

    @Override
    public int rows() {
        return codes.length;
    }

    @Override
    public boolean missing(int row) {
        return codes[row] == MISSING;
    }

    /** The code of {@code row}: an index into {@link #dictionary()}, or {@link #MISSING}. */
    public int code(int row) {
        return codes[row];
    }

    /** The text of {@code row}, {@code null} if the cell is missing. */
    public String value(int row) {
        int code = codes[row];
        return code == MISSING ? null : dictionary.get(code);
    }

    /** Collects cells into codes and a dictionary, growing its array as a list would. */
    public static final class Builder {
        private final String name;
        private final Map<String, Integer> codeOf = new HashMap<>();
        private final List<String> dictionary = new ArrayList<>();
        private int[] codes;
        private int rows;

        private Builder(String name, int expectedRows) {
            this.name = Objects.requireNonNull(name, "name");
            this.codes = new int[Math.max(expectedRows, 8)];
        }

        /** Appends a cell; {@code null} for a missing one. */
        public Builder add(String value) {
            if (rows == codes.length) {
                codes = Arrays.copyOf(codes, codes.length + (codes.length >> 1));
            }
            codes[rows++] = value == null
                    ? MISSING
                    : codeOf.computeIfAbsent(value, added -> {
                        dictionary.add(added);
                        return dictionary.size() - 1;
                    });
            return this;
        }

        public TextColumn build() {
            return new TextColumn(name, codes.length == rows ? codes : Arrays.copyOf(codes, rows), dictionary);
        }
    }
}
