package dev.gradfit.fitting.train;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.SparseRows;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.objective.CompensatedSquaredObjective;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.ObjectiveFactory;
import java.util.Arrays;

/**
 * Z-scores the features of a dataset, and maps weights between the original and the standardized space.
 *
 * <p>Feature {@code j} becomes {@code zⱼ = (xⱼ − μⱼ) / σⱼ}, where {@code μⱼ} is the column's mean and
 * {@code σⱼ = √(Σ sᵢ·(xᵢⱼ − μⱼ)² / Σ sᵢ)} its spread about that centre, both weighted by the sample
 * weights {@code sᵢ} (all 1 without them), so that every standardized column has weighted mean 0 and
 * mean square 1. The targets are left alone: the cost stays in the units of y.
 *
 * <p>Without an intercept a shift of the features cannot be absorbed, so the standardizer scales but does
 * not centre: {@code μⱼ = 0} and {@code σⱼ} is the column's root mean square. A column with {@code σⱼ = 0}
 * (constant, or all zero without centring) keeps the scale 1, as scikit-learn's {@code StandardScaler}
 * does; so does, when centring, a column whose spread is at the level of rounding of its values
 * ({@link #atRoundingLevel}), which is constant but for rounding.
 *
 * <p>The model {@code a + Σ βⱼ·zⱼ} in standardized space is the model {@code b0 + Σ cⱼ·xⱼ} with
 * {@code cⱼ = βⱼ / σⱼ} and {@code b0 = a − Σ cⱼ·μⱼ}: predictions, and so the data term of the cost, are the
 * same in both spaces. A penalty on the coefficients is not: L1 and L2 act on {@code β}, the coefficients
 * the optimizer sees (as in scikit-learn when the data are scaled before the estimator).
 *
 * <p>Immutable and thread-safe.
 */
public final class Standardizer {

    /** A spread of this many units in the last place of a column's largest value, or less, is rounding. */
    public static final int ROUNDING_ULPS = 4;

    private final double[] means;
    private final double[] scales;
    private final boolean[] constant;

    private Standardizer(double[] means, double[] scales, boolean[] constant) {
        this.means = means;
        this.scales = scales;
        this.constant = constant;
    }

    /**
     * Measures the columns of {@code data}.
     *
     * @param centre whether to subtract the mean; pass the fit's {@code fitIntercept}
     */
    public static Standardizer of(Dataset data, boolean centre) {
        if (data.isSparse()) {
            return ofSparse(data, centre);
        }
        int n = data.rows();
        int d = data.columns();
        double total = data.weightSum();
        double[] means = new double[d];
        double[] scales = new double[d];
        boolean[] constants = new boolean[d];
        for (int j = 0; j < d; j++) {
            double mean = 0.0;
            if (centre) {
                double sum = 0.0;
                for (int i = 0; i < n; i++) {
                    sum += data.sampleWeight(i) * data.feature(i, j);
                }
                mean = sum / total;
                // A second pass removes the rounding error of the first (Björck, Numerical Methods for
                // Least Squares Problems, §2.2.2), which matters when the mean dwarfs the spread, as it
                // does for Longley's years.
                double correction = 0.0;
                for (int i = 0; i < n; i++) {
                    correction += data.sampleWeight(i) * (data.feature(i, j) - mean);
                }
                mean += correction / total;
            }
            double sumSquares = 0.0;
            double magnitude = 0.0;
            for (int i = 0; i < n; i++) {
                double deviation = data.feature(i, j) - mean;
                sumSquares += data.sampleWeight(i) * deviation * deviation;
                magnitude = Math.max(magnitude, Math.abs(data.feature(i, j)));
            }
            double scale = Math.sqrt(sumSquares / total);
            means[j] = mean;
            boolean constant = !(scale > 0) || !Double.isFinite(scale) || centre && atRoundingLevel(scale, magnitude);
            scales[j] = constant ? 1.0 : scale;
            constants[j] = constant;
        }
        return new Standardizer(means, scales, constants);
    }

    /**
     * {@link #of} for sparse rows, from their stored values alone: a row that leaves column {@code j} out holds 0
     * there, so it adds {@code sᵢ·(0 − μⱼ)} to the correction and {@code sᵢ·μⱼ²} to the sum of squares, which
     * are summed once for all such rows from their total weight. The same two passes, with the sums in another
     * order.
     */
    private static Standardizer ofSparse(Dataset data, boolean centre) {
        int d = data.columns();
        double total = data.weightSum();
        SparseRows rows = data.sparseRows();
        int[] column = rows.columnIndex();
        double[] value = rows.values();
        double[] sums = new double[d];
        double[] storedWeight = new double[d];
        double[] magnitudes = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            double s = data.sampleWeight(i);
            for (int k = rows.rowStart()[i]; k < rows.rowStart()[i + 1]; k++) {
                sums[column[k]] += s * value[k];
                storedWeight[column[k]] += s;
                magnitudes[column[k]] = Math.max(magnitudes[column[k]], Math.abs(value[k]));
            }
        }
        double[] means = new double[d];
        if (centre) {
            double[] corrections = new double[d];
            for (int j = 0; j < d; j++) {
                means[j] = sums[j] / total;
            }
            for (int i = 0; i < data.rows(); i++) {
                double s = data.sampleWeight(i);
                for (int k = rows.rowStart()[i]; k < rows.rowStart()[i + 1]; k++) {
                    corrections[column[k]] += s * (value[k] - means[column[k]]);
                }
            }
            for (int j = 0; j < d; j++) {
                means[j] += (corrections[j] - (total - storedWeight[j]) * means[j]) / total;
            }
        }
        double[] sumSquares = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            double s = data.sampleWeight(i);
            for (int k = rows.rowStart()[i]; k < rows.rowStart()[i + 1]; k++) {
                double deviation = value[k] - means[column[k]];
                sumSquares[column[k]] += s * deviation * deviation;
            }
        }
        double[] scales = new double[d];
        boolean[] constants = new boolean[d];
        for (int j = 0; j < d; j++) {
            double unstored = Math.max(0.0, total - storedWeight[j]);
            double scale = Math.sqrt((sumSquares[j] + unstored * means[j] * means[j]) / total);
            boolean constant =
                    !(scale > 0) || !Double.isFinite(scale) || centre && atRoundingLevel(scale, magnitudes[j]);
            scales[j] = constant ? 1.0 : scale;
            constants[j] = constant;
        }
        return new Standardizer(means, scales, constants);
    }

    /**
     * Whether a column of values up to {@code magnitude} whose spread about its mean is {@code spread} varies
     * only at the level of rounding: by at most {@value #ROUNDING_ULPS} units in the last place of its
     * largest value. Such a column carries no more than a couple of bits, noise of the decimal-to-binary
     * conversion as often as not, and dividing by its spread turns that noise into coefficients of 1e12.
     */
    public static boolean atRoundingLevel(double spread, double magnitude) {
        return spread <= ROUNDING_ULPS * Math.ulp(magnitude);
    }

    /**
     * The columns the standardizer leaves unscaled, as constant: those whose spread is 0 or, when it centres,
     * at the level of rounding ({@link #atRoundingLevel}); ascending.
     */
    public int[] constantColumns() {
        return java.util.stream.IntStream.range(0, scales.length)
                .filter(j -> constant[j])
                .toArray();
    }

    /**
     * The same points with standardized features, dense (centring fills in the zeros of sparse rows); targets,
     * sample weights and offsets are shared, not copied.
     */
    public Dataset transform(Dataset data) {
        int d = means.length;
        if (data.columns() != d) {
            throw new IllegalArgumentException("the data has " + data.columns() + " features, the standardizer " + d);
        }
        double[] out = new double[Math.multiplyExact(data.rows(), d)];
        for (int i = 0, base = 0; i < data.rows(); i++, base += d) {
            data.copyRow(i, out, base);
            for (int j = 0; j < d; j++) {
                out[base + j] = (out[base + j] - means[j]) / scales[j];
            }
        }
        return new Dataset(out, d, data.targets(), data.sampleWeights(), data.offsets());
    }

    /** Standardizes one row of features in place, as {@link #transform} does every row. */
    public void transformRow(double[] row) {
        for (int j = 0; j < means.length; j++) {
            row[j] = (row[j] - means[j]) / scales[j];
        }
    }

    /**
     * Weights in standardized space that predict what {@code original} predicts on the original data; each
     * output of a multi-output model is mapped alike.
     */
    public Weights toStandardized(Weights original) {
        requireFeatures(original.features());
        return map(original, true);
    }

    /** Weights in the original units that predict what {@code standardized} predicts on the z-scores. */
    public Weights toOriginal(Weights standardized) {
        requireFeatures(standardized.features());
        return map(standardized, false);
    }

    private Weights map(Weights weights, boolean toStandardized) {
        int d = means.length;
        double[] vector = weights.toVector();
        double[] out = new double[vector.length];
        for (int from = 0; from < vector.length; from += d + 1) {
            for (int j = 0; j < d; j++) {
                out[from + 1 + j] =
                        toStandardized ? vector[from + 1 + j] * scales[j] : vector[from + 1 + j] / scales[j];
            }
            double[] c = toStandardized ? vector : out;
            out[from] = shiftedIntercept(vector[from], c, from + 1, toStandardized ? 1.0 : -1.0);
        }
        return Weights.fromVector(out, weights.outputs());
    }

    /**
     * The same fit with its weights, and the weights of its snapshots, in the original units; costs are
     * the same in both spaces and stay as they are.
     */
    public FitResult toOriginal(FitResult result) {
        return new FitResult(
                toOriginal(result.weights()),
                result.cost(),
                result.costHistory(),
                result.costHistoryStride(),
                result.epochs(),
                result.stopReason(),
                result.learningRateHistory(),
                result.validationCostHistory(),
                result.snapshots().stream()
                        .map(s -> new Snapshot(s.epoch(), toOriginal(s.weights()), s.cost()))
                        .toList());
    }

    /**
     * The objective {@code J_z(a, β) = J(toOriginal(a, β))}: the same cost, seen from standardized weights,
     * evaluated on the original data.
     *
     * <p>This is standardization as a change of variables rather than a change of data. Gradient descent
     * on it takes exactly the steps it would take on {@link #transform transformed} data, but the data are
     * never rounded to z-scores: that rounding, about {@code ε·|zᵢⱼ|} per value, is the same size as the
     * error a plain-double gradient makes, so with an accurate {@code original} (such as
     * {@link CompensatedSquaredObjective}) only this form keeps the accuracy. On NIST's Wampler5, descent
     * on transformed data stops at about 6 correct digits whatever the objective; on this one it reaches
     * 10. It also needs no copy of the features.
     *
     * @param original an objective on the original data, {@code [intercept, c0, c1, ...]}
     */
    public Objective objective(Objective original) {
        if (original.dimension() != original.outputs() * (means.length + 1)) {
            throw new IllegalArgumentException("the objective takes " + original.dimension() + " weights, the"
                    + " standardizer " + original.outputs() + " × " + (means.length + 1));
        }
        return new StandardizedObjective(original, this);
    }

    /**
     * Runs a fit in standardized space and reports it in the original one: the initial weights, when given, are
     * mapped in (the trainer's default start is the same in both spaces), the trainer descends on
     * {@link #objectives objectives seen through this standardizer}, and the weights and snapshots are
     * mapped back. Costs, histories and the stop reason are the same in both spaces.
     *
     * @param objectives how the trainer computes the mean loss on the original data
     * @throws FitDivergedException if the fit runs away; a stability bound in it refers to the standardized
     *     features, which are what the learning rate acts on
     */
    public FitResult fit(Dataset data, Hyperparameters hyperparameters, int historyLimit, ObjectiveFactory objectives) {
        return fit(data, hyperparameters, historyLimit, objectives, EpochObserver.NONE);
    }

    /**
     * Fits as {@link #fit(Dataset, Hyperparameters, int, ObjectiveFactory)} does, reporting every epoch to
     * {@code observer} with its weights in the original units.
     *
     * @throws FitCanceledException if the observer cancels the fit
     */
    public FitResult fit(
            Dataset data,
            Hyperparameters hyperparameters,
            int historyLimit,
            ObjectiveFactory objectives,
            EpochObserver observer) {
        // No start stays no start: the trainer's default one (zeros, or a log link's null model) has
        // coefficients 0, which are the same weights in both spaces.
        Hyperparameters inside = hyperparameters.initialWeights() == null
                ? hyperparameters
                : hyperparameters.toBuilder()
                        .initialWeights(toStandardized(hyperparameters.startFor(means.length)))
                        .build();
        EpochObserver seen = observer == EpochObserver.NONE ? observer : new InOriginalUnits(observer);
        // The trainer measures the stable learning rate on the standardized features: the steps act on them.
        return toOriginal(
                new Trainer(historyLimit, objectives(objectives), this::transformRow).fit(data, inside, seen));
    }

    /**
     * Objectives of {@code original}'s kind, each seen through {@link #objective}: hand this to a
     * {@link Trainer} and it descends in standardized space. Since the trainer adds regularization around
     * what the factory returns, L1 and L2 then act on the standardized coefficients.
     */
    public ObjectiveFactory objectives(ObjectiveFactory original) {
        return (data, loss, fitIntercept, fullBatch) -> objective(original.create(data, loss, fitIntercept, fullBatch));
    }

    /**
     * Writes the original-space vector of the standardized vector {@code z} into {@code out}, block by block
     * when it holds several outputs.
     */
    void toOriginal(double[] z, double[] out) {
        int d = means.length;
        for (int from = 0; from < z.length; from += d + 1) {
            for (int j = 0; j < d; j++) {
                out[from + 1 + j] = z[from + 1 + j] / scales[j];
            }
            out[from] = shiftedIntercept(z[from], out, from + 1, -1.0);
        }
    }

    /**
     * Turns {@code ∇J} with respect to the original weights into the gradient with respect to the
     * standardized ones, in place: {@code ∂/∂a = ∂J/∂b0} and {@code ∂/∂βⱼ = (∂J/∂cⱼ − μⱼ·∂J/∂b0) / σⱼ}.
     */
    void gradientToStandardized(double[] gradient) {
        for (int from = 0; from < gradient.length; from += means.length + 1) {
            for (int j = 0; j < means.length; j++) {
                gradient[from + 1 + j] = Math.fma(-means[j], gradient[from], gradient[from + 1 + j]) / scales[j];
            }
        }
    }

    /** The centre {@code μⱼ} of each column (all 0 when not centring). */
    public double[] means() {
        return means.clone();
    }

    /** The scale {@code σⱼ} of each column. */
    public double[] scales() {
        return scales.clone();
    }

    private void requireFeatures(int features) {
        if (features != means.length) {
            throw new IllegalArgumentException(
                    "the weights have " + features + " coefficients, the standardizer " + means.length);
        }
    }

    /**
     * {@code intercept + sign·Σ cⱼ·μⱼ} with {@code cⱼ = c[j + offset]}, accurately: the shift can be many orders of magnitude larger than
     * the result (Wampler: terms near 1e6 summing to an intercept of 1), so each product is split into its
     * rounded value and its exact rounding error ({@code Math.fma}) and everything is added with Neumaier's
     * compensated summation (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, §4.3).
     */
    private double shiftedIntercept(double intercept, double[] c, int offset, double sign) {
        double sum = intercept;
        double compensation = 0.0;
        for (int j = 0; j < means.length; j++) {
            double cj = sign * c[j + offset];
            double product = cj * means[j];
            double error = Math.fma(cj, means[j], -product);
            double t = sum + product;
            compensation += Math.abs(sum) >= Math.abs(product) ? (sum - t) + product : (product - t) + sum;
            sum = t;
            compensation += error;
        }
        return sum + compensation;
    }

    /** Hands an observer the standardized fit's epochs with their weights mapped to the original units. */
    private final class InOriginalUnits implements EpochObserver, EpochObserver.Epoch {

        private final EpochObserver observer;
        private Epoch standardized;

        InOriginalUnits(EpochObserver observer) {
            this.observer = observer;
        }

        @Override
        public boolean afterEpoch(Epoch epoch) {
            standardized = epoch;
            return observer.afterEpoch(this);
        }

        @Override
        public int number() {
            return standardized.number();
        }

        @Override
        public double cost() {
            return standardized.cost();
        }

        @Override
        public double learningRate() {
            return standardized.learningRate();
        }

        @Override
        public Weights weights() {
            return toOriginal(standardized.weights());
        }
    }

    @Override
    public String toString() {
        return "Standardizer[means=" + Arrays.toString(means) + ", scales=" + Arrays.toString(scales) + "]";
    }
}
