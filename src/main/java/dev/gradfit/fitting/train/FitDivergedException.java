package dev.gradfit.fitting.train;

import dev.gradfit.fitting.optimizer.StableLearningRate;

/**
 * Thrown when a fit runs away (see {@link DivergenceGuard} for the rules): the cost or its gradient stops
 * being finite, the cost grows a thousandfold, or the fit stops with a cost above its start or rising at a
 * learning rate above the stable one. No weights worth keeping exist.
 */
public final class FitDivergedException extends RuntimeException {

    /** A cost this many times the initial one counts as divergence. */
    public static final double GROWTH_LIMIT = 1000.0;

    /** What gave the divergence away. */
    public enum Cause {
        /** The cost or a gradient became infinite or NaN. */
        NOT_FINITE,
        /** The cost grew past {@value #GROWTH_LIMIT} times its initial value (and the data's null cost). */
        GREW,
        /** The fit stopped with a cost above its starting one. */
        ROSE,
        /** The fit stopped with its cost rising, at a learning rate above the optimizer's stable rate. */
        RISING
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
     * @param maxStableLearningRate the largest learning rate with which the fit's optimizer is stable on
     *     this objective (plain gradient descent's for the adaptive optimizers, which have none), or NaN when
     *     not known, see {@link StableLearningRate}
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

    /**
     * The optimizer's stable learning rate ({@code 2/λmax} for gd, {@code 2(1+μ)/λmax} for momentum,
     * {@code 2(1+μ)/((1+2μ)·λmax)} for nesterov, plain gd's {@code 2/λmax} for adagrad, rmsprop and adam), or
     * NaN when not known (absolute and log-link losses, mini-batches, lbfgs). For the squared loss the exact
     * limit; for huber, logistic and softmax the rate below which descent cannot diverge, at any weights.
     */
    public double maxStableLearningRate() {
        return maxStableLearningRate;
    }

    /** What to try, computed from the cause, the epoch, the learning rate and, when known, the stable rate. */
    public String hint() {
        if (cause == Cause.NOT_FINITE && epoch == 0) {
            return Double.isNaN(lastFiniteCost)
                    ? "The cost at the initial weights is already beyond a double's range: the data's scale"
                            + " overflows a double's square (residuals above about 1e154). Rescale y, or start"
                            + " from initialWeights nearer the data; standardize rescales the features, not y."
                    : "The gradient at the initial weights is beyond a double's range: the features times the"
                            + " residuals overflow. Rescale x or use standardize (and rescale y if it is as"
                            + " large).";
        }
        if (Double.isFinite(maxStableLearningRate)) {
            String bound = "The optimizer is stable on this data for every learningRate below "
                    + round(maxStableLearningRate)
                    + " (its bound from λmax, the largest eigenvalue the cost's Hessian can reach; for the squared"
                    + " loss, the only rates at which it converges; adagrad, rmsprop and adam have no bound, and"
                    + " get plain gd's 2/λmax)";
            if (learningRate >= maxStableLearningRate) {
                return bound + ", and " + learningRate + " is above it: try a smaller learningRate, such as "
                        + round(maxStableLearningRate / 2)
                        + ". Standardizing the features lowers λmax and allows larger steps.";
            }
            return bound + "; " + learningRate + " is below it, so the schedule or an adaptive optimizer"
                    + " amplified the steps: try a smaller learningRate, a decaying schedule, or clipNorm.";
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
        return "the fit diverged after " + epoch + " epochs: " + what(cause) + " (learning rate " + learningRate
                + ", last finite cost " + lastFiniteCost + ")";
    }

    /** What gave the divergence away, in words that follow "the fit diverged: ". */
    public static String what(Cause cause) {
        return switch (cause) {
            case NOT_FINITE -> "the cost is no longer finite";
            case GREW ->
                "the cost grew to more than " + (long) GROWTH_LIMIT
                        + " times its initial value and the cost of predicting a constant";
            case ROSE -> "the cost ended above its initial value";
            case RISING -> "the cost was still rising at a learning rate above the optimizer's stable rate";
        };
    }
}
