package dev.gradfit.fitting.train;

/**
 * Watches the costs and gradients of one fit and throws {@link FitDivergedException} when they run away:
 * a cost or gradient that is not finite, or a cost above {@value FitDivergedException#GROWTH_LIMIT} times
 * the initial one (a fit that grows that much has left the basin; waiting for the overflow wastes
 * epochs). A fit starting at zero cost is judged on finiteness alone.
 */
final class DivergenceGuard {

    private final double learningRate;
    private double initialCost = Double.NaN;
    private double lastFiniteCost = Double.NaN;

    DivergenceGuard(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Checks the cost after {@code epoch} epochs. */
    void checkCost(int epoch, double cost) {
        if (!Double.isFinite(cost)) {
            throw diverged(epoch, FitDivergedException.Cause.NOT_FINITE);
        }
        lastFiniteCost = cost;
        if (Double.isNaN(initialCost)) {
            initialCost = cost;
        } else if (initialCost > 0 && cost > FitDivergedException.GROWTH_LIMIT * initialCost) {
            throw diverged(epoch, FitDivergedException.Cause.GREW);
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

    private FitDivergedException diverged(int epoch, FitDivergedException.Cause cause) {
        return new FitDivergedException(epoch, cause, lastFiniteCost, learningRate, Double.NaN);
    }
}
