package dev.gradfit.design.formula;

import dev.gradfit.design.Factor;
import dev.gradfit.design.Term;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns a parsed right-hand side into terms and an intercept, by patsy's rules ({@code patsy.desc}, patsy 0.5):
 * {@code a + b} is the union of the terms in order, {@code a - b} removes b's, {@code a:b} multiplies every term of a
 * by every term of b, {@code a*b} is {@code a + b + a:b}, {@code a/b} is {@code a + (all of a's factors):b},
 * {@code (a + b)**k} is every product of up to k of them, and {@code 1}, {@code 0}, {@code -1}, {@code +0} ask for or
 * remove the intercept, which is there unless removed.
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

    private Evaluator() {}

    static Result rightHandSide(Node node) {
        Expression expression = evaluate(node);
        return new Result(expression.terms(), !expression.removed());
    }

    private static Expression evaluate(Node node) {
        if (node instanceof Node.Column column) {
            return Expression.of(List.of(Term.of(column.factor())));
        }
        if (node instanceof Node.Unary unary) {
            return unary(unary);
        }
        if (node instanceof Node.Binary binary) {
            return binary(binary);
        }
        Node.Number number = (Node.Number) node;
        return switch (number.text()) {
            case "1" -> new Expression(true, false, List.of());
            case "0" -> new Expression(false, true, List.of());
            default ->
                throw new FormulaException(number.position(), "a number other than 0 or 1 is only allowed after **");
        };
    }

    private static Expression unary(Node.Unary unary) {
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

    private static Expression binary(Node.Binary binary) {
        return switch (binary.operator()) {
            case "+" -> plus(binary);
            case "-" -> minus(binary);
            case ":" -> interaction(binary, evaluate(binary.left()), evaluate(binary.right()));
            case "*" -> {
                Expression left = evaluate(binary.left());
                Expression right = evaluate(binary.right());
                List<Term> terms = new ArrayList<>(left.terms());
                terms.addAll(right.terms());
                terms.addAll(interaction(binary, left, right).terms());
                yield Expression.of(terms);
            }
            case "/" -> nesting(binary);
            case "**" -> power(binary);
            default -> throw new IllegalStateException("no operator " + binary.operator());
        };
    }

    private static Expression plus(Node.Binary binary) {
        Expression left = evaluate(binary.left());
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

    private static Expression minus(Node.Binary binary) {
        Expression left = evaluate(binary.left());
        if (isNumber(binary.right(), "0")) {
            return new Expression(true, false, left.terms());
        }
        if (isNumber(binary.right(), "1")) {
            return new Expression(false, true, left.terms());
        }
        Expression right = evaluate(binary.right());
        List<Term> terms = new ArrayList<>(left.terms());
        terms.removeAll(right.terms());
        return right.intercept()
                ? new Expression(false, true, terms)
                : new Expression(left.intercept(), left.removed(), terms);
    }

    private static Expression interaction(Node.Binary at, Expression left, Expression right) {
        requireNoIntercept(at, left);
        requireNoIntercept(at, right);
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

    private static Expression nesting(Node.Binary binary) {
        Expression left = evaluate(binary.left());
        Expression right = evaluate(binary.right());
        requireNoIntercept(binary, left);
        List<Factor> all = new ArrayList<>();
        left.terms().forEach(term -> all.addAll(term.factors()));
        List<Term> terms = new ArrayList<>(left.terms());
        terms.addAll(interaction(binary, Expression.of(List.of(new Term(all))), right)
                .terms());
        return Expression.of(terms);
    }

    private static Expression power(Node.Binary binary) {
        Expression left = evaluate(binary.left());
        requireNoIntercept(binary, left);
        int power = binary.right() instanceof Node.Number number
                ? Parser.wholeNumber(new Token(Token.Kind.NUMBER, number.text(), number.position()))
                : -1;
        if (power < 1) {
            throw new FormulaException(binary.right().position(), "'**' needs a whole number from 1");
        }
        List<Term> terms = new ArrayList<>(left.terms());
        Expression bigger = left;
        for (int i = 1; i < Math.min(power, left.terms().size()); i++) {
            bigger = interaction(binary, left, bigger);
            terms.addAll(bigger.terms());
        }
        return Expression.of(terms);
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
