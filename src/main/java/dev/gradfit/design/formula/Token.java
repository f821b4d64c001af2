package dev.gradfit.design.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * A token of a formula.
 *
 * @param kind what it is
 * @param text its text: a name, the digits of a number, the value of a quoted string, an operator
 * @param position the 1-based number of its first character
 */
record Token(Kind kind, String text, int position) {

    enum Kind {
        NAME,
        NUMBER,
        STRING,
        OPERATOR,
        END
    }

    /** Operators, the longest first so that {@code **} is not read as two {@code *}. */
    private static final List<String> OPERATORS = List.of("**", "~", "+", "-", "*", "/", ":", "(", ")", ",");

    boolean is(String operator) {
        return kind == Kind.OPERATOR && text.equals(operator);
    }

    /** How an error names it: {@code ')'}, {@code 'city'}, or "end". */
    String shown() {
        return kind == Kind.END ? "end of formula" : "'" + text + "'";
    }

    /** Splits a formula into tokens, ending with {@link Kind#END}. */
    static List<Token> split(String formula) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < formula.length()) {
            char c = formula.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < formula.length()
                        && (Character.isLetterOrDigit(formula.charAt(i)) || formula.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, formula.substring(start, i), start + 1));
            } else if (Character.isDigit(c) || c == '.') {
                while (i < formula.length() && (Character.isDigit(formula.charAt(i)) || formula.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, formula.substring(start, i), start + 1));
            } else if (c == '\'' || c == '"') {
                int end = formula.indexOf(c, i + 1);
                if (end < 0) {
                    throw new FormulaException(start + 1, "unterminated string");
                }
                tokens.add(new Token(Kind.STRING, formula.substring(i + 1, end), start + 1));
                i = end + 1;
            } else {
                String operator = OPERATORS.stream()
                        .filter(op -> formula.startsWith(op, start))
                        .findFirst()
                        .orElseThrow(() -> new FormulaException(start + 1, "unexpected '" + c + "'"));
                tokens.add(new Token(Kind.OPERATOR, operator, start + 1));
                i += operator.length();
            }
        }
        tokens.add(new Token(Kind.END, "", formula.length() + 1));
        return tokens;
    }
}
