package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.objective.CostOfWeights;
import java.util.Arrays;

/**
 * Goodness of fit of a softmax (multinomial logistic) model over {@code K} classes, predicting for each row
 * the class of the largest score (the lowest index on a tie, as {@code numpy.argmax}), which is the class of
 * the largest probability. The binary logistic loss keeps {@link ClassificationMetrics}.
 *
 * @param logLoss the mean multinomial cross-entropy {@code Σ sᵢ·(−log p_i,yᵢ) / Σ sᵢ} (natural log), weighted
 *     by the sample weights: the softmax cost without any penalty, {@code sklearn.metrics.log_loss}
 * @param accuracy the share of the sample weight on correctly classified rows
 * @param macroF1 the unweighted mean over the classes of {@code F1_k = 2·TP_k / (2·TP_k + FP_k + FN_k)},
 *     the counts being sample-weight sums, as {@code sklearn.metrics.f1_score(average="macro")}: over the
 *     classes that occur among the targets or the predictions, with {@code F1 = 0} for a class that has
 *     rows of weight 0 only
 * @param confusion the {@code K × K} matrix whose entry {@code [a][p]} is the sample weight on rows of actual
 *     class {@code a} predicted as {@code p} (rows actual, columns predicted, as
 *     {@code sklearn.metrics.confusion_matrix}), in the units of the weights as given
 */
public record MulticlassMetrics(double logLoss, double accuracy, double macroF1, double[][] confusion)
        implements GoodnessOfFit {

    public MulticlassMetrics {
        confusion = copy(confusion);
    }

    /**
     * The metrics of {@code weights} (one row per class) on {@code data}, whose targets are class indices.
     *
     * @throws IllegalArgumentException if a target is not a class index of {@code loss}, or the weights do
     *     not have {@code K} outputs
     */
    public static MulticlassMetrics of(Dataset data, Weights weights, SoftmaxLoss loss) {
        int classes = loss.classes();
        if (weights.outputs() != classes) {
            throw new IllegalArgumentException(weights.outputs() + " rows of weights for " + loss);
        }
        double[][] cells = new double[classes][classes];
        boolean[] present = new boolean[classes];
        double[] row = new double[data.columns()];
        double right = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            double y = data.target(i);
            if (!loss.acceptsTarget(y)) {
                throw new IllegalArgumentException("target " + i + " is " + y + ", not a class index of " + loss);
            }
            data.copyRow(i, row, 0);
            int predicted = SoftmaxLoss.label(weights.scores(row), 0, classes);
            int actual = (int) y;
            double s = data.sampleWeight(i);
            cells[actual][predicted] += s;
            present[actual] = true;
            present[predicted] = true;
            if (actual == predicted) {
                right += s;
            }
        }
        double f1 = 0.0;
        int counted = 0;
        for (int k = 0; k < classes; k++) {
            if (!present[k]) {
                continue;
            }
            double truePositives = cells[k][k];
            double actual = 0.0;
            double predicted = 0.0;
            for (int m = 0; m < classes; m++) {
                actual += cells[k][m];
                predicted += cells[m][k];
            }
            double denominator = actual + predicted;
            f1 += denominator > 0 ? 2.0 * truePositives / denominator : 0.0;
            counted++;
        }
        // The dataset may hold its weights rescaled by 2^−e; the cells are weight sums, reported as given.
        int e = data.weightExponent();
        for (double[] cellRow : cells) {
            for (int k = 0; k < classes; k++) {
                cellRow[k] = Math.scalb(cellRow[k], e);
            }
        }
        double logLoss = CostOfWeights.of(data, loss, weights.toVector(), Regularization.NONE, null);
        return new MulticlassMetrics(logLoss, right / data.weightSum(), f1 / counted, cells);
    }

    /** Returns a copy. */
    @Override
    public double[][] confusion() {
        return copy(confusion);
    }

    private static double[][] copy(double[][] matrix) {
        double[][] out = new double[matrix.length][];
        for (int k = 0; k < matrix.length; k++) {
            out[k] = matrix[k].clone();
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MulticlassMetrics m
                && Double.compare(logLoss, m.logLoss) == 0
                && Double.compare(accuracy, m.accuracy) == 0
                && Double.compare(macroF1, m.macroF1) == 0
                && Arrays.deepEquals(confusion, m.confusion);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Double.hashCode(logLoss) + Double.hashCode(accuracy)) + Double.hashCode(macroF1))
                + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "MulticlassMetrics[logLoss=" + logLoss + ", accuracy=" + accuracy + ", macroF1=" + macroF1
                + ", confusion=" + Arrays.deepToString(confusion) + "]";
    }
}
