package dev.gradfit.fitting.objective;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.SparseRows;
import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.loss.SquaredLoss;

/**
 * The cost {@code Σ sᵢ·ℓ(zᵢ, yᵢ) / Σ sᵢ + R(β)} of given weights on given rows, to about 1e-15 of itself:
 * the number a fit reports as the cost of the weights it returns. The score {@code zᵢ} includes the row's
 * offset {@code oᵢ} when the data has offsets.
 *
 * <p>The objectives descent runs on are fast and, where they must be, accurate; but they see the weights
 * the optimizer holds (standardized ones, before the mapping back to the original units rounds them), and
 * a plain double predictor {@code zᵢ = b0 + Σ cⱼ·xᵢⱼ} loses about {@code ε·Σ|cⱼ·xᵢⱼ|}, which is everything
 * when the intercept cancels the features' large means (features near 1.7e9 and a logistic {@code zᵢ} of
 * order 1). Here each {@code zᵢ} is a compensated dot product (Ogita, Rump and Oishi 2005, "Accurate Sum
 * and Dot Product", Dot2, with {@code Math.fma} as TwoProduct), the intercept included, kept as a
 * double-double; the residual, the softplus or the half deviance is formed from it, and the weighted sum of the losses, the
 * sum of the weights and the penalty are double-double too. O(n·d) once per fit.
 *
 * <p>Stateless.
 */
public final class CostOfWeights {

    private CostOfWeights() {}

    /**
     * @param data the rows the cost is the mean over (the training rows)
     * @param loss the pointwise loss
     * @param weights {@code [intercept, c0, c1, ...]} in the units of {@code data} (a fixed intercept
     *     when none is fitted); for {@link SoftmaxLoss} one such block per class
     * @param regularization the penalty, added as {@link RegularizedObjective} adds it
     * @param penaltyScales {@code σⱼ} when the penalty acts on {@code βⱼ = cⱼ·σⱼ} (a standardized fit), or
     *     {@code null} when it acts on {@code cⱼ}
     */
    public static double of(
            Dataset data, Loss loss, double[] weights, Regularization regularization, double[] penaltyScales) {
        if (loss instanceof SoftmaxLoss softmax) {
            return softmax(data, softmax, weights, regularization, penaltyScales);
        }
        int d = data.columns();
        if (weights.length != d + 1) {
            throw new IllegalArgumentException("the data has " + d + " features, the weights " + (weights.length - 1));
        }
        double[] y = data.targets();
        double[] z = new double[2];
        double[] term = new double[2];
        double[] sum = new double[2];
        double[] total = new double[2];
        for (int i = 0; i < data.rows(); i++) {
            predictor(weights, 0, data.offset(i), data, i, z);
            loss(loss, z, y[i], term);
            double s = data.sampleWeight(i);
            if (s != 1.0) {
                scale(term, s);
            }
            add(sum, term[0], term[1]);
            add(total, s, 0.0);
        }
        double mean = divide(sum, total);
        return mean + penalty(weights, regularization, penaltyScales);
    }

    /**
     * The softmax cost, with each class score a double-double (Dot2) and the loss of row {@code i} formed from
     * the differences {@code u_k = z_k − z_y}, which are accurate however large the scores:
     * {@code ℓ = log Σ_k e^(u_k) = M + log Σ_k e^(u_k − M)} with {@code M = max_k u_k ≥ 0}, and {@code log1p}
     * of the other classes' terms when the label's score is the largest ({@code M = 0}, the common case of a
     * good fit, where {@code ℓ} is small and a plain {@code log} of a sum near 1 would lose its digits).
     */
    private static double softmax(
            Dataset data, SoftmaxLoss loss, double[] weights, Regularization regularization, double[] penaltyScales) {
        int d = data.columns();
        int classes = loss.classes();
        int block = d + 1;
        if (weights.length != classes * block) {
            throw new IllegalArgumentException("the data has " + d + " features and " + loss + " " + classes
                    + " classes, the weights " + weights.length + " values");
        }
        double[][] z = new double[classes][2];
        double[] row = new double[block];
        double[] u = new double[classes];
        double[] term = new double[2];
        double[] sum = new double[2];
        double[] total = new double[2];
        for (int i = 0; i < data.rows(); i++) {
            for (int k = 0; k < classes; k++) {
                predictor(weights, k * block, 0.0, data, i, z[k]);
            }
            int y = (int) data.target(i);
            double max = 0.0;
            for (int k = 0; k < classes; k++) {
                u[k] = k == y ? 0.0 : (z[k][0] - z[y][0]) + (z[k][1] - z[y][1]);
                max = Math.max(max, u[k]);
            }
            double others = 0.0;
            for (int k = 0; k < classes; k++) {
                if (k != y) {
                    others += Math.exp(u[k] - max);
                }
            }
            if (max == 0.0) {
                term[0] = Math.log1p(others);
                term[1] = 0.0;
            } else {
                twoSum(max, Math.log(others + Math.exp(-max)), term);
            }
            double s = data.sampleWeight(i);
            if (s != 1.0) {
                scale(term, s);
            }
            add(sum, term[0], term[1]);
            add(total, s, 0.0);
        }
        double mean = divide(sum, total);
        double penalty = 0.0;
        if (regularization.isActive()) {
            for (int k = 0; k < classes; k++) {
                System.arraycopy(weights, k * block, row, 0, block);
                penalty += penalty(row, regularization, penaltyScales);
            }
        }
        return mean + penalty;
    }

    /**
     * {@code b0 + o + Σ cⱼ·xⱼ} as a double-double {@code out[0] + out[1]}: Dot2 with the intercept and the offset
     * {@code o} as first terms.
     */
    private static void predictor(double[] w, int from, double offset, Dataset data, int i, double[] out) {
        double b0 = w[from];
        double p = b0 + offset;
        double error = offset == 0.0 ? 0.0 : (b0 - (p - (p - b0))) + (offset - (p - b0));
        double[] x;
        int[] columns;
        int start;
        int end;
        if (data.isSparse()) {
            // The zeros left out add nothing: h = r = 0 leaves p and the error as they are.
            SparseRows rows = data.sparseRows();
            x = rows.values();
            columns = rows.columnIndex();
            start = rows.rowStart()[i];
            end = rows.rowStart()[i + 1];
        } else {
            x = data.features();
            columns = null;
            start = i * data.columns();
            end = start + data.columns();
        }
        for (int k = start; k < end; k++) {
            double c = w[from + 1 + (columns == null ? k - start : columns[k])];
            double h = c * x[k];
            double r = Math.fma(c, x[k], -h);
            double q = p + h;
            double v = q - p;
            error += ((p - (q - v)) + (h - v)) + r;
            p = q;
        }
        twoSum(p, error, out);
    }

    /** {@code ℓ(z, y)} as a double-double, from the double-double {@code z}. */
    private static void loss(Loss loss, double[] z, double y, double[] out) {
        if (loss instanceof LogisticLoss && loss.acceptsTarget(y)) {
            // ℓ = softplus(u) with u = z for class 0 and −z for class 1; softplus(uh + ul) ≈ softplus(uh) + σ(uh)·ul.
            double uh = y == 1.0 ? -z[0] : z[0];
            double ul = y == 1.0 ? -z[1] : z[1];
            twoSum(Math.max(uh, 0.0), Math.log1p(Math.exp(-Math.abs(uh))), out);
            out[1] += LogisticLoss.probability(uh) * ul;
            return;
        }
        if (loss instanceof LogLinkLoss family) {
            // ℓ(zh + zl) ≈ ℓ(zh) + ∂ℓ(zh)·zl; ℓ itself is evaluated without cancellation, see LogLinkLoss.
            out[0] = family.value(z[0], y);
            out[1] = z[1] == 0.0 ? 0.0 : family.derivative(z[0], y) * z[1];
            return;
        }
        boolean regression = loss instanceof SquaredLoss || loss instanceof HuberLoss || loss instanceof AbsoluteLoss;
        if (!regression) {
            out[0] = loss.value(z[0] + z[1], y);
            out[1] = 0.0;
            return;
        }
        double[] r = out;
        twoSum(z[0], -y, r);
        twoSum(r[0], r[1] + z[1], r);
        if (r[0] < 0) {
            r[0] = -r[0];
            r[1] = -r[1];
        }
        if (loss instanceof AbsoluteLoss) {
            return;
        }
        if (loss instanceof HuberLoss huber && r[0] > huber.delta()) {
            double delta = huber.delta();
            double low = r[1];
            twoSum(r[0], -0.5 * delta, r); // half of δ is exact for every δ but the subnormal
            r[1] += low;
            scale(r, delta);
            return;
        }
        double high = r[0] * r[0];
        double low = Math.fma(r[0], r[0], -high) + 2.0 * r[0] * r[1];
        out[0] = high;
        out[1] = low;
        if (loss instanceof HuberLoss) {
            scale(out, 0.5);
        }
    }

    /** {@code l1·Σ|βⱼ| + l2·Σβⱼ²} with {@code βⱼ = cⱼ·σⱼ}, as {@link Regularization#penalty} defines it. */
    private static double penalty(double[] weights, Regularization regularization, double[] scales) {
        if (!regularization.isActive()) {
            return 0.0;
        }
        double[] absolute = new double[2];
        double[] squares = new double[2];
        for (int k = 1; k < weights.length; k++) {
            double beta = scales == null ? weights[k] : weights[k] * scales[k - 1];
            add(absolute, Math.abs(beta), 0.0);
            double square = beta * beta;
            add(squares, square, Math.fma(beta, beta, -square));
        }
        scale(absolute, regularization.l1());
        scale(squares, regularization.l2());
        add(absolute, squares[0], squares[1]);
        return absolute[0] + absolute[1];
    }

    /** {@code (a[0] + a[1]) / (b[0] + b[1])}, to about one rounding. */
    private static double divide(double[] a, double[] b) {
        double q = a[0] / b[0];
        double remainder = Math.fma(-q, b[0], a[0]) + a[1] - q * b[1];
        return q + remainder / b[0];
    }

    /** {@code a ← a · s} for a double-double {@code a}. */
    private static void scale(double[] a, double s) {
        double high = a[0] * s;
        double low = Math.fma(a[0], s, -high) + a[1] * s;
        twoSum(high, low, a);
    }

    /** {@code acc ← acc + (high + low)} in double-double. */
    private static void add(double[] acc, double high, double low) {
        double s = acc[0] + high;
        double v = s - acc[0];
        double error = (acc[0] - (s - v)) + (high - v) + acc[1] + low;
        twoSum(s, error, acc);
    }

    /** Knuth's TwoSum: {@code out[0] + out[1] = a + b} exactly, {@code out[0] = fl(a + b)}. */
    private static void twoSum(double a, double b, double[] out) {
        double s = a + b;
        double v = s - a;
        out[0] = s;
        out[1] = (a - (s - v)) + (b - v);
    }
}
