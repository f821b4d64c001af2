package dev.gradfit.fitting.schedule;

import dev.gradfit.fitting.core.Checks;

/**
 * Multiplies the learning rate by {@code factor} once the training cost has gone {@code patience} epochs
 * without improving on its best value by more than {@code threshold} (relative), never going below
 * {@code minLearningRate}. After each reduction the count starts again. PyTorch's
 * {@code ReduceLROnPlateau} in its {@code "rel"} threshold mode, with no cool-down, except that it
 * reduces after {@code patience} epochs without improvement rather than after {@code patience + 1}.
 *
 * <p>The cost at the initial weights is the first best value.
 *
 * @param factor the multiplier at each reduction, in {@code (0, 1)}
 * @param patience epochs without improvement before a reduction, at least 1
 * @param threshold the relative improvement that counts, in {@code [0, 1)}
 * @param minLearningRate the rate is never reduced below this; finite and non-negative
 */
public record PlateauSchedule(double factor, int patience, double threshold, double minLearningRate)
        implements Schedule {

    /** PyTorch's default factor. */
    public static final double DEFAULT_FACTOR = 0.1;
    /** PyTorch's default patience. */
    public static final int DEFAULT_PATIENCE = 10;
    /** PyTorch's default relative threshold. */
    public static final double DEFAULT_THRESHOLD = 1e-4;

    public PlateauSchedule {
        Checks.shrinkingFactor("factor", factor);
        Checks.atLeast("patience", patience, 1);
        Checks.fraction("threshold", threshold);
        Checks.nonNegative("minLearningRate", minLearningRate);
    }

    /** Factor 0.1, patience 10, threshold 1e-4, no lower bound. */
    public PlateauSchedule() {
        this(DEFAULT_FACTOR, DEFAULT_PATIENCE, DEFAULT_THRESHOLD, 0.0);
    }

    @Override
    public State start(double initialRate) {
        return new State() {
            private double rate = initialRate;
            private double best = Double.POSITIVE_INFINITY;
            private int badEpochs;

            @Override
            public double learningRate(int epoch) {
                return rate;
            }

            @Override
            public void observe(int epoch, double cost) {
                if (cost < best * (1 - threshold) || best == Double.POSITIVE_INFINITY) {
                    best = cost;
                    badEpochs = 0;
                } else if (++badEpochs >= patience) {
                    rate = Math.max(rate * factor, minLearningRate);
                    badEpochs = 0;
                }
            }
        };
    }
}
