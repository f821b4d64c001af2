package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.loss.Regularization;

/**
 * Any objective plus an elastic-net penalty on the coefficients: {@code J(w) + R(w)}, see
 * {@link Regularization}. The penalty is added whole to full-batch and mini-batch costs alike, so that
 * a mini-batch gradient stays an unbiased estimate of the full one. The gradient is that of the smooth
 * part, L2 included and L1 left out: the optimizer takes the L1 term by its proximal step
 * ({@link dev.gradfit.fitting.optimizer.Optimizer#startProximal}).
 *
 * <p>A decorator, so that the penalty works the same over any way of computing the mean loss.
 */
public final class RegularizedObjective implements Objective {

    private final Objective base;
    private final Regularization regularization;

    private RegularizedObjective(Objective base, Regularization regularization) {
        this.base = base;
        this.regularization = regularization;
    }

    /** {@code base} itself when the penalty is zero, so that an unpenalised fit runs exactly as before. */
    public static Objective of(Objective base, Regularization regularization) {
        return regularization.isActive() ? new RegularizedObjective(base, regularization) : base;
    }

    @Override
    public int dimension() {
        return base.dimension();
    }

    @Override
    public double valueAndGradient(double[] weights, double[] gradient) {
        double value = base.valueAndGradient(weights, gradient);
        regularization.addSmoothGradient(weights, gradient, base.outputs());
        return value + regularization.penalty(weights, base.outputs());
    }

    @Override
    public double value(double[] weights) {
        return base.value(weights) + regularization.penalty(weights, base.outputs());
    }

    @Override
    public int outputs() {
        return base.outputs();
    }

    @Override
    public int rows() {
        return base.rows();
    }

    @Override
    public boolean supportsBatches() {
        return base.supportsBatches();
    }

    @Override
    public double batchValueAndGradient(double[] weights, double[] gradient, int[] rows, int from, int to) {
        double value = base.batchValueAndGradient(weights, gradient, rows, from, to);
        regularization.addSmoothGradient(weights, gradient, base.outputs());
        return value + regularization.penalty(weights, base.outputs());
    }

    @Override
    public String toString() {
        return "RegularizedObjective[" + base + ", " + regularization + "]";
    }
}
