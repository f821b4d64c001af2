package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.linalg.CentredMoments;
import dev.gradfit.fitting.linalg.LeastSquaresAnchor;
import dev.gradfit.fitting.linalg.ParallelChunks;
import dev.gradfit.fitting.loss.SquaredLoss;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;

/**
 * The mean squared error {@code J(w) = Σ sᵢ·(b0 + b·xᵢ − yᵢ)² / W}, {@code W = Σ sᵢ}, and its gradient,
 * computed exactly from sufficient statistics: after two passes over the data at construction, every
 * call costs {@code O(d²)} whatever the number of rows. Same objective as {@link MeanLossObjective} with
 * {@link SquaredLoss}, so gradient descent takes the same steps; the two differ only by rounding.
 *
 * <h2>The algebra</h2>
 *
 * Write {@code x̄, ȳ} for the weighted means, {@code cᵢ = xᵢ − x̄} and {@code eᵢ = yᵢ − ȳ} for the centred
 * row, and {@code C = Σ sᵢ·cᵢ·cᵢᵀ / W} for the centred covariance of the features. Since {@code Σ sᵢ·cᵢ = 0}
 * and {@code Σ sᵢ·eᵢ = 0}, the residual {@code rᵢ = b0 + b·xᵢ − yᵢ = m + b·cᵢ − eᵢ} with
 * {@code m = b0 + b·x̄ − ȳ} splits the cost into two parts:
 *
 * <pre>
 *   J(w) = m² + Q(b),      Q(b) = Σ sᵢ·(b·cᵢ − eᵢ)² / W.
 * </pre>
 *
 * {@code Q} is a quadratic in {@code b}, so its Taylor expansion around any point {@code β} is exact. With
 * {@code Δ = b − β}, the anchor residuals {@code r̂ᵢ = eᵢ − β·cᵢ}, {@code Q̂ = Σ sᵢ·r̂ᵢ² / W} and
 * {@code g = Σ sᵢ·cᵢ·r̂ᵢ / W}:
 *
 * <pre>
 *   Q(b)  = Q̂ − 2·Δ·g + Δᵀ·C·Δ
 *   ∂J/∂b0 = 2m
 *   ∂J/∂b  = 2·(m·x̄ + C·Δ − g)
 * </pre>
 *
 * With {@code β = 0} this is the textbook expansion {@code J = m² + bᵀCb − 2b·Cxy + Cyy}; it is exact, but
 * near a good fit its three terms cancel to the residual variance and leave rounding of order
 * {@code ε·Var(y)} in the cost. Anchoring at {@code β} = the least-squares slope (a Cholesky solve of
 * {@code C·β = Cxy}) and computing {@code Q̂} and {@code g} directly from the residuals makes every term
 * small where the cost is small, so the cost stays accurate to a few ulps all the way down (a perfect fit
 * reports a cost near 0, not near {@code 1e-16·Var(y)}). Any {@code β} gives the same function: the
 * anchor buys accuracy, never a different answer. Columns that the solve finds dependent get
 * {@code β_j = 0}.
 *
 * <h2>When the fast form is not trusted</h2>
 *
 * The anchor makes the three terms small only where {@code Δ} is small or {@code g} vanishes. Far from the
 * anchor with {@code g ≠ 0} (nearly collinear columns, where the solve drops a column and the minimiser
 * lies at weights of 1e7), {@code Q̂ − 2·Δ·g + ΔᵀCΔ} cancels: on six points it gave 610 for a cost of 0.022.
 * So every evaluation also sums the magnitudes {@code M = Q̂ + Σⱼ|Δⱼ|·(Σₖ|Cⱼₖ|·|Δₖ| + 2·|gⱼ|)} of what it added,
 * whose rounding bounds the error of {@code q} by about {@code (d + 8)·ε·M}. When that bound exceeds
 * {@value #RELATIVE_ACCURACY} of the cost (or, for costs near 0, {@value #ABSOLUTE_ACCURACY} of the
 * variance of y), the evaluation is done directly from the rows instead, in double-double
 * ({@link CompensatedSquaredObjective}, one pass over the data, about five times an epoch of the direct
 * loop), cost and gradient together. Every cost this objective returns is therefore the cost of its weights
 * to about {@value #RELATIVE_ACCURACY} relative (beyond the rounding of the statistics themselves, sums
 * of positive terms over the rows), whichever way it was computed.
 *
 * <p>Without an intercept ({@code fitIntercept = false}) the intercept's gradient is held at zero, so
 * {@code b0} keeps its initial value and {@code m} includes it, exactly as in {@link MeanLossObjective}.
 *
 * <p>Statistics: {@link CentredMoments} (centred sums, never raw {@code Σ x²}) and one pass for the
 * anchor residuals, both over fixed chunks, so the result is the same bits for any pool size.
 */
public final class SufficientStatisticsObjective implements Objective {

    /** A column whose Cholesky pivot falls below this share of its variance counts as dependent. */
    private static final double PIVOT_TOLERANCE = 1e-12;

    /**
     * The relative accuracy every returned cost keeps by the worst-case bound; beyond it the cost is computed
     * from the rows. The bound grows with the features ((d + 8)·ε per magnitude), so a tighter promise sends a
     * wide fit near its minimum to the direct pass at every epoch; the cost a fit reports at its end is
     * computed from its returned weights in compensated arithmetic either way.
     */
    static final double RELATIVE_ACCURACY = 1e-6;

    /** For costs near 0: the accuracy, as a share of the variance of y, below which rounding is ignored. */
    static final double ABSOLUTE_ACCURACY = 1e-24;

    private final Dataset data;
    private final double roundingPerMagnitude;
    private final double absoluteSlack;
    /** The direct evaluation, made on first need. */
    private CompensatedSquaredObjective direct;

    private final int features;
    private final boolean fitIntercept;
    private final double[] featureMean;
    private final double[] featureMeanLow;
    private final double targetMean;
    private final double targetMeanLow;
    /** {@code C}, {@code d × d} row-major. */
    private final double[] covariance;

    private final double[] anchor;
    private final double anchorCost;
    private final double[] anchorGradient;
    private final double[] delta;
    private final int rows;

    /** An objective that fits the intercept, with statistics gathered on the shared kernel pool. */
    public SufficientStatisticsObjective(Dataset data) {
        this(data, true);
    }

    public SufficientStatisticsObjective(Dataset data, boolean fitIntercept) {
        this(data, fitIntercept, ParallelChunks.sharedPool());
    }

    /** Gathers the statistics of {@code data} on {@code pool} (and the calling thread). */
    public SufficientStatisticsObjective(Dataset data, boolean fitIntercept, ForkJoinPool pool) {
        int d = data.columns();
        int p = d + 1;
        CentredMoments moments = CentredMoments.of(data, pool);
        double total = data.weightSum();
        this.data = data;
        this.features = d;
        this.fitIntercept = fitIntercept;
        this.roundingPerMagnitude = (d + 8) * Math.ulp(1.0);
        this.absoluteSlack = ABSOLUTE_ACCURACY * moments.comoment[d * p + d] / total;
        this.rows = data.rows();
        this.featureMean = java.util.Arrays.copyOf(moments.mean, d);
        this.featureMeanLow = java.util.Arrays.copyOf(moments.meanLow, d);
        this.targetMean = moments.mean[d];
        this.targetMeanLow = moments.meanLow[d];
        this.covariance = new double[d * d];
        double[] crossMoment = new double[d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                covariance[j * d + k] = moments.comoment[j * p + k] / total;
            }
            crossMoment[j] = moments.comoment[j * p + d];
        }
        this.anchor = LeastSquaresAnchor.slope(moments.comoment, d, PIVOT_TOLERANCE);
        double[] atAnchor = LeastSquaresAnchor.residualSums(data, moments, anchor, pool);
        this.anchorCost = atAnchor[0] / total;
        this.anchorGradient = new double[d];
        for (int j = 0; j < d; j++) {
            anchorGradient[j] = atAnchor[j + 1] / total;
        }
        this.delta = new double[d];
    }

    @Override
    public int dimension() {
        return features + 1;
    }

    @Override
    public double valueAndGradient(double[] weights, double[] gradient) {
        checkNotInterrupted();
        int d = features;
        double m = offset(weights);
        double q = anchorCost;
        double magnitude = anchorCost;
        for (int j = 0; j < d; j++) {
            delta[j] = weights[j + 1] - anchor[j];
        }
        for (int j = 0; j < d; j++) {
            double cDelta = 0.0;
            double cDeltaSize = 0.0;
            for (int k = 0, row = j * d; k < d; k++) {
                double term = covariance[row + k] * delta[k];
                cDelta += term;
                cDeltaSize += Math.abs(term);
            }
            q += delta[j] * (cDelta - 2.0 * anchorGradient[j]);
            magnitude += Math.abs(delta[j]) * (cDeltaSize + 2.0 * Math.abs(anchorGradient[j]));
            gradient[j + 1] = 2.0 * (m * featureMean[j] + (m * featureMeanLow[j] + cDelta - anchorGradient[j]));
        }
        gradient[0] = fitIntercept ? 2.0 * m : 0.0;
        double cost = m * m + nonNegative(q);
        return trusted(cost, magnitude) ? cost : direct().valueAndGradient(weights, gradient);
    }

    @Override
    public double value(double[] weights) {
        int d = features;
        double m = offset(weights);
        double q = anchorCost;
        double magnitude = anchorCost;
        for (int j = 0; j < d; j++) {
            delta[j] = weights[j + 1] - anchor[j];
        }
        for (int j = 0; j < d; j++) {
            double cDelta = 0.0;
            double cDeltaSize = 0.0;
            for (int k = 0, row = j * d; k < d; k++) {
                double term = covariance[row + k] * delta[k];
                cDelta += term;
                cDeltaSize += Math.abs(term);
            }
            q += delta[j] * (cDelta - 2.0 * anchorGradient[j]);
            magnitude += Math.abs(delta[j]) * (cDeltaSize + 2.0 * Math.abs(anchorGradient[j]));
        }
        double cost = m * m + nonNegative(q);
        return trusted(cost, magnitude) ? cost : direct().value(weights);
    }

    /**
     * Whether the rounding of a fast evaluation, at most about {@code (d + 8)·ε} times the magnitude of what
     * it summed, is within the accuracy promised for {@code cost}. False for anything not finite, so that
     * an overflow is confirmed (or avoided) by the direct pass.
     */
    private boolean trusted(double cost, double magnitude) {
        return roundingPerMagnitude * magnitude <= RELATIVE_ACCURACY * cost + absoluteSlack;
    }

    private CompensatedSquaredObjective direct() {
        if (direct == null) {
            direct = new CompensatedSquaredObjective(data, fitIntercept);
        }
        return direct;
    }

    /**
     * {@code m = b0 + b·x̄ − ȳ}, the mean residual, in compensated arithmetic: with means near 1e6 the
     * terms are a million times larger than {@code m} may be, and a plain sum would leave an error of an
     * ulp of 1e6 that gradient steps scale by {@code x̄} again. Products are split exactly with
     * {@link Math#fma} and sums with Knuth's two-sum, so the error is a few ulps of {@code m} itself.
     */
    private double offset(double[] weights) {
        double sum = weights[0];
        double compensation = -targetMeanLow;
        double term = -targetMean;
        double next = sum + term;
        double virtual = next - sum;
        compensation += (sum - (next - virtual)) + (term - virtual);
        sum = next;
        for (int j = 0; j < features; j++) {
            double w = weights[j + 1];
            term = w * featureMean[j];
            compensation += Math.fma(w, featureMean[j], -term) + w * featureMeanLow[j];
            next = sum + term;
            virtual = next - sum;
            compensation += (sum - (next - virtual)) + (term - virtual);
            sum = next;
        }
        return sum + compensation;
    }

    /** {@code Q} is a mean of squares; below zero it can only be rounding of a value near zero. */
    private static double nonNegative(double q) {
        return q < 0.0 ? 0.0 : q;
    }

    public static void checkNotInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the fit was cancelled");
        }
    }

    @Override
    public String toString() {
        return "SufficientStatisticsObjective[rows=" + rows + ", columns=" + features + ", fitIntercept=" + fitIntercept
                + "]";
    }
}
