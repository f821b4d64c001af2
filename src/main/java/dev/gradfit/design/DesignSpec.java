package dev.gradfit.design;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the caller asks of a design, before anything is learned: the terms, and how to code categorical columns,
 * missing cells and unseen levels. A formula ({@code dev.gradfit.design.formula.Formula}) and the JSON form
 * ({@link #ofColumns}) both end here.
 *
 * @param terms the terms, without the intercept, each once, in the order written; the design orders its columns
 *     as patsy does (see {@link Design})
 * @param intercept whether the model has an intercept; it is fitted by the fitter, not held as a column
 * @param categorical the numeric columns to treat as categorical (codes); text columns always are
 * @param coding how categorical columns are coded
 * @param unknownLevels what prediction does with a level the training rows never held
 * @param missing what learning and applying do with missing cells
 */
public record DesignSpec(
        List<Term> terms,
        boolean intercept,
        Set<String> categorical,
        Coding coding,
        UnknownLevels unknownLevels,
        Missing missing) {

    public DesignSpec {
        terms = List.copyOf(new LinkedHashSet<>(terms));
        if (terms.stream().anyMatch(term -> term.factors().isEmpty())) {
            throw new IllegalArgumentException("the intercept is asked for by the intercept flag, not as a term");
        }
        categorical = Set.copyOf(categorical);
        Objects.requireNonNull(coding, "coding");
        Objects.requireNonNull(unknownLevels, "unknownLevels");
        Objects.requireNonNull(missing, "missing");
    }

    /** The terms, with the defaults: no declared categorical columns, treatment coding, errors, refusal. */
    public static DesignSpec of(List<Term> terms, boolean intercept) {
        return new DesignSpec(terms, intercept, Set.of(), Coding.TREATMENT, UnknownLevels.ERROR, Missing.REFUSE);
    }

    /**
     * The JSON form: every column of {@code table} as a main effect, in order; for every numeric column not declared
     * categorical, its powers 2 to {@code polynomial} ({@code I(x**2)}, …); then the given pairs as interactions.
     *
     * @param table the training columns (without the response)
     * @param categorical the numeric columns to treat as categorical
     * @param polynomial the highest power of each numeric column, 1 for none
     * @param interactions pairs of distinct column names
     * @param intercept whether the model has an intercept
     * @throws DesignException if a declared or interacting column is not in the table, or a pair is not a pair
     */
    public static DesignSpec ofColumns(
            Table table, Set<String> categorical, int polynomial, List<List<String>> interactions, boolean intercept) {
        if (polynomial < 1) {
            throw DesignException.invalid(null, "polynomial must be at least 1, was " + polynomial);
        }
        for (String name : categorical) {
            requireColumn(table, name);
        }
        List<Term> terms = new ArrayList<>();
        for (Column column : table.columns()) {
            terms.add(Term.of(column.name()));
        }
        for (Column column : table.columns()) {
            if (column instanceof NumericColumn && !categorical.contains(column.name())) {
                for (int power = 2; power <= polynomial; power++) {
                    terms.add(Term.of(Factor.power(column.name(), power)));
                }
            }
        }
        for (List<String> pair : interactions) {
            if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
                throw DesignException.invalid(null, "an interaction names two distinct columns, not " + pair);
            }
            requireColumn(table, pair.get(0));
            requireColumn(table, pair.get(1));
            terms.add(Term.of(Factor.of(pair.get(0)), Factor.of(pair.get(1))));
        }
        return new DesignSpec(terms, intercept, categorical, Coding.TREATMENT, UnknownLevels.ERROR, Missing.REFUSE);
    }

    private static void requireColumn(Table table, String name) {
        if (table.column(name).isEmpty()) {
            throw DesignException.unknownColumn(name);
        }
    }

    public DesignSpec withCategorical(Set<String> value) {
        return new DesignSpec(terms, intercept, value, coding, unknownLevels, missing);
    }

    public DesignSpec withCoding(Coding value) {
        return new DesignSpec(terms, intercept, categorical, value, unknownLevels, missing);
    }

    public DesignSpec withUnknownLevels(UnknownLevels value) {
        return new DesignSpec(terms, intercept, categorical, coding, value, missing);
    }

    public DesignSpec withMissing(Missing value) {
        return new DesignSpec(terms, intercept, categorical, coding, unknownLevels, value);
    }
}
