package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.loss.SquaredLoss;

/**
 * The fastest exact way to compute each objective; every choice is the same function {@code J(w)}, so
 * it changes speed, never the answer beyond rounding.
 *
 * <ul>
 *   <li>Squared loss, full batch: {@link SufficientStatisticsObjective}, {@code O(d²)} per epoch after two
 *       passes over the data, whatever the number of rows.
 *   <li>Softmax: {@link ParallelSoftmaxObjective}, one fused pass per epoch computing each row's {@code K}
 *       scores, over fixed chunks as below.
 *   <li>Everything else (other losses, mini-batches, validation costs of other losses):
 *       {@link ParallelMeanLossObjective}, one pass per epoch over fixed chunks, on several cores when
 *       the data is large, the same bits for any number of threads.
 * </ul>
 */
public final class Objectives implements ObjectiveFactory {

    /** The factory {@link dev.gradfit.fitting.train.Trainer} uses unless told otherwise. */
    public static final Objectives FASTEST = new Objectives();

    private Objectives() {}

    @Override
    public Objective create(Dataset data, Loss loss, boolean fitIntercept, boolean fullBatch) {
        if (loss instanceof SoftmaxLoss softmax) {
            return new ParallelSoftmaxObjective(data, softmax, fitIntercept);
        }
        if (fullBatch && loss instanceof SquaredLoss) {
            return new SufficientStatisticsObjective(data, fitIntercept);
        }
        return new ParallelMeanLossObjective(data, loss, fitIntercept);
    }

    @Override
    public String toString() {
        return "Objectives.FASTEST";
    }
}
