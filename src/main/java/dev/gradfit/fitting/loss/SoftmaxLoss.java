package dev.gradfit.fitting.loss;

/**
 * The multinomial cross-entropy over {@code K ≥ 2} classes: multinomial logistic regression. The model
 * gives each row {@code K} scores {@code z_k = b_k + Σⱼ c_kj·xⱼ} (one row of weights per class, see
 * {@link dev.gradfit.fitting.core.Weights}), read through the softmax {@code p_k = e^(z_k) / Σ_m e^(z_m)} as
 * the probabilities of the classes. Targets are the class indices {@code 0, ..., K − 1}, held as doubles.
 *
 * <p>The loss of a row of class {@code y} is its negative log-likelihood
 *
 * <pre>
 *   ℓ(z, y) = −log p_y = log Σ_m e^(z_m) − z_y,     ∂ℓ/∂z_k = p_k − [k = y]
 * </pre>
 *
 * evaluated as {@code M + log Σ_m e^(z_m − M) − z_y} with {@code M = max_m z_m} (log-sum-exp), so that no
 * exponential overflows and the largest term of the sum is exactly 1. The gradient sums to zero over the
 * classes: the cost is unchanged when the same number is added to every class's score, so all {@code K} rows
 * of weights are kept (as scikit-learn's {@code multinomial} does) and the free direction is fixed by the
 * convention that the rows sum to zero, see {@link dev.gradfit.fitting.core.Weights#centred}.
 *
 * <p><b>Comparing with other libraries.</b> scikit-learn's {@code LogisticRegression(multi_class="multinomial")}
 * minimises {@code C·Σ sᵢ·ℓᵢ + ½·Σ_k ‖c_k‖²}, gradfit {@code Σ sᵢ·ℓᵢ / Σ sᵢ + l2·Σ_k ‖c_k‖²}: the same
 * minimiser when {@code l2 = 1/(2·C·Σ sᵢ)} ({@code 1/(2·C·n)} without sample weights). Its lbfgs starts from
 * zero and keeps the intercepts summing to zero, so its {@code intercept_} and {@code coef_} are gradfit's
 * weights directly (to its stopping tolerance). statsmodels' {@code MNLogit} fixes class 0 at zero: its
 * parameters for class {@code k} are {@code w_k − w_0}. With {@code K = 2}, the logistic loss's weights are
 * {@code w_1 − w_0}, at half the L2 strength.
 *
 * <p>Not a pointwise loss: {@link #value(double, double)} and {@link #derivative(double, double)} of one
 * prediction throw; the softmax objectives call {@link #valueAndGradient} on a row's {@code K} scores.
 *
 * @param classes the number of classes {@code K}, at least 2
 */
public record SoftmaxLoss(int classes) implements Loss {

    public SoftmaxLoss {
        if (classes < 2) {
            throw new IllegalArgumentException("softmax needs at least 2 classes, was " + classes);
        }
    }

    @Override
    public int outputs() {
        return classes;
    }

    /**
     * 1/2: the Hessian of a row's loss in its {@code K} scores, {@code diag(p) − ppᵀ}, is at most
     * {@code ½(I − 11ᵀ/K)} (Böhning, "Multinomial logistic regression algorithm", Ann. Inst. Statist. Math. 44,
     * 1992), whose largest eigenvalue is 1/2.
     */
    @Override
    public double maxCurvature() {
        return 0.5;
    }

    /** Only the class indices {@code 0, 1, ..., K − 1} are targets. */
    @Override
    public boolean acceptsTarget(double target) {
        return target >= 0 && target < classes && target == Math.rint(target);
    }

    /**
     * {@code ℓ(z, y)} of the scores {@code scores[offset..offset+K)}, and {@code ∂ℓ/∂z_k = p_k − [k = y]} (the
     * gradient, not its negative) written to {@code gradient[gradientOffset + k]}.
     *
     * @param target a class index, as {@link #acceptsTarget} accepts
     */
    public double valueAndGradient(double[] scores, int offset, double target, double[] gradient, int gradientOffset) {
        int y = (int) target;
        double max = max(scores, offset, classes);
        double sum = 0.0;
        for (int k = 0; k < classes; k++) {
            double e = Math.exp(scores[offset + k] - max);
            gradient[gradientOffset + k] = e;
            sum += e;
        }
        double inverse = 1.0 / sum;
        for (int k = 0; k < classes; k++) {
            gradient[gradientOffset + k] *= inverse;
        }
        gradient[gradientOffset + y] -= 1.0;
        return (max - scores[offset + y]) + Math.log(sum);
    }

    /** {@code ℓ(z, y)} of the scores {@code scores[offset..offset+K)}. */
    public double value(double[] scores, int offset, double target) {
        double max = max(scores, offset, classes);
        double sum = 0.0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(scores[offset + k] - max);
        }
        return (max - scores[offset + (int) target]) + Math.log(sum);
    }

    /** The softmax of {@code scores[offset..offset+K)} written to {@code out[outOffset..outOffset+K)}. */
    public static void probabilities(double[] scores, int offset, int classes, double[] out, int outOffset) {
        double max = max(scores, offset, classes);
        double sum = 0.0;
        for (int k = 0; k < classes; k++) {
            double e = Math.exp(scores[offset + k] - max);
            out[outOffset + k] = e;
            sum += e;
        }
        for (int k = 0; k < classes; k++) {
            out[outOffset + k] /= sum;
        }
    }

    /**
     * The predicted class of {@code scores[offset..offset+K)}: the index of the largest score, the lowest
     * such index on a tie (as {@code numpy.argmax}). The largest score is the largest probability.
     */
    public static int label(double[] scores, int offset, int classes) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (scores[offset + k] > scores[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Not defined: a row has {@code K} scores. */
    @Override
    public double value(double prediction, double target) {
        throw new UnsupportedOperationException("softmax reads " + classes + " scores per row, not one prediction");
    }

    /** Not defined: a row has {@code K} scores. */
    @Override
    public double derivative(double prediction, double target) {
        throw new UnsupportedOperationException("softmax reads " + classes + " scores per row, not one prediction");
    }

    static double max(double[] scores, int offset, int classes) {
        double max = scores[offset];
        for (int k = 1; k < classes; k++) {
            max = Math.max(max, scores[offset + k]);
        }
        return max;
    }
}
