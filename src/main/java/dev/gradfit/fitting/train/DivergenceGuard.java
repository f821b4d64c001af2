package dev.gradfit.fitting.train;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.objective.Objective;
import java.util.function.DoubleSupplier;

/**
 * Watches the costs and gradients of one fit and throws {@link FitDivergedException} when they run away,
 * during the fit and once more when it stops, so that no stop reason ({@code EPOCHS}, {@code CONVERGED},
 * {@code EARLY_STOPPED}, {@code TIME_BUDGET}) is ever given to a fit that diverged.
 *
 * <p>The costs are measured against two levels: the starting cost {@code J₀}, and the <em>null cost</em>
 * {@code V}, the cost of a model that predicts a constant (the better of the weighted mean of y, for a log-link
 * loss the null model's intercept {@code log(Σ sᵢyᵢ / Σ sᵢe^oᵢ)}, and 0, with
 * all coefficients 0; for the squared loss that is the weighted variance of y; for the softmax loss, the better
 * of all-zero weights and the class frequencies, {@link #constantSoftmax}). {@code V} is a scale of the
 * data that does not depend on where the fit starts, so a fit warm-started at the optimum, whose {@code J₀}
 * may be 1e-19, is not called diverged for the first steps of an adaptive optimizer.
 *
 * <ul>
 *   <li>{@link FitDivergedException.Cause#NOT_FINITE}: a cost or gradient is infinite or NaN.
 *   <li>{@link FitDivergedException.Cause#GREW}: during the fit, a cost above
 *       {@value FitDivergedException#GROWTH_LIMIT} times both {@code J₀} and {@code V} (a fit that grows
 *       that much has left the basin; waiting for the overflow wastes epochs).
 *   <li>{@link FitDivergedException.Cause#ROSE}: when the fit stops, a last cost above both {@code J₀} and
 *       {@value #ROSE_FLOOR}·{@code V}: the fit made its model worse than where it started.
 *   <li>{@link FitDivergedException.Cause#RISING}: when the fit stops, a last cost above the one before it
 *       with a last learning rate above the optimizer's stable rate (known for gd, momentum and nesterov
 *       on the squared loss with full batches, see
 *       {@link dev.gradfit.fitting.optimizer.StableLearningRate}): growth that would go on.
 * </ul>
 *
 * A log-link fit without initial weights starts from its null model ({@link Trainer#withStart}), so that there
 * {@code J₀} is the null model's cost and {@code ROSE} refuses a fit that ends worse than the null model. A start
 * the caller gave is judged as it is: a descent that ends below it but still above {@code V} has not diverged, it
 * has not yet arrived (the tutorial's descent from zeros is one).
 *
 * <p>With {@code J₀ = V = 0} (a start at a perfect fit of constant targets) only finiteness is judged.
 * Comparisons leave {@value #ROUNDING} of relative room, so a cost equal to another but for rounding is not
 * above it.
 */
final class DivergenceGuard {

    /** The share of the null cost a fit may end above its start by, for the steps around an optimum it started at. */
    static final double ROSE_FLOOR = 1e-3;

    /** Relative room for rounding in "above". */
    static final double ROUNDING = 1e-12;

    private final double learningRate;
    private final DoubleSupplier nullCostSource;
    private final DoubleSupplier stableRateSource;
    private double nullCost = Double.NaN;
    private double stableRate = Double.NaN;
    private boolean stableRateKnown;
    private double initialCost = Double.NaN;
    private double previousCost = Double.NaN;
    private double lastFiniteCost = Double.NaN;

    /**
     * @param learningRate the fit's initial learning rate, reported with a divergence
     * @param nullCost computes {@code V}; asked at most once, and only when a cost exceeds a level set by {@code J₀}
     * @param stableRate computes the optimizer's stable learning rate, NaN when none is known; asked at most
     *     once, only for a fit that stops with a rising cost
     */
    DivergenceGuard(double learningRate, DoubleSupplier nullCost, DoubleSupplier stableRate) {
        this.learningRate = learningRate;
        this.nullCostSource = nullCost;
        this.stableRateSource = stableRate;
    }

    /**
     * {@code V} for an objective: the smaller of its values at all-zero weights and at the intercept
     * {@code targetMean} with zero coefficients (NaN {@code targetMean}: the first only). The penalty is zero
     * there, since it never falls on the intercept.
     */
    static DoubleSupplier nullCost(Objective objective, double targetMean) {
        return () -> {
            double[] constant = new double[objective.dimension()];
            double atZero = objective.value(constant);
            if (Double.isNaN(targetMean)) {
                return atZero;
            }
            constant[0] = targetMean;
            double atMean = objective.value(constant);
            return Double.isFinite(atMean) ? Math.min(atZero, atMean) : atZero;
        };
    }

    /**
     * {@code V} for a softmax objective: the smaller of its values at all-zero weights and at the constant
     * model {@code constant} (NaN: the first only). The penalty is zero at both.
     */
    static DoubleSupplier nullCost(Objective objective, double[] constant) {
        if (constant == null) {
            return nullCost(objective, Double.NaN);
        }
        return () -> {
            double atZero = objective.value(new double[objective.dimension()]);
            double atConstant = objective.value(constant);
            return Double.isFinite(atConstant) ? Math.min(atZero, atConstant) : atZero;
        };
    }

    /**
     * The constant softmax model: intercepts the logarithms of the classes' weighted frequencies, centred to
     * sum to zero, and all coefficients 0; it predicts every row with the classes' frequencies, the best a
     * model without features can do. {@code null} when some class has no weight (its logarithm is −∞).
     */
    static double[] constantSoftmax(Dataset data, SoftmaxLoss loss) {
        int classes = loss.classes();
        double[] frequencies = new double[classes];
        for (int i = 0; i < data.rows(); i++) {
            double y = data.target(i);
            if (!loss.acceptsTarget(y)) {
                return null;
            }
            frequencies[(int) y] += data.sampleWeight(i);
        }
        double[] logs = new double[classes];
        double mean = 0.0;
        for (int k = 0; k < classes; k++) {
            if (!(frequencies[k] > 0)) {
                return null;
            }
            logs[k] = Math.log(frequencies[k] / data.weightSum());
            mean += logs[k] / classes;
        }
        int block = data.columns() + 1;
        double[] constant = new double[classes * block];
        for (int k = 0; k < classes; k++) {
            constant[k * block] = logs[k] - mean;
        }
        return constant;
    }

    /** Checks the cost after {@code epoch} epochs. */
    void checkCost(int epoch, double cost) {
        if (!Double.isFinite(cost)) {
            throw diverged(epoch, FitDivergedException.Cause.NOT_FINITE);
        }
        previousCost = lastFiniteCost;
        lastFiniteCost = cost;
        if (Double.isNaN(initialCost)) {
            initialCost = cost;
        } else if (cost > FitDivergedException.GROWTH_LIMIT * initialCost) {
            double level = Math.max(initialCost, nullCost());
            if (level > 0 && cost > FitDivergedException.GROWTH_LIMIT * level) {
                throw diverged(epoch, FitDivergedException.Cause.GREW);
            }
        }
    }

    /** Checks a gradient computed during epoch {@code epoch + 1}, at the weights after {@code epoch} epochs. */
    void checkGradient(int epoch, double[] gradient) {
        for (double g : gradient) {
            if (!Double.isFinite(g)) {
                throw diverged(epoch, FitDivergedException.Cause.NOT_FINITE);
            }
        }
    }

    /**
     * Checks, for a line search, that the squared length of the gradient is a double: its slope along any step is
     * computed from it, and past about 1e154 per component that overflows, so that no step would seem to lower the
     * cost and the fit would stop as if at a minimum. Such a gradient is not a minimum but a cost whose scale
     * doubles cannot carry; standardizing the features, or scaling y, brings it back.
     */
    void checkGradientLength(int epoch, double[] gradient) {
        double squares = 0.0;
        for (double g : gradient) {
            squares += g * g;
        }
        if (!Double.isFinite(squares)) {
            throw diverged(epoch, FitDivergedException.Cause.NOT_FINITE);
        }
    }

    /**
     * Checks a fit that is about to stop after {@code epoch} epochs with the cost last given to {@link
     * #checkCost}, the last epoch having run at {@code lastLearningRate}.
     */
    void checkFinish(int epoch, double lastLearningRate) {
        if (epoch == 0) {
            return;
        }
        double cost = lastFiniteCost;
        if (above(cost, initialCost)) {
            double level = Math.max(initialCost, ROSE_FLOOR * nullCost());
            if (level > 0 && above(cost, level)) {
                throw diverged(epoch, FitDivergedException.Cause.ROSE);
            }
        }
        if (above(cost, previousCost) && lastLearningRate > stableRate()) {
            throw diverged(epoch, FitDivergedException.Cause.RISING);
        }
    }

    private static boolean above(double cost, double level) {
        return cost > level + ROUNDING * Math.abs(level);
    }

    private double nullCost() {
        if (Double.isNaN(nullCost)) {
            double value = nullCostSource.getAsDouble();
            // A null cost that is not finite says nothing about the scale: judge against the start alone.
            nullCost = Double.isFinite(value) ? value : 0.0;
        }
        return nullCost;
    }

    /** The optimizer's stable rate, or NaN (so that no rate is above it) when not known. */
    private double stableRate() {
        if (!stableRateKnown) {
            stableRate = stableRateSource.getAsDouble();
            stableRateKnown = true;
        }
        return stableRate;
    }

    private FitDivergedException diverged(int epoch, FitDivergedException.Cause cause) {
        return new FitDivergedException(epoch, cause, lastFiniteCost, learningRate, Double.NaN);
    }
}
