package dev.gradfit.fitting;

/**
 * Thrown when the cost or its gradient stops being finite during a fit: the step was too large for the
 * data, and no weights worth keeping exist.
 */
public final class FitDivergedException extends RuntimeException {

    private final int epoch;
    private final double lastFiniteCost;
    private final double learningRate;

    /**
     * @param epoch the number of epochs after which the cost or gradient was no longer finite
     * @param lastFiniteCost the last finite cost seen, or NaN if there was none
     * @param learningRate the learning rate that diverged
     */
    public FitDivergedException(int epoch, double lastFiniteCost, double learningRate) {
        super("the fit diverged after " + epoch + " epochs: the cost is no longer finite (learning rate " + learningRate
                + ", last finite cost " + lastFiniteCost + ")");
        this.epoch = epoch;
        this.lastFiniteCost = lastFiniteCost;
        this.learningRate = learningRate;
    }

    public int epoch() {
        return epoch;
    }

    public double lastFiniteCost() {
        return lastFiniteCost;
    }

    public double learningRate() {
        return learningRate;
    }
}
