package dev.gradfit.fitting.loss;

/**
 * The half Poisson deviance with the log link, {@code ℓ = μ − y − y·log(μ/y)} with {@code μ = e^z} (and
 * {@code ℓ = μ} for {@code y = 0}), for counts: Poisson regression, scikit-learn's {@code PoissonRegressor}.
 * See {@link LogLinkLoss} for the formulas and their evaluation.
 *
 * <p>Targets must be finite and at least 0 ({@link #acceptsTarget}); a fit whose targets are all 0 has no
 * finite minimiser (the intercept runs to −∞), which callers refuse as a whole.
 */
public final class PoissonLoss implements LogLinkLoss {

    public static final PoissonLoss INSTANCE = new PoissonLoss();

    private PoissonLoss() {}

    @Override
    public double power() {
        return 1.0;
    }

    @Override
    public double derivative(double prediction, double target) {
        return Math.exp(prediction) - target;
    }

    /** Counts and, as for scikit-learn, any non-negative amount. */
    @Override
    public boolean acceptsTarget(double target) {
        return target >= 0.0 && target < Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "PoissonLoss";
    }
}
