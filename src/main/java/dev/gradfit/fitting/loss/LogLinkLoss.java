package dev.gradfit.fitting.loss;

/**
 * The half deviance of a Tweedie family with the log link: the loss of a generalized linear model for
 * counts ({@link PoissonLoss}), positive amounts ({@link GammaLoss}) and amounts that are often exactly zero
 * ({@link TweedieLoss}). The prediction is the linear score {@code z = intercept + Σ cⱼ·xⱼ}; the model's mean
 * is {@code μ = e^z}.
 *
 * <p>With the power {@code p} of the variance function {@code V(μ) = μ^p}, {@code a = 2 − p} and
 * {@code b = 1 − p}, the half deviance of one point is (McCullagh and Nelder, <i>Generalized Linear
 * Models</i>, 2nd ed., §2.3; Jørgensen, <i>The Theory of Dispersion Models</i>, 1997, §4.1)
 *
 * <pre>
 *   ℓ(z, y) = μ^a/a − y·μ^b/b + y^a/(a·b)          for p ∉ {1, 2}
 *   ℓ(z, y) = μ − y·z + (y·log y − y)               for p = 1 (Poisson)
 *   ℓ(z, y) = z + y/μ + (−log y − 1)                for p = 2 (Gamma)
 * </pre>
 *
 * exactly scikit-learn's {@code HalfTweedieLoss}, {@code HalfPoissonLoss} and {@code HalfGammaLoss} plus
 * their {@code constant_to_optimal_zero}, so that {@code ℓ ≥ 0} with equality at {@code μ = y}, and the mean
 * over the rows is the mean half deviance that scikit-learn's {@code PoissonRegressor}, {@code GammaRegressor}
 * and {@code TweedieRegressor} and H2O's GLM minimise. It is convex in {@code z}, with
 *
 * <pre>
 *   ∂ℓ/∂z  = e^(a·z) − y·e^(b·z)           (= μ^(2−p)·(1 − y/μ))
 *   ∂²ℓ/∂z² = a·e^(a·z) − b·y·e^(b·z)      (> 0 for 1 ≤ p ≤ 2)
 * </pre>
 *
 * <p>{@link #value} is evaluated as {@code y^a·(E(a, t) − E(b, t))} with {@code t = z − log y} and
 * {@code E(c, t) = expm1(c·t)/c} ({@code t} for {@code c = 0}), an identity of the formulas above (use
 * {@code a − b = 1}) that needs no cancelling constant. For {@code y = 0} it is {@code μ^a/a}.
 *
 * <p>Overflow: when {@code e^z} overflows the loss is {@code +∞} (the true value is beyond a double) and the
 * divergence guard stops the fit as not finite; {@code 0·∞} never arises (a zero target drops the
 * {@code y} terms), so no NaN comes out of finite scores.
 */
public sealed interface LogLinkLoss extends Loss permits PoissonLoss, GammaLoss, TweedieLoss {

    /** The power {@code p} of the variance function {@code V(μ) = μ^p}: 1 for Poisson, 2 for Gamma. */
    double power();

    /** NaN: {@code ∂²ℓ/∂z² = a·e^(a·z) − b·y·e^(b·z)} grows with the mean, without bound. */
    @Override
    default double maxCurvature() {
        return Double.NaN;
    }

    /** The model's mean {@code μ = e^z} of the score {@code z}. */
    static double mean(double score) {
        return Math.exp(score);
    }

    @Override
    default double value(double prediction, double target) {
        double a = 2.0 - power();
        double b = 1.0 - power();
        if (target == 0.0) {
            return a == 0.0 ? Double.POSITIVE_INFINITY : Math.exp(a * prediction) / a;
        }
        double t = prediction - Math.log(target);
        double scale = a == 1.0 ? target : a == 0.0 ? 1.0 : Math.pow(target, a);
        return scale * (expm1Over(a, t) - expm1Over(b, t));
    }

    /** {@code ∂ℓ/∂z = e^(a·z) − y·e^(b·z)}, the derivative, not its negative. */
    @Override
    default double derivative(double prediction, double target) {
        double a = 2.0 - power();
        double b = 1.0 - power();
        double low = target == 0.0 ? 0.0 : target * Math.exp(b * prediction);
        return Math.exp(a * prediction) - low;
    }

    /** {@code ∂²ℓ/∂z² = a·e^(a·z) − b·y·e^(b·z)}, positive: the curvature Newton's method uses. */
    default double secondDerivative(double prediction, double target) {
        double a = 2.0 - power();
        double b = 1.0 - power();
        double low = target == 0.0 || b == 0.0 ? 0.0 : b * target * Math.exp(b * prediction);
        return a * Math.exp(a * prediction) - low;
    }

    /**
     * The part of {@link #value} that does not depend on the prediction: {@code y^a/(a·b)}, or
     * {@code y·log y − y} for Poisson ({@code 0} at {@code y = 0}), or {@code −log y − 1} for Gamma. The
     * fused kernels add it once per chunk rather than once per row and epoch.
     */
    default double constant(double target) {
        double a = 2.0 - power();
        double b = 1.0 - power();
        if (b == 0.0) {
            return target == 0.0 ? 0.0 : target * Math.log(target) - target;
        }
        if (a == 0.0) {
            return -Math.log(target) - 1.0;
        }
        return Math.pow(target, a) / (a * b);
    }

    /** {@code expm1(c·t)/c}, and its limit {@code t} at {@code c = 0}. */
    private static double expm1Over(double c, double t) {
        return c == 0.0 ? t : Math.expm1(c * t) / c;
    }
}
