package dev.gradfit.fitting.core;

import java.util.Arrays;

/**
 * The parameters of a linear model with {@code K ≥ 1} outputs: output {@code k} is the score
 * {@code z_k = intercept(k) + Σ coefficient(k, j)·x[j]}. One output ({@code K = 1}) is the model of every
 * pointwise loss, {@code y' = intercept + Σ coefficients[j]·x[j]}; {@code K} outputs are the class scores
 * of the softmax loss, one row of weights per class.
 *
 * <p>The flat vector the optimizers work on ({@link #toVector}) is {@code K} blocks of {@code d + 1}:
 * {@code [b_0, c_00, ..., c_0(d−1), b_1, c_10, ...]}; for {@code K = 1} that is {@code [intercept, c0, c1,
 * ...]}. The single-output accessors ({@link #intercept()}, {@link #coefficients()}, {@link #coefficient(int)},
 * {@link #predict}, {@link #predictRows}) are for {@code K = 1} and throw {@link IllegalStateException}
 * otherwise; the per-output ones ({@link #intercept(int)}, {@link #coefficients(int)}, {@link #scores}) serve
 * every {@code K}.
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class Weights {

    private final int outputs;
    private final int features;
    /** {@code K} blocks {@code [b_k, c_k0, ..., c_k(d−1)]}, the layout of {@link #toVector}. */
    private final double[] vector;

    private Weights(int outputs, double[] vector) {
        if (outputs < 1 || vector.length % outputs != 0 || vector.length / outputs < 1) {
            throw new IllegalArgumentException(
                    vector.length + " values do not make " + outputs + " blocks of an intercept and coefficients");
        }
        this.outputs = outputs;
        this.features = vector.length / outputs - 1;
        this.vector = vector;
    }

    /**
     * One output.
     *
     * @param intercept the bias term ({@code b0} in the tutorial)
     * @param coefficients one slope per feature ({@code b} in the tutorial)
     */
    public Weights(double intercept, double[] coefficients) {
        this(1, block(intercept, coefficients));
    }

    /**
     * {@code K = intercepts.length} outputs, one row of coefficients each.
     *
     * @throws IllegalArgumentException if the rows differ in length from each other or from the intercepts
     */
    public static Weights ofRows(double[] intercepts, double[][] coefficients) {
        if (intercepts.length != coefficients.length || intercepts.length == 0) {
            throw new IllegalArgumentException(
                    intercepts.length + " intercepts for " + coefficients.length + " rows of coefficients");
        }
        int d = coefficients[0].length;
        double[] vector = new double[intercepts.length * (d + 1)];
        for (int k = 0; k < intercepts.length; k++) {
            if (coefficients[k].length != d) {
                throw new IllegalArgumentException(
                        "row " + k + " has " + coefficients[k].length + " coefficients, row 0 has " + d);
            }
            vector[k * (d + 1)] = intercepts[k];
            System.arraycopy(coefficients[k], 0, vector, k * (d + 1) + 1, d);
        }
        return new Weights(intercepts.length, vector);
    }

    /** All weights zero, the tutorial's starting point. */
    public static Weights zeros(int features) {
        return zeros(features, 1);
    }

    /** All weights of {@code outputs} outputs zero: the softmax start, whose class scores sum to zero. */
    public static Weights zeros(int features, int outputs) {
        return new Weights(outputs, new double[outputs * (features + 1)]);
    }

    /** Packs into the layout the optimizers work on: {@code K} blocks {@code [b_k, c_k0, c_k1, ...]}. */
    public double[] toVector() {
        return vector.clone();
    }

    /** One output from {@code [intercept, c0, c1, ...]}. */
    public static Weights fromVector(double[] vector) {
        return fromVector(vector, 1);
    }

    /**
     * {@code outputs} outputs from {@code outputs} blocks {@code [b_k, c_k0, c_k1, ...]}.
     *
     * @throws IllegalArgumentException if the vector does not split into that many blocks of at least 2
     */
    public static Weights fromVector(double[] vector, int outputs) {
        return new Weights(outputs, vector.clone());
    }

    /** The number of outputs {@code K}: 1, or the number of classes of a softmax model. */
    public int outputs() {
        return outputs;
    }

    public int features() {
        return features;
    }

    /** The intercept of a single-output model. */
    public double intercept() {
        requireSingle();
        return vector[0];
    }

    /** The intercept {@code b_k} of output {@code k}. */
    public double intercept(int k) {
        return vector[k * (features + 1)];
    }

    /** The intercepts of every output, a new array. */
    public double[] intercepts() {
        double[] out = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            out[k] = intercept(k);
        }
        return out;
    }

    /** The coefficients of a single-output model; a copy, the held array is never exposed. */
    public double[] coefficients() {
        requireSingle();
        return coefficients(0);
    }

    /** The coefficients of output {@code k}, a new array. */
    public double[] coefficients(int k) {
        int from = k * (features + 1) + 1;
        return Arrays.copyOfRange(vector, from, from + features);
    }

    /** Coefficient {@code j} of a single-output model, without copying: for writing weights out value by value. */
    public double coefficient(int j) {
        requireSingle();
        return vector[j + 1];
    }

    /** Coefficient {@code j} of output {@code k}. */
    public double coefficient(int k, int j) {
        return vector[k * (features + 1) + 1 + j];
    }

    /** Output {@code k} alone, as a single-output model. */
    public Weights output(int k) {
        int from = k * (features + 1);
        return new Weights(1, Arrays.copyOfRange(vector, from, from + features + 1));
    }

    /** The prediction of a single-output model for one row. */
    public double predict(double[] row) {
        requireSingle();
        return score(0, row, 0);
    }

    /** The {@code K} scores of one row. */
    public double[] scores(double[] row) {
        double[] out = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            out[k] = score(k, row, 0);
        }
        return out;
    }

    /**
     * The predictions of a single-output model for {@code rowMajor.length / features()} rows stored row-major.
     *
     * @throws IllegalArgumentException if the array does not hold whole rows
     */
    public double[] predictRows(double[] rowMajor) {
        requireSingle();
        return scoreRows(rowMajor);
    }

    /**
     * The scores of {@code n = rowMajor.length / features()} rows stored row-major: {@code n × K} values,
     * row-major ({@code out[i·K + k]} is score {@code k} of row {@code i}); for {@code K = 1}, one per row.
     *
     * @throws IllegalArgumentException if the array does not hold whole rows
     */
    public double[] scoreRows(double[] rowMajor) {
        int d = features;
        if (rowMajor.length % d != 0) {
            throw new IllegalArgumentException(rowMajor.length + " values do not make rows of " + d);
        }
        int n = rowMajor.length / d;
        double[] out = new double[n * outputs];
        for (int i = 0, base = 0; i < n; i++, base += d) {
            for (int k = 0; k < outputs; k++) {
                out[i * outputs + k] = score(k, rowMajor, base);
            }
        }
        return out;
    }

    /**
     * The same model under the softmax convention that the class scores sum to zero: the mean over the
     * outputs is subtracted from every intercept, and, when {@code coefficientsToo}, from every coefficient
     * column. Softmax probabilities depend only on differences between class scores, so the intercepts'
     * shift never changes a prediction or the data term of a cost, and the coefficients' shift does not
     * either (it only lowers an L2 penalty). A single output is returned as it is.
     *
     * <p>Finite weights stay finite: when the sum of a column overflows (intercepts of 1e308 in every class)
     * its mean is taken as the sum of the weights each divided by the number of outputs, and a column whose
     * centred weights would overflow (1.7e308 beside −1.7e308) is left as it is, the same model.
     */
    public Weights centred(boolean coefficientsToo) {
        if (outputs == 1) {
            return this;
        }
        double[] out = vector.clone();
        int block = features + 1;
        for (int j = 0; j < block; j++) {
            if (j > 0 && !coefficientsToo) {
                break;
            }
            double mean = columnMean(j, block);
            double[] centred = new double[outputs];
            boolean finite = true;
            for (int k = 0; k < outputs; k++) {
                centred[k] = vector[k * block + j] - mean;
                finite &= Double.isFinite(centred[k]) || !Double.isFinite(vector[k * block + j]);
            }
            if (finite) {
                for (int k = 0; k < outputs; k++) {
                    out[k * block + j] = centred[k];
                }
            }
        }
        return new Weights(outputs, out);
    }

    private double columnMean(int j, int block) {
        double sum = 0.0;
        for (int k = 0; k < outputs; k++) {
            sum += vector[k * block + j];
        }
        if (Double.isFinite(sum)) {
            return sum / outputs;
        }
        double scaled = 0.0;
        for (int k = 0; k < outputs; k++) {
            scaled += vector[k * block + j] / outputs;
        }
        return scaled;
    }

    private double score(int k, double[] x, int base) {
        int from = k * (features + 1);
        double sum = vector[from];
        for (int j = 0; j < features; j++) {
            sum += vector[from + 1 + j] * x[base + j];
        }
        return sum;
    }

    private void requireSingle() {
        if (outputs != 1) {
            throw new IllegalStateException(
                    "a model of " + outputs + " outputs has one intercept and row of coefficients per output");
        }
    }

    private static double[] block(double intercept, double[] coefficients) {
        double[] vector = new double[coefficients.length + 1];
        vector[0] = intercept;
        System.arraycopy(coefficients, 0, vector, 1, coefficients.length);
        return vector;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Weights w && outputs == w.outputs && Arrays.equals(vector, w.vector);
    }

    @Override
    public int hashCode() {
        return 31 * outputs + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        if (outputs == 1) {
            return "Weights[intercept=" + vector[0] + ", coefficients=" + Arrays.toString(coefficients(0)) + "]";
        }
        StringBuilder out = new StringBuilder("Weights[outputs=").append(outputs);
        for (int k = 0; k < outputs; k++) {
            out.append(", ").append(k).append(": intercept=").append(intercept(k));
            out.append(", coefficients=").append(Arrays.toString(coefficients(k)));
        }
        return out.append(']').toString();
    }
}
