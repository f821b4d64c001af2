package dev.gradfit.fitting;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.train.Hyperparameters;

/**
 * What a fitted model answers for new points, on the scale of y: the linear score
 * {@code z = intercept + Σ coefficients[j]·x[j]}; for a model fitted with the logistic loss, the probability
 * σ(z); for a log-link loss (Poisson, Gamma, Tweedie), the mean {@code μ = e^(z + o)} with the point's offset
 * {@code o} (0 when none is given), as statsmodels' {@code GLMResults.predict(exog, offset=o)} answers.
 *
 * <p>A mean beyond the largest double comes out as {@code +∞}: callers that must answer finite numbers refuse
 * the point. For a model fitted with the softmax loss, the probabilities of the {@code K} classes
 * ({@link #classProbabilities}) and the most probable class ({@link #classes}).
 *
 * @param weights the fitted weights
 * @param probabilities whether {@link #predict} returns probabilities rather than scores (and, for a softmax
 *     model, always true)
 * @param means whether {@link #predict} returns the log-link mean {@code e^(z + o)} rather than the score
 */
public record Predictor(Weights weights, boolean probabilities, boolean means) {

    public Predictor {
        if (probabilities && means) {
            throw new IllegalArgumentException("a predictor answers probabilities or means, not both");
        }
    }

    /** A predictor of scores, or of probabilities; never of log-link means. */
    public Predictor(Weights weights, boolean probabilities) {
        this(weights, probabilities, false);
    }

    /** The predictor of a model with these weights, fitted with these settings. */
    public static Predictor of(Hyperparameters hyperparameters, Weights weights) {
        return new Predictor(
                weights,
                hyperparameters.loss() instanceof LogisticLoss || hyperparameters.loss() instanceof SoftmaxLoss,
                hyperparameters.loss() instanceof LogLinkLoss);
    }

    /**
     * @param rows the points, row-major, {@link Weights#features()} values each
     * @return one score, probability or mean per point, in order
     * @throws IllegalStateException for a softmax model, which has {@code K} probabilities per point: see
     *     {@link #classProbabilities}
     */
    public double[] predict(double[] rows) {
        return predict(rows, null);
    }

    /**
     * @param rows the points, row-major, {@link Weights#features()} values each
     * @param offsets one offset per point, added to its score, or {@code null} for none; only a log-link
     *     predictor ({@link #means}) takes them
     * @return one score, probability or mean per point, in order
     * @throws IllegalArgumentException if offsets are given to a predictor that is not of means, or their number
     *     is not the number of points
     */
    public double[] predict(double[] rows, double[] offsets) {
        double[] scores = weights.predictRows(rows);
        if (offsets != null) {
            if (!means) {
                throw new IllegalArgumentException("offsets apply only to the log-link losses");
            }
            if (offsets.length != scores.length) {
                throw new IllegalArgumentException(
                        "offsets hold " + offsets.length + " values for " + scores.length + " points");
            }
        }
        if (probabilities) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = LogisticLoss.probability(scores[i]);
            }
        } else if (means) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = LogLinkLoss.mean(offsets == null ? scores[i] : scores[i] + offsets[i]);
            }
        }
        return scores;
    }

    /**
     * The softmax probabilities of a multi-output model: entry {@code [i][k]} is the probability of class
     * {@code k} for point {@code i}; each row sums to 1 (to rounding).
     *
     * @param rows the points, row-major, {@link Weights#features()} values each
     */
    public double[][] classProbabilities(double[] rows) {
        int classes = requireClasses();
        double[] scores = weights.scoreRows(rows);
        double[][] out = new double[scores.length / classes][classes];
        for (int i = 0; i < out.length; i++) {
            SoftmaxLoss.probabilities(scores, i * classes, classes, out[i], 0);
        }
        return out;
    }

    /**
     * The most probable class of each point: the index of its largest score, the lowest index on a tie (as
     * {@code numpy.argmax} of the probabilities).
     *
     * @param rows the points, row-major, {@link Weights#features()} values each
     */
    public int[] classes(double[] rows) {
        int classes = requireClasses();
        double[] scores = weights.scoreRows(rows);
        int[] out = new int[scores.length / classes];
        for (int i = 0; i < out.length; i++) {
            out[i] = SoftmaxLoss.label(scores, i * classes, classes);
        }
        return out;
    }

    private int requireClasses() {
        if (weights.outputs() < 2) {
            throw new IllegalStateException("a model of one output has no class probabilities; see predict");
        }
        return weights.outputs();
    }
}
