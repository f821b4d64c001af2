package dev.gradfit.fitting.objective;

/**
 * The cost {@code J(w)} of a fit as a function of the weight vector {@code w = [intercept, c0, c1, ...]}
 * (or {@link #outputs()} such blocks, one per class, for the softmax loss), and its gradient.
 *
 * <p>An objective is bound to one dataset. It may keep scratch buffers, so one instance serves one fit
 * at a time. Implementations compose: {@link MeanLossObjective} computes the mean loss directly,
 * {@link RegularizedObjective} adds a penalty to any objective, and a faster objective for the same
 * cost (sufficient statistics, parallel kernels) can replace the direct one behind this interface. Every
 * implementation must compute the same {@code J} for the same data, loss and flags; only rounding may
 * differ.
 *
 * <p>Full-batch methods are required. Mini-batch gradients ({@link #batchValueAndGradient}) are
 * optional: a {@link dev.gradfit.fitting.train.Trainer} asks for them only when {@link #supportsBatches()} says so.
 */
public interface Objective {

    /** The number of weights, intercept included: {@code outputs() · (features + 1)}. */
    int dimension();

    /**
     * The number of blocks {@code [b_k, c_k0, c_k1, ...]} the weight vector holds: 1, or {@code K} for the
     * softmax loss over {@code K} classes (see {@link dev.gradfit.fitting.core.Weights#toVector}).
     */
    default int outputs() {
        return 1;
    }

    /**
     * Computes {@code J(w)} and writes {@code ∇J(w)} (the gradient, not its negative) into {@code gradient}.
     *
     * @return the cost at {@code weights}
     */
    double valueAndGradient(double[] weights, double[] gradient);

    /** Computes {@code J(w)} alone. */
    double value(double[] weights);

    /** The number of rows that mini-batches draw from. */
    default int rows() {
        throw new UnsupportedOperationException(this + " does not expose rows for mini-batches");
    }

    /** Whether {@link #batchValueAndGradient} is available. */
    default boolean supportsBatches() {
        return false;
    }

    /**
     * The same as {@link #valueAndGradient} with the mean taken over the rows {@code rows[from..to)} only:
     * an unbiased estimate of the full cost and gradient when the rows are drawn at random.
     *
     * @param rows row indices into the dataset, typically a shuffled permutation
     * @param from the first index into {@code rows}, inclusive
     * @param to the last index into {@code rows}, exclusive; {@code from < to}
     * @throws UnsupportedOperationException unless {@link #supportsBatches()}
     */
    default double batchValueAndGradient(double[] weights, double[] gradient, int[] rows, int from, int to) {
        throw new UnsupportedOperationException(this + " computes full-batch gradients only");
    }
}
