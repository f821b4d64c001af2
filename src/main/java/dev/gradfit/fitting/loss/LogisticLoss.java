package dev.gradfit.fitting.loss;

/**
 * Binary cross-entropy (log loss) for targets 0 and 1, with the prediction read as a score
 * {@code z = intercept + Σ cⱼ·xⱼ} whose logistic {@code σ(z) = 1 / (1 + e^−z)} is the probability of
 * class 1. Minimising its mean is logistic regression.
 *
 * <p>{@code ℓ(z, y) = −y·log σ(z) − (1 − y)·log(1 − σ(z)) = log(1 + e^z) − y·z}, evaluated as
 * {@code max(z, 0) − y·z + log1p(e^−|z|)} so that it neither overflows nor loses the small terms for
 * large {@code |z|}. Its derivative is {@code ∂ℓ/∂z = σ(z) − y}.
 *
 * <p>Targets other than 0 and 1 are a caller's error: see {@link #acceptsTarget}. The formulas stay
 * finite for them but mean nothing.
 */
public final class LogisticLoss implements Loss {

    public static final LogisticLoss INSTANCE = new LogisticLoss();

    private LogisticLoss() {}

    /** The probability from which a point is labelled 1 unless a caller asks for another threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /**
     * The class of a point: 1 when its probability of class 1 is at least {@code threshold}, else 0. Every
     * surface that answers labels (the predictions of /api/v1, the Open Inference Protocol's labels) labels by
     * this rule.
     */
    public static int label(double probability, double threshold) {
        return probability >= threshold ? 1 : 0;
    }

    /** The logistic function {@code σ(z) = 1 / (1 + e^−z)}, computed without overflow. */
    public static double probability(double score) {
        if (score >= 0) {
            return 1.0 / (1.0 + Math.exp(-score));
        }
        double e = Math.exp(score);
        return e / (1.0 + e);
    }

    @Override
    public double value(double prediction, double target) {
        return Math.max(prediction, 0.0) - target * prediction + Math.log1p(Math.exp(-Math.abs(prediction)));
    }

    @Override
    public double derivative(double prediction, double target) {
        return probability(prediction) - target;
    }

    /** Only 0 and 1 are class labels. */
    @Override
    public boolean acceptsTarget(double target) {
        return target == 0.0 || target == 1.0;
    }

    /** {@code ∂²ℓ/∂z² = σ(z)·(1 − σ(z))}, at most 1/4, at {@code z = 0}. */
    @Override
    public double maxCurvature() {
        return 0.25;
    }

    @Override
    public String toString() {
        return "LogisticLoss";
    }
}
