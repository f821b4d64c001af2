package dev.gradfit.design.formula;

import dev.gradfit.design.Factor;

/** A node of a parsed formula; {@code position} is the 1-based character where it (or its operator) is. */
sealed interface Node {

    int position();

    /** A column as a factor: {@code x}, {@code C(city)}, {@code I(x**2)}, {@code Q('sale price')}. */
    record Column(Factor factor, int position) implements Node {}

    /** A number: {@code 0} and {@code 1} stand for the intercept; others are powers. */
    record Number(String text, int position) implements Node {}

    /** {@code -x}, {@code +x}. */
    record Unary(String operator, Node operand, int position) implements Node {}

    /** {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}, {@code a : b}, {@code a ** b}. */
    record Binary(String operator, Node left, Node right, int position) implements Node {}
}
