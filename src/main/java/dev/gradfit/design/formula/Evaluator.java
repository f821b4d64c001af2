package dev.gradfit.design.formula;

import dev.gradfit.design.Factor;
import dev.gradfit.design.Term;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed right-hand side into terms and an intercept, by patsy's rules ({@code patsy.desc}, patsy 0.5):
 * {@code a + b} is the union of the terms in order, {@code a - b} removes b's, {@code a:b} multiplies every term of a
 * by every term of b, {@code a*b} is {@code a + b + a:b}, {@code a/b} is {@code a + (all of a's factors):b},
 * {@code (a + b)**k} is every product of up to k of them, and {@code 1}, {@code 0}, {@code -1}, {@code +0} ask for or
 * remove the intercept, which is there unless removed.
 *
 * <p>A product or a power can make exponentially many terms ({@code (a + … + p)**16} makes 65535), so each is
 * counted before it is expanded, from the sizes of its operands, and refused if it could make more than
 * {@code maxTerms}; the products made in all are counted too, and refused past {@link #PRODUCTS_PER_TERM} for each
 * of {@code maxTerms}. A sum's terms are not limited here: they grow with the text alone, and the design refuses too
 * many columns naming the term. A chain {@code a + b + …} is folded in a loop, not by recursion, so its length costs
 * no stack.
 */
final class Evaluator {

    /**
     * patsy's {@code IntermediateExpr}.
     *
     * @param intercept whether this expression asks for the intercept
     * @param removed whether it removes the intercept
     * @param terms its terms, each once, in order
     */
    private record Expression(boolean intercept, boolean removed, List<Term> terms) {
        Expression {
            terms = List.copyOf(new LinkedHashSet<>(terms));
        }

        static Expression of(List<Term> terms) {
            return new Expression(false, false, terms);
        }
    }

    /** The terms and whether there is an intercept. */
    record Result(List<Term> terms, boolean intercept) {}

    /** The most products of terms a formula may make in all, for each term it may have. */
    static final int PRODUCTS_PER_TERM = 100;

    private final int maxTerms;
    private long products;

    private Evaluator(int maxTerms) {
        this.maxTerms = maxTerms;
    }

    /**
     * Evaluates a right-hand side.
     *
     * @param maxTerms the most terms any part of it may make
     * @throws FormulaException if a part makes, or could make, more than {@code maxTerms} terms
     */
    static Result rightHandSide(Node node, int maxTerms) {
        if (maxTerms < 1) {
            throw new IllegalArgumentException("maxTerms must be at least 1, was " + maxTerms);
        }
        Expression expression = new Evaluator(maxTerms).evaluate(node);
        return new Result(expression.terms(), !expression.removed());
    }

    private Expression evaluate(Node node) {
        if (node instanceof Node.Binary binary) {
            return fold(binary);
        }
        if (node instanceof Node.Column column) {
            return Expression.of(List.of(Term.of(column.factor())));
        }
        if (node instanceof Node.Unary unary) {
            return unary(unary);
        }
        Node.Number number = (Node.Number) node;
        return switch (number.text()) {
            case "1" -> new Expression(true, false, List.of());
            case "0" -> new Expression(false, true, List.of());
            default ->
                throw new FormulaException(number.position(), "a number other than 0 or 1 is only allowed after **");
        };
    }

    /**
     * The operators are left-associative, so {@code a + b + c + …} is a tree whose left edge is as long as the chain:
     * it is walked down in a loop and the operators applied on the way back up, each to the value so far.
     */
    private Expression fold(Node.Binary top) {
        Deque<Node.Binary> chain = new ArrayDeque<>();
        Node leftmost = top;
        while (leftmost instanceof Node.Binary binary) {
            chain.push(binary);
            leftmost = binary.left();
        }
        Expression value = evaluate(leftmost);
        while (!chain.isEmpty()) {
            value = binary(chain.pop(), value);
        }
        return value;
    }

    private Expression unary(Node.Unary unary) {
        if (unary.operator().equals("+")) {
            return evaluate(unary.operand());
        }
        if (isNumber(unary.operand(), "0")) {
            return new Expression(true, false, List.of());
        }
        if (isNumber(unary.operand(), "1")) {
            return new Expression(false, true, List.of());
        }
        throw new FormulaException(unary.position(), "unary '-' applies to 0 or 1 only");
    }

    private Expression binary(Node.Binary binary, Expression left) {
        return switch (binary.operator()) {
            case "+" -> plus(binary, left);
            case "-" -> minus(binary, left);
            case ":" -> interaction(binary, left, evaluate(binary.right()));
            case "*" -> {
                Expression right = evaluate(binary.right());
                List<Term> terms = new ArrayList<>(left.terms());
                terms.addAll(right.terms());
                terms.addAll(interaction(binary, left, right).terms());
                yield Expression.of(terms);
            }
            case "/" -> nesting(binary, left);
            case "**" -> power(binary, left);
            default -> throw new IllegalStateException("no operator " + binary.operator());
        };
    }

    private Expression plus(Node.Binary binary, Expression left) {
        if (isNumber(binary.right(), "0")) {
            return new Expression(false, true, left.terms());
        }
        Expression right = evaluate(binary.right());
        List<Term> terms = new ArrayList<>(left.terms());
        terms.addAll(right.terms());
        return right.intercept()
                ? new Expression(true, false, terms)
                : new Expression(left.intercept(), left.removed(), terms);
    }

    private Expression minus(Node.Binary binary, Expression left) {
        if (isNumber(binary.right(), "0")) {
            return new Expression(true, false, left.terms());
        }
        if (isNumber(binary.right(), "1")) {
            return new Expression(false, true, left.terms());
        }
        Expression right = evaluate(binary.right());
        List<Term> terms = new ArrayList<>(left.terms());
        terms.removeAll(new HashSet<>(right.terms())); // a set: a list's contains would take |left|·|right|
        return right.intercept()
                ? new Expression(false, true, terms)
                : new Expression(left.intercept(), left.removed(), terms);
    }

    /** Every term of left times every term of right, refused before it is made if there could be too many. */
    private Expression interaction(Node.Binary at, Expression left, Expression right) {
        requireNoIntercept(at, left);
        requireNoIntercept(at, right);
        requireAtMost(at, (long) left.terms().size() * right.terms().size());
        spend(at, (long) left.terms().size() * right.terms().size());
        return products(left, right);
    }

    /** Every term of left times every term of right, unchecked. */
    private static Expression products(Expression left, Expression right) {
        List<Term> terms = new ArrayList<>();
        for (Term l : left.terms()) {
            for (Term r : right.terms()) {
                List<Factor> factors = new ArrayList<>(l.factors());
                factors.addAll(r.factors());
                terms.add(new Term(factors));
            }
        }
        return Expression.of(terms);
    }

    private Expression nesting(Node.Binary binary, Expression left) {
        Expression right = evaluate(binary.right());
        requireNoIntercept(binary, left);
        List<Factor> all = new ArrayList<>();
        left.terms().forEach(term -> all.addAll(term.factors()));
        List<Term> terms = new ArrayList<>(left.terms());
        terms.addAll(interaction(binary, Expression.of(List.of(new Term(all))), right)
                .terms());
        return Expression.of(terms);
    }

    private Expression power(Node.Binary binary, Expression left) {
        requireNoIntercept(binary, left);
        int power = binary.right() instanceof Node.Number number
                ? Parser.wholeNumber(new Token(Token.Kind.NUMBER, number.text(), number.position()))
                : -1;
        if (power < 1) {
            throw new FormulaException(binary.right().position(), "'**' needs a whole number from 1");
        }
        // (a + b)**100 is (a + b)**2: a product of more than t of t terms repeats one of them
        int rounds = Math.min(power, left.terms().size());
        requireAtMost(binary, productsOfUpTo(left.terms().size(), rounds, maxTerms));
        // patsy's loop: bigger = left:bigger, each round's terms appended. bigger never has more terms than that
        // count, so a round makes at most t·maxTerms products; each is keyed by the set of its factors' numbers,
        // which hashes and compares far faster than a Term, and made a Term only once, when first seen.
        Map<Factor, Integer> numbers = new HashMap<>();
        Map<BitSet, List<Factor>> first = new LinkedHashMap<>();
        for (Term term : left.terms()) {
            BitSet key = new BitSet();
            term.factors().forEach(factor -> key.set(numbers.computeIfAbsent(factor, f -> numbers.size())));
            first.put(key, term.factors());
        }
        List<Map.Entry<BitSet, List<Factor>>> terms = List.copyOf(first.entrySet());
        Map<BitSet, List<Factor>> all = new LinkedHashMap<>(first);
        Map<BitSet, List<Factor>> bigger = first;
        for (int i = 1; i < rounds; i++) {
            spend(binary, (long) terms.size() * bigger.size());
            Map<BitSet, List<Factor>> next = new LinkedHashMap<>();
            for (Map.Entry<BitSet, List<Factor>> l : terms) {
                for (Map.Entry<BitSet, List<Factor>> b : bigger.entrySet()) {
                    BitSet key = (BitSet) l.getKey().clone();
                    key.or(b.getKey());
                    next.computeIfAbsent(key, k -> concatenated(l.getValue(), b.getValue()));
                }
            }
            next.forEach(all::putIfAbsent);
            bigger = next;
        }
        return Expression.of(all.values().stream().map(Term::new).toList());
    }

    private static List<Factor> concatenated(List<Factor> left, List<Factor> right) {
        List<Factor> factors = new ArrayList<>(left);
        factors.addAll(right);
        return factors;
    }

    /**
     * How many products of 1 to {@code k} of {@code t} distinct terms there are, {@code C(t,1) + … + C(t,k)}, or
     * {@code cap + 1} as soon as it passes {@code cap}: {@code (a + … )**k} makes at most these (fewer when the terms
     * share factors). Each binomial is made from the last exactly, {@code C(t,i) = C(t,i-1)·(t-i+1)/i}; they stay
     * below {@code cap} until the sum passes it, so the products fit a long.
     */
    static long productsOfUpTo(int t, int k, long cap) {
        long sum = 0;
        long binomial = 1;
        for (int i = 1; i <= Math.min(k, t); i++) {
            binomial = binomial * (t - i + 1) / i;
            sum += binomial;
            if (sum > cap) {
                return cap + 1;
            }
        }
        return sum;
    }

    private void requireAtMost(Node.Binary at, long terms) {
        if (terms > maxTerms) {
            throw tooMany(at);
        }
    }

    /**
     * Counts products about to be made, and refuses once the formula's come to more than
     * {@link #PRODUCTS_PER_TERM} for each of its {@code maxTerms}: every power within the limit on terms is cheap,
     * but a formula repeating one many times would not be.
     */
    private void spend(Node.Binary at, long made) {
        products += made;
        long budget = (long) PRODUCTS_PER_TERM * maxTerms;
        if (products > budget) {
            throw new FormulaException(
                    at.position(),
                    "'" + at.operator() + "' brings the products of terms the formula makes to more than " + budget
                            + ", " + PRODUCTS_PER_TERM + " for each design column (gradfit.design.max-columns)");
        }
    }

    private FormulaException tooMany(Node.Binary at) {
        return new FormulaException(
                at.position(),
                "'" + at.operator() + "' makes more than " + maxTerms
                        + " terms, the limit on design columns (gradfit.design.max-columns)");
    }

    private static void requireNoIntercept(Node.Binary at, Expression expression) {
        if (expression.intercept()) {
            throw new FormulaException(at.position(), "the intercept cannot interact with anything");
        }
    }

    private static boolean isNumber(Node node, String text) {
        return node instanceof Node.Number number && number.text().equals(text);
    }
}
