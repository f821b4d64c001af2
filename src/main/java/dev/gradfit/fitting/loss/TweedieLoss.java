package dev.gradfit.fitting.loss;

/**
 * The half Tweedie deviance with the log link for a power {@code 1 < p < 2}, the compound Poisson–Gamma
 * family: amounts that are often exactly zero and otherwise positive, such as insurance losses.
 * scikit-learn's {@code TweedieRegressor(power=p, link="log")}. See {@link LogLinkLoss} for the formulas.
 *
 * <p>The family's other members are other losses: {@link #of} maps power 1 to {@link PoissonLoss} and 2 to
 * {@link GammaLoss}. Power 0 is the normal distribution, whose half deviance with the identity link
 * ({@code TweedieRegressor(power=0)}'s default link) is half the tutorial's {@link SquaredLoss}, so
 * {@code of(0)} is that loss and its minimiser is the same. Powers in {@code (0, 1)} belong to no
 * distribution (Jørgensen 1997, §4.2) and are refused; so are powers beyond 2 and below 0, which gradfit does
 * not offer.
 *
 * @param power the variance power, strictly between 1 and 2
 */
public record TweedieLoss(double power) implements LogLinkLoss {

    public TweedieLoss {
        if (!(power > 1.0 && power < 2.0)) {
            throw new IllegalArgumentException("power must be strictly between 1 and 2, was " + power
                    + "; use of(power) for 0 (squared), 1 (poisson) and 2 (gamma)");
        }
    }

    /**
     * The loss of a Tweedie power: {@link SquaredLoss} for 0, {@link PoissonLoss} for 1, {@link GammaLoss} for
     * 2, a {@code TweedieLoss} strictly between 1 and 2.
     *
     * @throws IllegalArgumentException for any other power, naming the reason
     */
    public static Loss of(double power) {
        if (power == 0.0) {
            return SquaredLoss.INSTANCE;
        }
        if (power == 1.0) {
            return PoissonLoss.INSTANCE;
        }
        if (power == 2.0) {
            return GammaLoss.INSTANCE;
        }
        if (power > 0.0 && power < 1.0) {
            throw new IllegalArgumentException(
                    "power must not lie in (0, 1): no Tweedie distribution has such a power, was " + power);
        }
        return new TweedieLoss(power);
    }

    /** Zero and positive amounts. */
    @Override
    public boolean acceptsTarget(double target) {
        return target >= 0.0 && target < Double.POSITIVE_INFINITY;
    }
}
