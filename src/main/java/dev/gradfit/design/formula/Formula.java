package dev.gradfit.design.formula;

import dev.gradfit.design.DesignLimits;
import dev.gradfit.design.DesignSpec;
import dev.gradfit.design.Term;
import java.util.List;
import java.util.Objects;

/**
 * A compiled formula in the statsmodels/R style: {@code y ~ x + C(city) + x:z + x*z + I(x**2) - 1}.
 *
 * <p>What it knows: column names ({@code Q('sale price')} for any other name), {@code C(column)} for a numeric
 * column taken by its levels, {@code I(column**k)} for a power, the operators {@code + - * / : **} and parentheses,
 * and {@code 1}, {@code 0}, {@code -1}, {@code +0} for the intercept. A text column is categorical without
 * {@code C()}. Nothing is evaluated as Python: {@code np.log(x)} is refused. The terms and the intercept follow
 * patsy's rules ({@link Evaluator}); the column order and coding follow patsy's when the design is learned.
 *
 * <p>Limits, so that compiling takes milliseconds whatever the text: at most {@link #MAX_LENGTH} characters,
 * parentheses and signs nested at most 100 deep, and at most {@code maxTerms} terms from any product or power in
 * it, counted before it is expanded ({@code (a + … + p)**16} would make 65535).
 *
 * @param text the formula as given
 * @param response the response column, left of {@code ~}; {@code null} for a formula without one
 * @param terms the terms of the right-hand side, each once, in order, without the intercept
 * @param intercept whether the model has an intercept
 */
public record Formula(String text, String response, List<Term> terms, boolean intercept) {

    /** The longest formula compiled, in characters. */
    public static final int MAX_LENGTH = 4000;

    public Formula {
        Objects.requireNonNull(text, "text");
        terms = List.copyOf(terms);
    }

    /**
     * Compiles a formula within the default column limit, {@link DesignLimits#DEFAULTS}.
     *
     * @throws FormulaException naming the character where it goes wrong and why
     */
    public static Formula compile(String text) {
        return compile(text, DesignLimits.DEFAULTS.maxColumns());
    }

    /**
     * Compiles a formula.
     *
     * @param maxTerms the most terms a product or a power in it may make: the design's column limit, as each term
     *     makes at least one column
     * @throws FormulaException naming the character where it goes wrong and why
     */
    public static Formula compile(String text, int maxTerms) {
        Parser.Parsed parsed = parse(text);
        Evaluator.Result result = Evaluator.rightHandSide(parsed.terms(), maxTerms);
        if (parsed.response() != null
                && result.terms().stream()
                        .anyMatch(term -> term.factors().stream()
                                .anyMatch(factor -> factor.column().equals(parsed.response())))) {
            throw new FormulaException(
                    parsed.responsePosition(), "the response " + parsed.response() + " is also a feature");
        }
        return new Formula(text, parsed.response(), result.terms(), result.intercept());
    }

    /**
     * The response of a formula, left of its {@code ~}, or {@code null} if it has none; read without expanding
     * the terms.
     *
     * @throws FormulaException if it does not parse
     */
    public static String response(String text) {
        return parse(text).response();
    }

    private static Parser.Parsed parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new FormulaException(
                    MAX_LENGTH + 1, "is longer than " + MAX_LENGTH + " characters, the most a formula may have");
        }
        return Parser.parse(text);
    }

    /** The design spec of its terms and intercept, with the default settings; set the others with its withers. */
    public DesignSpec spec() {
        return DesignSpec.of(terms, intercept);
    }
}
