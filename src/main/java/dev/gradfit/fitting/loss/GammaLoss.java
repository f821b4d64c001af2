package dev.gradfit.fitting.loss;

/**
 * The half Gamma deviance with the log link, {@code ℓ = log(μ/y) + y/μ − 1} with {@code μ = e^z}, for
 * positive amounts (costs, durations): Gamma regression, scikit-learn's {@code GammaRegressor}. See
 * {@link LogLinkLoss} for the formulas and their evaluation.
 *
 * <p>Targets must be finite and positive ({@link #acceptsTarget}): at {@code y = 0} the loss is infinite.
 */
public final class GammaLoss implements LogLinkLoss {

    public static final GammaLoss INSTANCE = new GammaLoss();

    private GammaLoss() {}

    @Override
    public double power() {
        return 2.0;
    }

    @Override
    public double derivative(double prediction, double target) {
        return 1.0 - target * Math.exp(-prediction);
    }

    @Override
    public boolean acceptsTarget(double target) {
        return target > 0.0 && target < Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "GammaLoss";
    }
}
