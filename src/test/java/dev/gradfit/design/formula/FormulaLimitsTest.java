package dev.gradfit.design.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.gradfit.design.Factor;
import dev.gradfit.design.Term;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Formulas that would take a request thread for hours or run it out of stack: each is refused on its character
 * within milliseconds, and the formulas within the limits compile as before.
 */
class FormulaLimitsTest {

    /** Generous for a refusal that takes milliseconds; the expansion it prevents takes minutes. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    /** Smaller than a request thread's; the recursion per term it replaces overflowed 1 MB at 1500 terms. */
    private static final long SMALL_STACK = 256 * 1024;

    private static String sum(int columns) {
        return IntStream.range(0, columns)
                .mapToObj(i -> String.format("c%02d", i))
                .collect(Collectors.joining(" + "));
    }

    @Test
    void refusesAPowerOfSixteenColumnsBeforeExpandingIt() {
        String formula = "y ~ (" + sum(16) + ")**16";

        FormulaException refused = assertTimeoutPreemptively(
                PROMPTLY, () -> catchThrowableOfType(() -> Formula.compile(formula), FormulaException.class));

        assertThat(refused.position()).isEqualTo(formula.indexOf("**") + 1);
        assertThat(refused.reason())
                .isEqualTo(
                        "'**' makes more than 10000 terms, the limit on design columns (gradfit.design.max-columns)");
    }

    @Test
    void refusesPowersAndProductsThatWouldPassTheLimitByTheirCount() {
        assertTimeoutPreemptively(PROMPTLY, () -> {
            assertThat(catchThrowableOfType(
                            () -> Formula.compile("y ~ (" + sum(20) + ")**20", 1_000_000), FormulaException.class))
                    .hasMessageContaining("makes more than 1000000 terms");
            assertThat(catchThrowableOfType(
                            () -> Formula.compile("y ~ (" + sum(40) + "):(" + sum(40) + ")", 1599),
                            FormulaException.class))
                    .hasMessageContaining("':' makes more than 1599 terms");
        });
        // (a + b + c)**3 makes 3 + 3 + 1 = 7 terms: the limit is reached, not passed
        assertThat(Formula.compile("y ~ (a + b + c)**3", 7).terms()).hasSize(7);
        assertThat(catchThrowableOfType(() -> Formula.compile("y ~ (a + b + c)**3", 6), FormulaException.class))
                .hasMessageContaining("'**' makes more than 6 terms");
        // 40 × 40 pairs are counted, though a:b is b:a and a:a is a and 40 + 780 terms would remain
        assertThat(Formula.compile("y ~ (" + sum(40) + "):(" + sum(40) + ")", 1600)
                        .terms())
                .hasSize(40 + 780);
    }

    @Test
    void refusesAFormulaThatRepeatsALargePowerUntilItsProductsPassTheBudget() {
        // (c00 + … + c12)**13: 8191 terms from 13·(13 + 91 + 377 + … + 8190) = 692055 products (the terms of up
        // to 1, 2, …, 12 columns, each times the 13); the second copy passes 100 for each of 10000 terms
        String power = "(" + sum(13) + ")**13";
        String formula = "y ~ " + String.join(" + ", java.util.Collections.nCopies(3, power));

        FormulaException refused = assertTimeoutPreemptively(
                PROMPTLY, () -> catchThrowableOfType(() -> Formula.compile(formula), FormulaException.class));

        assertThat(refused.position()).isEqualTo(formula.indexOf("**", 4 + power.length()) + 1);
        assertThat(refused.reason())
                .isEqualTo("'**' brings the products of terms the formula makes to more than 1000000, 100 for each"
                        + " design column (gradfit.design.max-columns)");
        assertThat(Formula.compile("y ~ " + power + " + (" + sum(13) + ")**2").terms())
                .hasSize(8191);
    }

    @Test
    void takesAPowerBeyondTheNumberOfTermsAsThatNumber() {
        // patsy: (a + b)**100 is (a + b)**2
        assertThat(Formula.compile("y ~ (a + b)**100").terms())
                .containsExactly(Term.of("a"), Term.of("b"), Term.of(Factor.of("a"), Factor.of("b")));
        assertThat(Formula.compile("y ~ (" + sum(13) + ")**99").terms()).hasSize(8191);
    }

    @Test
    void expandsAPowerInPatsysOrderWithItsFactorsInTheOrderFirstMet() {
        // patsy 0.5.3: [t.name() for t in ModelDesc.from_formula(f).rhs_termlist], the intercept left out
        assertThat(Formula.compile("y ~ (a + b:c + a:d + c)**3").terms())
                .map(Term::toString)
                .containsExactly("a", "b:c", "a:d", "c", "a:b:c", "a:c", "b:c:a:d", "a:d:c");
        assertThat(Formula.compile("y ~ (a + b + c + d)**3").terms())
                .map(Term::toString)
                .containsExactly(
                        "a", "b", "c", "d", "a:b", "a:c", "a:d", "b:c", "b:d", "c:d", "a:b:c", "a:b:d", "a:c:d",
                        "b:c:d");
    }

    @Test
    void countsTheProductsOfUpToKTermsAsTheBinomialsSay() {
        assertThat(Evaluator.productsOfUpTo(16, 16, Long.MAX_VALUE / 2)).isEqualTo(65535); // 2^16 - 1
        assertThat(Evaluator.productsOfUpTo(10, 2, 1000)).isEqualTo(55); // 10 + 45
        assertThat(Evaluator.productsOfUpTo(100, 3, 1000)).isEqualTo(1001); // 100 + 4950 + … passes 1000
        assertThat(Evaluator.productsOfUpTo(Integer.MAX_VALUE, 50, Integer.MAX_VALUE))
                .isEqualTo(Integer.MAX_VALUE + 1L);
        assertThat(Evaluator.productsOfUpTo(5, 0, 1000)).isZero();
    }

    @Test
    void foldsALongSumWithoutRecursingPerTerm() throws InterruptedException {
        // past the length limit, straight to the parser and the evaluator
        String chain = "x1" + " + x1".repeat(20_000);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        outcome.set(Evaluator.rightHandSide(Parser.parse(chain).terms(), 10_000)
                                .terms());
                    } catch (Throwable failed) {
                        outcome.set(failed);
                    }
                },
                "small-stack",
                SMALL_STACK);
        thread.start();
        thread.join(PROMPTLY.toMillis());

        assertThat(outcome.get()).isEqualTo(java.util.List.of(Term.of("x1")));
    }

    @Test
    void refusesAFormulaLongerThanTheLimit() {
        String formula = "y ~ x1" + " + x1".repeat(1500);

        FormulaException refused = catchThrowableOfType(() -> Formula.compile(formula), FormulaException.class);

        assertThat(refused.position()).isEqualTo(4001);
        assertThat(refused.reason()).isEqualTo("is longer than 4000 characters, the most a formula may have");
        assertThat(Formula.compile("y ~ x1" + "+x1".repeat(1331)).terms()).containsExactly(Term.of("x1"));
    }

    @Test
    void refusesParenthesesAndSignsNestedDeeperThanAHundred() {
        String deep = "y ~ " + "(".repeat(1000) + "x" + ")".repeat(1000);
        FormulaException refused = catchThrowableOfType(() -> Formula.compile(deep), FormulaException.class);
        assertThat(refused.position()).isEqualTo(5 + 100); // the 101st '('
        assertThat(refused.reason()).isEqualTo("nests more than 100 parentheses or signs one inside the other");

        String signs = "y ~ " + "+".repeat(1000) + "x";
        assertThat(catchThrowableOfType(() -> Formula.compile(signs), FormulaException.class))
                .hasMessage("formula: nests more than 100 parentheses or signs one inside the other at character 105");

        assertThat(Formula.compile("y ~ " + "(".repeat(100) + "x" + ")".repeat(100))
                        .terms())
                .containsExactly(Term.of("x"));
        assertThat(Formula.compile("y ~ " + "+".repeat(100) + "x").terms()).containsExactly(Term.of("x"));
    }

    @Test
    void readsTheResponseWithoutExpandingTheTerms() {
        assertThat(assertTimeoutPreemptively(PROMPTLY, () -> Formula.response("y ~ (" + sum(30) + ")**30")))
                .isEqualTo("y");
    }
}
