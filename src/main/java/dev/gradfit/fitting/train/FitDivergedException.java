package dev.gradfit.fitting.train;

import dev.gradfit.fitting.objective.Curvature;

/**
 * Thrown when a fit runs away: the cost or its gradient stops being finite, or the cost grows to more
 * than {@value #GROWTH_LIMIT} times its initial value. No weights worth keeping exist.
 */
public final class FitDivergedException extends RuntimeException {

    /** A cost this many times the initial one counts as divergence. */
    public static final double GROWTH_LIMIT = 1000.0;

    /** What gave the divergence away. */
    public enum Cause {
        /** The cost or a gradient became infinite or NaN. */
        NOT_FINITE,
        /** The cost grew past {@value #GROWTH_LIMIT} times its initial value. */
        GREW
    }

    private final int epoch;
    private final Cause cause;
    private final double lastFiniteCost;
    private final double learningRate;
    private final double maxStableLearningRate;

    /**
     * @param epoch the number of epochs after which the divergence was seen
     * @param cause what gave it away
     * @param lastFiniteCost the last finite cost seen, or NaN if there was none
     * @param learningRate the (initial) learning rate of the fit
     * @param maxStableLearningRate the largest learning rate with which plain gradient descent on this
     *     objective is stable, or NaN when not known, see {@link Curvature}
     */
    public FitDivergedException(
            int epoch, Cause cause, double lastFiniteCost, double learningRate, double maxStableLearningRate) {
        super(describe(epoch, cause, learningRate, lastFiniteCost));
        this.epoch = epoch;
        this.cause = cause;
        this.lastFiniteCost = lastFiniteCost;
        this.learningRate = learningRate;
        this.maxStableLearningRate = maxStableLearningRate;
    }

    /** The cost stopped being finite; no stability bound known. */
    public FitDivergedException(int epoch, double lastFiniteCost, double learningRate) {
        this(epoch, Cause.NOT_FINITE, lastFiniteCost, learningRate, Double.NaN);
    }

    /** The same divergence, now with the stability bound of the objective. */
    public FitDivergedException withMaxStableLearningRate(double bound) {
        return new FitDivergedException(epoch, cause, lastFiniteCost, learningRate, bound);
    }

    public int epoch() {
        return epoch;
    }

    public Cause divergence() {
        return cause;
    }

    public double lastFiniteCost() {
        return lastFiniteCost;
    }

    public double learningRate() {
        return learningRate;
    }

    /** {@code 2/λmax} of the cost's Hessian, or NaN when not known (losses other than squared, mini-batches). */
    public double maxStableLearningRate() {
        return maxStableLearningRate;
    }

    /** What to try, computed from the learning rate and, when known, the stability bound. */
    public String hint() {
        if (Double.isFinite(maxStableLearningRate)) {
            String bound = "Plain gradient descent on this data is stable only for learningRate below 2/λmax = "
                    + round(maxStableLearningRate) + " (λmax being the largest eigenvalue of the cost's Hessian)";
            if (learningRate >= maxStableLearningRate) {
                return bound + ", and " + learningRate + " is above it: try a smaller learningRate, such as "
                        + round(maxStableLearningRate / 2)
                        + ". Standardizing the features lowers λmax and allows larger steps.";
            }
            return bound + "; " + learningRate + " is below it, so the optimizer or schedule amplified the"
                    + " steps: try plain gd, a smaller learningRate, or clipNorm.";
        }
        return "Try a smaller learningRate (for example " + round(learningRate / 10) + "), a clipNorm, or"
                + " standardize the features: large feature values need proportionally smaller steps.";
    }

    /** Six significant digits: enough to act on, short enough to read. */
    private static String round(double value) {
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String describe(int epoch, Cause cause, double learningRate, double lastFiniteCost) {
        String what = cause == Cause.GREW
                ? "the cost grew to more than " + (long) GROWTH_LIMIT + " times its initial value"
                : "the cost is no longer finite";
        return "the fit diverged after " + epoch + " epochs: " + what + " (learning rate " + learningRate
                + ", last finite cost " + lastFiniteCost + ")";
    }
}
