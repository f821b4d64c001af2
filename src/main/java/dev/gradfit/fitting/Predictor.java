package dev.gradfit.fitting;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.train.Hyperparameters;

/**
 * What a fitted model answers for new points: the linear score {@code intercept + Σ coefficients[j]·x[j]},
 * or, for a model fitted with the logistic loss, the probability σ of that score; for a model fitted with
 * the softmax loss, the probabilities of the {@code K} classes ({@link #classProbabilities}) and the most
 * probable class ({@link #classes}).
 *
 * @param weights the fitted weights
 * @param probabilities whether {@link #predict} returns probabilities rather than scores (and, for a softmax
 *     model, always true)
 */
public record Predictor(Weights weights, boolean probabilities) {

    /** The predictor of a model with these weights, fitted with these settings. */
    public static Predictor of(Hyperparameters hyperparameters, Weights weights) {
        return new Predictor(
                weights,
                hyperparameters.loss() instanceof LogisticLoss || hyperparameters.loss() instanceof SoftmaxLoss);
    }

    /**
     * @param rows the points, row-major, {@link Weights#features()} values each
     * @return one score or probability per point, in order
     * @throws IllegalStateException for a softmax model, which has {@code K} probabilities per point: see
     *     {@link #classProbabilities}
     */
    public double[] predict(double[] rows) {
        double[] scores = weights.predictRows(rows);
        if (probabilities) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = LogisticLoss.probability(scores[i]);
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
