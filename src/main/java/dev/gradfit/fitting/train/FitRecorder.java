package dev.gradfit.fitting.train;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.stopping.StopReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a fit reports besides its weights: the cost history, and, when asked for, the validation
 * costs and learning rates sampled at the same stride, and the snapshots. One instance per fit.
 */
final class FitRecorder {

    private static final double[] NONE = {};

    private final CostHistory costs;
    private final CostHistory validationCosts;
    private final CostHistory learningRates;
    private final List<Integer> snapshotEpochs;
    private final int outputs;
    private final boolean centreCoefficients;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private int nextSnapshot;

    FitRecorder(Hyperparameters hyperparameters, int historyLimit, boolean validation) {
        int epochs = hyperparameters.epochs();
        this.costs = CostHistory.forEpochs(epochs, historyLimit);
        this.validationCosts = validation ? CostHistory.forEpochs(epochs, historyLimit) : null;
        this.learningRates = hyperparameters.recordLearningRates() ? CostHistory.forEpochs(epochs, historyLimit) : null;
        this.snapshotEpochs = hyperparameters.snapshotEpochs();
        this.outputs = hyperparameters.loss().outputs();
        this.centreCoefficients = hyperparameters.regularization().l2() == 0;
    }

    /**
     * The weights of the vector {@code weights}. A softmax model's are centred ({@link Weights#centred}): its
     * cost does not change when the same number is added to every class's intercept, nor, without L2, when
     * the same row is added to every class's coefficients. Plain gradient descent from zero keeps both sums at
     * zero (the gradient sums to zero over the classes), so centring only removes rounding; adaptive optimizers
     * (AdaGrad, RMSProp, Adam) scale each entry by its own history, which breaks the sums, and centring returns
     * the same model in the sum-to-zero convention the exact reference and scikit-learn report. With L2 the
     * coefficients are left as they are: the penalty is not invariant, and it pulls their sums to zero itself.
     */
    private Weights weights(double[] weights) {
        return outputs == 1
                ? Weights.fromVector(weights)
                : Weights.fromVector(weights, outputs).centred(centreCoefficients);
    }

    /** Keeps a snapshot if {@code epoch} is one asked for. */
    void snapshot(int epoch, double[] weights, double cost) {
        while (nextSnapshot < snapshotEpochs.size() && snapshotEpochs.get(nextSnapshot) < epoch) {
            nextSnapshot++;
        }
        if (nextSnapshot < snapshotEpochs.size() && snapshotEpochs.get(nextSnapshot) == epoch) {
            snapshots.add(new Snapshot(epoch, weights(weights), cost));
            nextSnapshot++;
        }
    }

    /** Records the state after {@code epoch} epochs, short of the last, and the rate of the next epoch. */
    void record(int epoch, double cost, double validationCost, double nextLearningRate) {
        if (!costs.wants(epoch)) {
            return;
        }
        costs.add(cost);
        if (validationCosts != null) {
            validationCosts.add(validationCost);
        }
        if (learningRates != null) {
            learningRates.add(nextLearningRate);
        }
    }

    /** The result of a fit that stops after {@code epoch} epochs at {@code weights}. */
    FitResult finish(double[] weights, double cost, double validationCost, int epoch, StopReason reason) {
        costs.add(cost);
        if (validationCosts != null) {
            validationCosts.add(validationCost);
        }
        return new FitResult(
                weights(weights),
                cost,
                costs.costs(),
                costs.stride(),
                epoch,
                reason,
                learningRates == null ? NONE : learningRates.costs(),
                validationCosts == null ? NONE : validationCosts.costs(),
                snapshots);
    }
}
