package dev.gradfit.design.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gradfit.design.Factor;
import dev.gradfit.design.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What formulas compile to, and where a bad one goes wrong. The term lists are patsy's
 * ({@code patsy.ModelDesc.from_formula(...).rhs_termlist}); the matrices are checked in {@link PatsyReferenceTest}.
 */
class FormulaTest {

    private static final Term X = Term.of("x");
    private static final Term Z = Term.of("z");
    private static final Term XZ = Term.of(Factor.of("x"), Factor.of("z"));

    @Test
    void compilesTheOperators() {
        Formula formula = Formula.compile("y ~ x + C(city) + x:z + x*z + I(x**2) - 1");

        assertThat(formula.response()).isEqualTo("y");
        assertThat(formula.intercept()).isFalse();
        assertThat(formula.terms())
                .containsExactly(X, Term.of(Factor.categorical("city")), XZ, Z, Term.of(Factor.power("x", 2)));
    }

    @Test
    void keepsOrRemovesTheInterceptAsPatsyDoes() {
        assertThat(Formula.compile("y ~ x").intercept()).isTrue();
        assertThat(Formula.compile("y ~ x + 0").intercept()).isFalse();
        assertThat(Formula.compile("y ~ 0 + x").intercept()).isFalse();
        assertThat(Formula.compile("y ~ -1 + x").intercept()).isFalse();
        assertThat(Formula.compile("y ~ x - 1 + 1").intercept()).isTrue();
        assertThat(Formula.compile("y ~ x - 0").intercept()).isTrue();
        assertThat(Formula.compile("~ x").response()).isNull();
    }

    @Test
    void expandsProductsNestingAndPowers() {
        Term a = Term.of("a");
        Term b = Term.of("b");
        Term c = Term.of("c");
        assertThat(Formula.compile("y ~ (a + b + c)**2").terms())
                .containsExactly(
                        a,
                        b,
                        c,
                        Term.of(Factor.of("a"), Factor.of("b")),
                        Term.of(Factor.of("a"), Factor.of("c")),
                        Term.of(Factor.of("b"), Factor.of("c")));
        assertThat(Formula.compile("y ~ a/(b + c)").terms())
                .containsExactly(a, Term.of(Factor.of("a"), Factor.of("b")), Term.of(Factor.of("a"), Factor.of("c")));
        assertThat(Formula.compile("y ~ x*z - x - z").terms()).containsExactly(XZ);
        assertThat(Formula.compile("y ~ x:z + z:x + x:x").terms()).containsExactly(XZ, X);
    }

    @Test
    void takesAnyColumnNameQuoted() {
        assertThat(Formula.compile("Q('sale price') ~ Q(\"living area\") + I(Q('age')**3)")
                        .terms())
                .containsExactly(Term.of("living area"), Term.of(Factor.power("age", 3)));
        assertThat(Formula.compile("Q('sale price') ~ x").response()).isEqualTo("sale price");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            y ~ x + )           | 9  | unexpected ')'
            y ~ x +             | 8  | unexpected end of formula
            y ~ (x + z          | 11 | expected ')', found end of formula
            y ~ log(x)          | 5  | unknown function 'log'; a formula knows C(), I() and Q()
            y ~ np.log(x)       | 7  | unexpected '.'
            y ~ C(x, Sum)       | 8  | unexpected ',' in C(); C(column) with no options expected
            y ~ I(x**0)         | 10 | the power in I() must be a whole number from 1
            y ~ I(x + z)        | 9  | unexpected '+' in I(); I(column) or I(column**k) expected
            y ~ x + 2           | 9  | a number other than 0 or 1 is only allowed after **
            y ~ x ** z          | 10 | '**' needs a whole number from 1
            y ~ (1 + x):z       | 12 | the intercept cannot interact with anything
            y ~ -x              | 5  | unary '-' applies to 0 or 1 only
            y ~ Q('x            | 7  | unterminated string
            y ~ x ~ z           | 7  | unexpected '~'
            y + z ~ x           | 3  | expected '~', found '+'
            y ~ x + y           | 1  | the response y is also a feature
            y ~ x $ z           | 7  | unexpected '$'
            """)
    void pointsAtTheCharacterWhereAFormulaGoesWrong(String formula, int position, String reason) {
        FormulaException refused = catchThrowableOfType(() -> Formula.compile(formula), FormulaException.class);

        assertThat(refused.position()).isEqualTo(position);
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.getMessage()).isEqualTo("formula: " + reason + " at character " + position);
    }
}
