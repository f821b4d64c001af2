package dev.gradfit.fitting.core;

import java.util.Arrays;

/**
 * The parameters of a linear model {@code y' = intercept + Σ coefficients[j]·x[j]}.
 *
 * @param intercept the bias term ({@code b0} in the tutorial)
 * @param coefficients one slope per feature ({@code b} in the tutorial)
 */
public record Weights(double intercept, double[] coefficients) {

    public Weights {
        coefficients = coefficients.clone();
    }

    /** All weights zero, the tutorial's starting point. */
    public static Weights zeros(int features) {
        return new Weights(0.0, new double[features]);
    }

    /** Packs into the layout the optimizers work on: {@code [intercept, c0, c1, ...]}. */
    public double[] toVector() {
        double[] vector = new double[coefficients.length + 1];
        vector[0] = intercept;
        System.arraycopy(coefficients, 0, vector, 1, coefficients.length);
        return vector;
    }

    public static Weights fromVector(double[] vector) {
        return new Weights(vector[0], Arrays.copyOfRange(vector, 1, vector.length));
    }

    public int features() {
        return coefficients.length;
    }

    /** Coefficient {@code j}, without copying the array: for writing a model's weights out value by value. */
    public double coefficient(int j) {
        return coefficients[j];
    }

    /** Returns a copy; the record's own array is never exposed. */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The model's prediction for one row. */
    public double predict(double[] row) {
        double sum = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            sum += coefficients[j] * row[j];
        }
        return sum;
    }

    /**
     * The model's predictions for {@code rowMajor.length / features()} rows stored row-major.
     *
     * @throws IllegalArgumentException if the array does not hold whole rows
     */
    public double[] predictRows(double[] rowMajor) {
        int d = coefficients.length;
        if (rowMajor.length % d != 0) {
            throw new IllegalArgumentException(rowMajor.length + " values do not make rows of " + d);
        }
        double[] out = new double[rowMajor.length / d];
        for (int i = 0, base = 0; i < out.length; i++, base += d) {
            double sum = intercept;
            for (int j = 0; j < d; j++) {
                sum += coefficients[j] * rowMajor[base + j];
            }
            out[i] = sum;
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Weights w
                && Double.compare(intercept, w.intercept) == 0
                && Arrays.equals(coefficients, w.coefficients);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(intercept) + Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "Weights[intercept=" + intercept + ", coefficients=" + Arrays.toString(coefficients) + "]";
    }
}
