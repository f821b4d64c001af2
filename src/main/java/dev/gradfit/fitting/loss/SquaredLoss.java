package dev.gradfit.fitting.loss;

/**
 * Squared error {@code ℓ = (p − y)²}, whose mean is the tutorial's cost {@code J = (1/n)·Σ(y' − y)²}.
 */
public final class SquaredLoss implements Loss {

    public static final SquaredLoss INSTANCE = new SquaredLoss();

    private SquaredLoss() {}

    @Override
    public double value(double prediction, double target) {
        double residual = prediction - target;
        return residual * residual;
    }

    @Override
    public double derivative(double prediction, double target) {
        return 2.0 * (prediction - target);
    }

    /** {@code ∂²ℓ/∂p² = 2} everywhere. */
    @Override
    public double maxCurvature() {
        return 2.0;
    }

    @Override
    public String toString() {
        return "SquaredLoss";
    }
}
