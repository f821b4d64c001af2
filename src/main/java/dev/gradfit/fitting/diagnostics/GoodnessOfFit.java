package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SoftmaxLoss;

/**
 * How well a fitted model describes the data it was fitted to: {@link RegressionMetrics} for the
 * regression losses, {@link ClassificationMetrics} for the logistic loss, {@link MulticlassMetrics} for the
 * softmax loss, {@link DevianceMetrics} for the log-link losses.
 *
 * <p>Every mean is weighted by the sample weights (all 1 without them), like the cost.
 */
public sealed interface GoodnessOfFit
        permits RegressionMetrics, ClassificationMetrics, MulticlassMetrics, DevianceMetrics {

    /**
     * The metrics that suit {@code loss}: classification metrics for {@link LogisticLoss}, multiclass metrics
     * for {@link SoftmaxLoss}, deviance metrics for a {@link LogLinkLoss}, regression metrics for every other
     * loss.
     *
     * @param fitIntercept whether the model has a fitted intercept; decides which R² is meaningful
     */
    static GoodnessOfFit of(Dataset data, Weights weights, Loss loss, boolean fitIntercept) {
        if (loss instanceof SoftmaxLoss softmax) {
            return MulticlassMetrics.of(data, weights, softmax);
        }
        if (loss instanceof LogisticLoss) {
            return ClassificationMetrics.of(data, weights);
        }
        return loss instanceof LogLinkLoss family
                ? DevianceMetrics.of(data, weights, family)
                : RegressionMetrics.of(data, weights, fitIntercept);
    }
}
