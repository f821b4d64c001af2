package dev.gradfit.fitting;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.train.Hyperparameters;

/**
 * What a fitted model answers for new points: the linear score {@code intercept + Σ coefficients[j]·x[j]},
 * or, for a model fitted with the logistic loss, the probability σ of that score.
 *
 * @param weights the fitted weights
 * @param probabilities whether {@link #predict} returns probabilities rather than scores
 */
public record Predictor(Weights weights, boolean probabilities) {

    /** The predictor of a model with these weights, fitted with these settings. */
    public static Predictor of(Hyperparameters hyperparameters, Weights weights) {
        return new Predictor(weights, hyperparameters.loss() instanceof LogisticLoss);
    }

    /**
     * @param rows the points, row-major, {@link Weights#features()} values each
     * @return one score or probability per point, in order
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
}
