package dev.gradfit.fitting;

/**
 * The cost {@code J(w)} of a fit as a function of the weight vector {@code w = [intercept, c0, c1, ...]},
 * and its gradient.
 *
 * <p>An objective is bound to one dataset. It may keep scratch buffers, so one instance serves one fit
 * at a time.
 */
public interface Objective {

    /** The number of weights, intercept included. */
    int dimension();

    /**
     * Computes {@code J(w)} and writes {@code ∇J(w)} (the gradient, not its negative) into {@code gradient}.
     *
     * @return the cost at {@code weights}
     */
    double valueAndGradient(double[] weights, double[] gradient);

    /** Computes {@code J(w)} alone. */
    double value(double[] weights);
}
