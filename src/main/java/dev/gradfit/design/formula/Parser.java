package dev.gradfit.design.formula;

import dev.gradfit.design.Factor;
import java.util.List;

/**
 * A recursive-descent parser of formulas, with patsy's precedence: {@code ~} binds loosest, then {@code +} and
 * {@code -} (binary and unary), then {@code *} and {@code /}, then {@code :}, then {@code **}; all are
 * left-associative, and parentheses group.
 *
 * <pre>
 * formula  := [response] '~' sum END | sum END
 * response := column
 * sum      := prefix (('+' | '-') prefix)*
 * prefix   := ('+' | '-') prefix | product
 * product  := interact (('*' | '/') interact)*
 * interact := power (':' power)*
 * power    := atom ('**' atom)*
 * atom     := '(' sum ')' | NUMBER | column | 'C(' column ')' | 'I(' column ['**' NUMBER] ')'
 * column   := NAME | 'Q(' STRING ')'
 * </pre>
 *
 * <p>The grammar recurses only where a formula nests: a parenthesis or a sign. Both are counted, and a formula that
 * nests deeper than {@link #MAX_DEPTH} is refused, so that no formula runs the parser out of stack.
 */
final class Parser {

    /** A parsed formula: the response's name ({@code null} if none) and the right-hand side. */
    record Parsed(String response, int responsePosition, Node terms) {}

    /** The most parentheses and signs a formula may nest, one inside the other. */
    static final int MAX_DEPTH = 100;

    private final List<Token> tokens;
    private int next;
    private int depth;

    private Parser(String formula) {
        this.tokens = Token.split(formula);
    }

    static Parsed parse(String formula) {
        Parser parser = new Parser(formula);
        boolean hasTilde = parser.tokens.stream().anyMatch(token -> token.is("~"));
        String response = null;
        int responsePosition = 0;
        if (hasTilde) {
            if (!parser.peek().is("~")) {
                Token first = parser.peek();
                responsePosition = first.position();
                response = parser.columnName("a response column");
            }
            parser.expect("~");
        }
        Node terms = parser.sum();
        if (parser.peek().kind() != Token.Kind.END) {
            throw parser.unexpected(parser.peek());
        }
        return new Parsed(response, responsePosition, terms);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        return tokens.get(next++);
    }

    private Token expect(String operator) {
        Token token = take();
        if (!token.is(operator)) {
            throw new FormulaException(token.position(), "expected '" + operator + "', found " + token.shown());
        }
        return token;
    }

    private void deeper(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new FormulaException(
                    at.position(), "nests more than " + MAX_DEPTH + " parentheses or signs one inside the other");
        }
    }

    private FormulaException unexpected(Token token) {
        return new FormulaException(token.position(), "unexpected " + token.shown());
    }

    private Node sum() {
        Node left = prefix();
        while (peek().is("+") || peek().is("-")) {
            Token operator = take();
            left = new Node.Binary(operator.text(), left, prefix(), operator.position());
        }
        return left;
    }

    private Node prefix() {
        if (peek().is("+") || peek().is("-")) {
            Token operator = take();
            deeper(operator);
            Node operand = prefix();
            depth--;
            return new Node.Unary(operator.text(), operand, operator.position());
        }
        return product();
    }

    private Node product() {
        Node left = interact();
        while (peek().is("*") || peek().is("/")) {
            Token operator = take();
            left = new Node.Binary(operator.text(), left, interact(), operator.position());
        }
        return left;
    }

    private Node interact() {
        Node left = power();
        while (peek().is(":")) {
            Token operator = take();
            left = new Node.Binary(operator.text(), left, power(), operator.position());
        }
        return left;
    }

    private Node power() {
        Node left = atom();
        while (peek().is("**")) {
            Token operator = take();
            left = new Node.Binary(operator.text(), left, atom(), operator.position());
        }
        return left;
    }

    private Node atom() {
        Token token = peek();
        if (token.is("(")) {
            deeper(take());
            Node inner = sum();
            expect(")");
            depth--;
            return inner;
        }
        if (token.kind() == Token.Kind.NUMBER) {
            take();
            return new Node.Number(token.text(), token.position());
        }
        if (token.kind() == Token.Kind.NAME && tokens.get(next + 1).is("(")) {
            switch (token.text()) {
                case "C" -> {
                    take();
                    take();
                    String column = columnName("a column");
                    closeCall("C");
                    return new Node.Column(Factor.categorical(column), token.position());
                }
                case "I" -> {
                    return identity();
                }
                case "Q" -> {
                    return new Node.Column(Factor.of(columnName("a column")), token.position());
                }
                default ->
                    throw new FormulaException(
                            token.position(),
                            "unknown function '" + token.text() + "'; a formula knows C(), I() and Q()");
            }
        }
        if (token.kind() == Token.Kind.NAME) {
            return new Node.Column(Factor.of(columnName("a column")), token.position());
        }
        throw unexpected(token);
    }

    /** {@code I(x)} or {@code I(x**k)} with a whole {@code k ≥ 1}: the only arithmetic a formula does. */
    private Node identity() {
        Token function = take();
        take();
        String column = columnName("a column");
        int power = 1;
        if (peek().is("**")) {
            take();
            Token exponent = take();
            power = wholeNumber(exponent);
            if (power < 1) {
                throw new FormulaException(exponent.position(), "the power in I() must be a whole number from 1");
            }
        }
        closeCall("I");
        return new Node.Column(Factor.power(column, power), function.position());
    }

    private void closeCall(String function) {
        Token token = take();
        if (!token.is(")")) {
            throw new FormulaException(
                    token.position(),
                    "unexpected " + token.shown() + " in " + function + "(); " + supported(function) + " expected");
        }
    }

    private static String supported(String function) {
        return switch (function) {
            case "C" -> "C(column) with no options";
            case "I" -> "I(column) or I(column**k)";
            default -> "Q('column name')";
        };
    }

    /** A column: a name, or {@code Q('any name')}. */
    private String columnName(String what) {
        Token token = take();
        if (token.kind() == Token.Kind.NAME && token.text().equals("Q") && peek().is("(")) {
            take();
            Token quoted = take();
            if (quoted.kind() != Token.Kind.STRING) {
                throw new FormulaException(quoted.position(), "expected a quoted column name, found " + quoted.shown());
            }
            closeCall("Q");
            return quoted.text();
        }
        if (token.kind() != Token.Kind.NAME) {
            throw new FormulaException(token.position(), "expected " + what + ", found " + token.shown());
        }
        if (peek().is("(")) {
            throw new FormulaException(
                    token.position(), "unknown function '" + token.text() + "'; a formula knows C(), I() and Q()");
        }
        return token.text();
    }

    /** The value of a whole-number token, or -1 if it is not one. */
    static int wholeNumber(Token token) {
        if (token.kind() != Token.Kind.NUMBER || !token.text().chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Integer.parseInt(token.text());
        } catch (NumberFormatException tooLong) {
            return -1;
        }
    }
}
