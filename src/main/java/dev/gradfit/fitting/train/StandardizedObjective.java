package dev.gradfit.fitting.train;

import dev.gradfit.fitting.objective.Objective;

/**
 * An objective seen through a {@link Standardizer}'s change of variables; see
 * {@link Standardizer#objective(Objective)}. One instance serves one fit at a time.
 */
final class StandardizedObjective implements Objective {

    private final Objective original;
    private final Standardizer standardizer;
    private final double[] originalWeights;

    StandardizedObjective(Objective original, Standardizer standardizer) {
        this.original = original;
        this.standardizer = standardizer;
        this.originalWeights = new double[original.dimension()];
    }

    @Override
    public int dimension() {
        return original.dimension();
    }

    @Override
    public double valueAndGradient(double[] weights, double[] gradient) {
        standardizer.toOriginal(weights, originalWeights);
        double cost = original.valueAndGradient(originalWeights, gradient);
        standardizer.gradientToStandardized(gradient);
        return cost;
    }

    @Override
    public double value(double[] weights) {
        standardizer.toOriginal(weights, originalWeights);
        return original.value(originalWeights);
    }

    @Override
    public int outputs() {
        return original.outputs();
    }

    @Override
    public int rows() {
        return original.rows();
    }

    @Override
    public boolean supportsBatches() {
        return original.supportsBatches();
    }

    @Override
    public double batchValueAndGradient(double[] weights, double[] gradient, int[] rows, int from, int to) {
        standardizer.toOriginal(weights, originalWeights);
        double cost = original.batchValueAndGradient(originalWeights, gradient, rows, from, to);
        standardizer.gradientToStandardized(gradient);
        return cost;
    }

    @Override
    public String toString() {
        return "StandardizedObjective[" + original + "]";
    }
}
