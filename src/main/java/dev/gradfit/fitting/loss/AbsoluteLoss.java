package dev.gradfit.fitting.loss;

/**
 * Absolute error {@code ℓ = |p − y|}, whose mean is minimised by a median rather than a mean: least
 * absolute deviations.
 *
 * <p>The loss has no derivative where {@code p = y}; there the subgradient 0 is used, elsewhere
 * {@code sign(p − y)}. Gradient descent on it therefore never settles exactly: with a constant learning
 * rate the weights keep oscillating in a band whose width is proportional to the rate, so a decaying
 * schedule suits it.
 */
public final class AbsoluteLoss implements Loss {

    public static final AbsoluteLoss INSTANCE = new AbsoluteLoss();

    private AbsoluteLoss() {}

    @Override
    public double value(double prediction, double target) {
        return Math.abs(prediction - target);
    }

    @Override
    public double derivative(double prediction, double target) {
        return Math.signum(prediction - target);
    }

    /** NaN: the loss has no second derivative where {@code p = y}, and its kink bounds no curvature. */
    @Override
    public double maxCurvature() {
        return Double.NaN;
    }

    @Override
    public String toString() {
        return "AbsoluteLoss";
    }
}
