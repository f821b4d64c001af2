package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.objective.CostOfWeights;

/**
 * Goodness of fit of a logistic regression, reading the model's output {@code z} as the log-odds of
 * class 1 and predicting class 1 when {@code σ(z) ≥ 0.5}, that is when {@code z ≥ 0}.
 *
 * @param logLoss the mean binary cross-entropy {@code Σ sᵢ·ℓ(zᵢ, yᵢ) / Σ sᵢ} (natural log), weighted by
 *     the sample weights: the logistic cost without any penalty
 * @param accuracy the share of the sample weight on correctly classified rows (with no sample weights,
 *     {@code (tp + tn) / n})
 * @param truePositives the sample weight on rows with y = 1 predicted 1 (without sample weights, the count
 *     of such rows), as {@code sklearn.metrics.confusion_matrix(sample_weight=...)} counts it, so that
 *     {@code accuracy = (truePositives + trueNegatives) / Σ sᵢ} and a row of weight 0 counts for nothing; in
 *     the units of the weights as given, whatever scale the dataset holds them at
 * @param falsePositives the sample weight on rows with y = 0 predicted 1
 * @param trueNegatives the sample weight on rows with y = 0 predicted 0
 * @param falseNegatives the sample weight on rows with y = 1 predicted 0
 */
public record ClassificationMetrics(
        double logLoss,
        double accuracy,
        double truePositives,
        double falsePositives,
        double trueNegatives,
        double falseNegatives)
        implements GoodnessOfFit {

    /**
     * The metrics of {@code weights} on {@code data}, whose targets are 0 or 1.
     *
     * @throws IllegalArgumentException if a target is neither 0 nor 1
     */
    public static ClassificationMetrics of(Dataset data, Weights weights) {
        double[] coefficients = weights.coefficients();
        double tp = 0.0;
        double fp = 0.0;
        double tn = 0.0;
        double fn = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            double y = data.target(i);
            if (!LogisticLoss.INSTANCE.acceptsTarget(y)) {
                throw new IllegalArgumentException("target " + i + " is " + y + ", not a class label 0 or 1");
            }
            double score = data.linear(i, weights.intercept(), coefficients, 0);
            double s = data.sampleWeight(i);
            boolean predictedPositive = score >= 0;
            boolean positive = y == 1.0;
            if (predictedPositive) {
                if (positive) {
                    tp += s;
                } else {
                    fp += s;
                }
            } else if (positive) {
                fn += s;
            } else {
                tn += s;
            }
        }
        double total = data.weightSum();
        // The dataset may hold its weights rescaled by 2^−e; the cells are weight sums, reported as given.
        int e = data.weightExponent();
        // The mean loss as the cost is reported: with the predictor compensated (CostOfWeights).
        double logLoss = CostOfWeights.of(data, LogisticLoss.INSTANCE, weights.toVector(), Regularization.NONE, null);
        return new ClassificationMetrics(
                logLoss, (tp + tn) / total, Math.scalb(tp, e), Math.scalb(fp, e), Math.scalb(tn, e), Math.scalb(fn, e));
    }
}
