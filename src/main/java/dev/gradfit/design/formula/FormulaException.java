package dev.gradfit.design.formula;

/** A formula that does not compile, with the character where it goes wrong. */
public final class FormulaException extends RuntimeException {

    private final int position;
    private final String reason;

    FormulaException(int position, String reason) {
        super("formula: " + reason + " at character " + position);
        this.position = position;
        this.reason = reason;
    }

    /** The 1-based number of the character where the formula goes wrong, one past its end if it ends too soon. */
    public int position() {
        return position;
    }

    /** What is wrong there, e.g. {@code unexpected ')'}. */
    public String reason() {
        return reason;
    }
}
