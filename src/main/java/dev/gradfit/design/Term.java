package dev.gradfit.design;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A product of factors: {@code x}, {@code x:z}, {@code C(city):x}. No factors at all is the intercept.
 *
 * <p>Two terms are equal when they hold the same factors in any order ({@code x:z} is {@code z:x}); the order is
 * kept because it orders the pieces of the column names, as in patsy.
 *
 * @param factors distinct factors, in the order written
 */
public record Term(List<Factor> factors) {

    public Term {
        factors = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(factors, "factors")));
    }

    public static Term of(Factor... factors) {
        return new Term(List.of(factors));
    }

    /** The main effect of one column. */
    public static Term of(String column) {
        return of(Factor.of(column));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Term term && Set.copyOf(factors).equals(Set.copyOf(term.factors));
    }

    @Override
    public int hashCode() {
        return Set.copyOf(factors).hashCode();
    }

    @Override
    public String toString() {
        return factors.isEmpty()
                ? "1"
                : factors.stream()
                        .map(f -> f.categorical()
                                ? "C(" + f.column() + ")"
                                : f.power() == 1 ? f.column() : "I(" + f.column() + "**" + f.power() + ")")
                        .collect(Collectors.joining(":"));
    }
}
