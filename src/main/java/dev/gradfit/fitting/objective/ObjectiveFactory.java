package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SoftmaxLoss;

/**
 * Builds the objective that computes the mean loss of a dataset, so that a {@link dev.gradfit.fitting.train.Trainer} can use a
 * faster implementation of the same cost where one exists (for instance sufficient statistics for the
 * squared loss with full batches). Regularization is added by the trainer around whatever this returns.
 */
@FunctionalInterface
public interface ObjectiveFactory {

    /**
     * The direct loop over the rows, {@link MeanLossObjective} ({@link SoftmaxObjective} for the softmax loss):
     * right for every loss and batching.
     */
    ObjectiveFactory DIRECT = (data, loss, fitIntercept, fullBatch) -> loss instanceof SoftmaxLoss softmax
            ? new SoftmaxObjective(data, softmax, fitIntercept)
            : new MeanLossObjective(data, loss, fitIntercept);

    /**
     * @param data the rows to average over
     * @param loss the pointwise loss
     * @param fitIntercept whether the intercept's gradient is kept (otherwise it is zero)
     * @param fullBatch whether only full-batch methods will be called; when false the objective must
     *     {@linkplain Objective#supportsBatches() support mini-batches}
     */
    Objective create(Dataset data, Loss loss, boolean fitIntercept, boolean fullBatch);
}
