package dev.gradfit.fitting;

/**
 * A pointwise loss {@code ℓ(prediction, target)}; the cost of a fit is its mean over the rows.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Loss {

    /** The loss of one prediction. */
    double value(double prediction, double target);

    /** {@code ∂ℓ/∂prediction}: the derivative of the loss, not its negative. */
    double derivative(double prediction, double target);
}
