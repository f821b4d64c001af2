package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.linalg.Cholesky;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.objective.SufficientStatisticsObjective;
import dev.gradfit.fitting.train.Standardizer;

/**
 * The exact minimiser of the logistic objective gradfit descends, by Newton's method (for this loss the
 * same iterates as iteratively reweighted least squares, IRLS; McCullagh and Nelder, <i>Generalized
 * Linear Models</i>, 2nd ed., §2.5):
 *
 * <pre>
 *   J(b0, c) = Σ sᵢ·ℓ(b0 + c·xᵢ, yᵢ) / Σ sᵢ  +  l2·Σⱼ cⱼ²,   ℓ(z, y) = log(1 + e^z) − y·z
 * </pre>
 *
 * <p>Each step solves {@code H·δ = −∇J} with {@code H = Xᵀ·diag(sᵢ·pᵢ·(1 − pᵢ))·X / Σ sᵢ + 2·l2·I'} by
 * Cholesky, then halves the step until {@code J} falls enough (Armijo backtracking; Nocedal and Wright,
 * <i>Numerical Optimization</i>, 2nd ed., §3.1), so that it converges from the zero start however far
 * away the optimum is, and quadratically near it.
 *
 * <p>Without L2 a finite minimiser need not exist. If some weights classify every row (of positive
 * sample weight) strictly correctly, the data are linearly separable: scaling those weights up drives
 * {@code J} to 0 without reaching it. The solver reports that, with the separating weights as the
 * certificate it found. Quasi-complete separation (a separating plane through some points) shows as
 * weights that keep growing, and is reported as no finite minimiser found.
 */
public final class LogisticReference {

    /** Newton converges in a handful of steps when a minimiser exists; far more means it does not. */
    static final int MAX_ITERATIONS = 200;

    /** A score beyond which σ is within e^-37 ≈ 1e-16 of 0 or 1: saturated in double precision. */
    private static final double SATURATED = 37.0;

    /** Coefficients this large mean probabilities within e^-1e6 of 0 or 1: the weights run off. */
    private static final double RUNAWAY = 1e6;

    /**
     * What the solver found.
     *
     * @param weights the minimiser, or {@code null} when none was found
     * @param iterations the Newton steps taken
     * @param problem why there is no minimiser, or {@code null} when there is one
     */
    public record Solution(Weights weights, int iterations, String problem) {}

    private LogisticReference() {}

    /**
     * Solves for the minimiser of {@code J} above.
     *
     * @param data the points in the space the optimizer sees; targets 0 or 1
     * @param fitIntercept whether the intercept is a free variable
     * @param fixedIntercept the intercept when it is not free; ignored otherwise
     * @param l2 the L2 strength as it appears in {@code J}, at least 0
     * @throws java.util.concurrent.CancellationException if the thread is interrupted between steps
     */
    public static Solution solve(Dataset data, boolean fitIntercept, double fixedIntercept, double l2) {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and at least 0, was " + l2);
        }
        // Newton runs on centred, scaled columns: with x near 1.7e9 and a spread of a few units the raw
        // Hessian's intercept and slope columns agree to 1e-18 and Cholesky finds it singular. The
        // penalty l2·cⱼ² on the original coefficient is (l2/σⱼ²)·βⱼ² on the scaled one, so the
        // minimiser is the same point, seen in other coordinates.
        Standardizer scaling = Standardizer.of(data, fitIntercept);
        double[] scales = scaling.scales();
        double[] penalties = new double[scales.length];
        for (int j = 0; j < scales.length; j++) {
            penalties[j] = l2 / (scales[j] * scales[j]);
        }
        Solution scaled = solveScaled(scaling.transform(data), fitIntercept, fixedIntercept, l2 > 0, penalties);
        return scaled.weights() == null
                ? scaled
                : new Solution(scaling.toOriginal(scaled.weights()), scaled.iterations(), null);
    }

    /**
     * Newton on {@code J} with the penalty {@code Σⱼ penaltiesⱼ·cⱼ²}.
     *
     * @param penalised whether any penalty is positive: without one a finite minimiser need not exist
     */
    private static Solution solveScaled(
            Dataset data, boolean fitIntercept, double fixedIntercept, boolean penalised, double[] l2) {
        int d = data.columns();
        int offset = fitIntercept ? 1 : 0;
        int m = d + offset;
        double[] w = new double[d + 1];
        w[0] = fitIntercept ? 0.0 : fixedIntercept;
        double[] gradient = new double[m];
        double[][] hessian = new double[m][m];
        double[] trial = new double[d + 1];
        double cost = assemble(data, w, l2, offset, gradient, hessian);
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            SufficientStatisticsObjective.checkNotInterrupted();
            if (!penalised && separates(data, w, fitIntercept)) {
                return new Solution(
                        null,
                        iteration - 1,
                        "the classes are linearly separable: some weights classify every point correctly,"
                                + " so without l2 the cost only tends to 0 as they grow and no finite"
                                + " minimiser exists; add l2 > 0");
            }
            double[] step = negate(gradient);
            if (!Cholesky.solveInPlace(hessian, step)) {
                return new Solution(
                        null,
                        iteration - 1,
                        !penalised
                                ? "the Hessian is singular: the features are collinear, or the classes are"
                                        + " (quasi-)separated so that no finite minimiser exists; add l2 > 0"
                                : "the Hessian is singular to working precision");
            }
            double slope = 0.0;
            for (int k = 0; k < m; k++) {
                slope += gradient[k] * step[k];
            }
            if (!(slope < 0)) {
                // No descent direction left: the gradient is zero to rounding.
                return finish(data, w, penalised, iteration - 1);
            }
            if (-slope <= 64 * Math.ulp(cost)) {
                // The decrease the step promises is below what the cost can measure: near the minimum the cost
                // changes by less than its own rounding, and a search on it accepts steps by chance. The gradient
                // keeps its digits there, so Newton's full step is taken while it shrinks the gradient (quadratic
                // convergence), and the search stops when it no longer does.
                System.arraycopy(w, 0, trial, 0, w.length);
                for (int k = 0; k < m; k++) {
                    trial[k + 1 - offset] += step[k];
                }
                double[] trialGradient = new double[m];
                double[][] trialHessian = new double[m][m];
                double trialCost = assemble(data, trial, l2, offset, trialGradient, trialHessian);
                if (!(norm(trialGradient) < norm(gradient)) || !Double.isFinite(trialCost)) {
                    return finish(data, w, penalised, iteration - 1);
                }
                System.arraycopy(trial, 0, w, 0, w.length);
                System.arraycopy(trialGradient, 0, gradient, 0, m);
                for (int k = 0; k < m; k++) {
                    System.arraycopy(trialHessian[k], 0, hessian[k], 0, m);
                }
                cost = trialCost;
                continue;
            }
            double t = 1.0;
            double trialCost;
            while (true) {
                System.arraycopy(w, 0, trial, 0, w.length);
                for (int k = 0; k < m; k++) {
                    trial[k + 1 - offset] += t * step[k];
                }
                trialCost = value(data, trial, l2);
                if (trialCost <= cost + 1e-4 * t * slope || t < 1e-12) {
                    break;
                }
                t *= 0.5;
            }
            if (!(trialCost <= cost)) {
                // Not even a tiny step lowers the cost: at the minimum to within rounding.
                return finish(data, w, penalised, iteration - 1);
            }
            double change = 0.0;
            for (int k = 0; k < m; k++) {
                int index = k + 1 - offset;
                change = Math.max(change, Math.abs(trial[index] - w[index]) / (1.0 + Math.abs(trial[index])));
            }
            System.arraycopy(trial, 0, w, 0, w.length);
            if (maxAbsCoefficient(w) > RUNAWAY) {
                return new Solution(
                        null,
                        iteration,
                        "the weights pass 1e6 in standardized units: the classes are quasi-separated, so that no finite"
                                + " minimiser exists, or the features are nearly collinear, so that the minimiser is too"
                                + " ill-conditioned to compute; add l2 > 0");
            }
            cost = assemble(data, w, l2, offset, gradient, hessian);
            // Newton's quadratic convergence takes a step of 1e-14 to rounding in the next.
            if (change <= 1e-15) {
                return finish(data, w, penalised, iteration);
            }
        }
        return new Solution(
                null,
                MAX_ITERATIONS,
                "Newton's method did not converge in " + MAX_ITERATIONS + " steps; the classes are probably"
                        + " quasi-separated, so that no finite minimiser exists; add l2 > 0");
    }

    /**
     * The solution at {@code w}, unless {@code w} is a false stop on the way to infinity. Under
     * quasi-complete separation the cost keeps falling along the weights' own direction, by amounts that
     * drop below rounding once the separated rows' probabilities saturate: Newton then stalls at finite
     * weights that are no minimiser. The sign of that: without L2, some row's score beyond
     * ±{@value #SATURATED} (a probability within 1e-16 of 0 or 1), and doubling the weights does not
     * raise the cost beyond rounding. At a true minimiser it would, by strict convexity.
     */
    private static Solution finish(Dataset data, double[] w, boolean penalised, int iterations) {
        if (!penalised && maxAbsScore(data, w) > SATURATED) {
            double[] doubled = w.clone();
            for (int k = 0; k < doubled.length; k++) {
                doubled[k] *= 2;
            }
            double cost = value(data, w, null);
            // The fall is below rounding, so "does not rise" must allow for rounding; a true minimiser
            // rises by far more, since doubling moves every unsaturated score by as much as it is.
            if (value(data, doubled, null) <= cost * (1 + 1e-9)) {
                return new Solution(
                        null,
                        iterations,
                        "the classes are quasi-separated: the cost keeps falling as the weights grow, so no"
                                + " finite minimiser exists; add l2 > 0");
            }
        }
        return new Solution(Weights.fromVector(w), iterations, null);
    }

    /** The Euclidean length of {@code v}. */
    private static double norm(double[] v) {
        double sum = 0.0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static double maxAbsScore(Dataset data, double[] w) {
        double max = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            if (data.sampleWeight(i) == 0) {
                continue;
            }
            double score = w[0];
            for (int j = 0; j < data.columns(); j++) {
                score += w[j + 1] * data.feature(i, j);
            }
            max = Math.max(max, Math.abs(score));
        }
        return max;
    }

    /** Computes {@code J}, its gradient and Hessian over the free variables at {@code w}. */
    private static double assemble(
            Dataset data, double[] w, double[] l2, int offset, double[] gradient, double[][] hessian) {
        int d = data.columns();
        int m = gradient.length;
        java.util.Arrays.fill(gradient, 0.0);
        for (double[] row : hessian) {
            java.util.Arrays.fill(row, 0.0);
        }
        double[] z = new double[m];
        double sum = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            double s = data.sampleWeight(i);
            if (s == 0) {
                continue;
            }
            double score = w[0];
            for (int j = 0; j < d; j++) {
                score += w[j + 1] * data.feature(i, j);
            }
            double p = LogisticLoss.probability(score);
            double y = data.target(i);
            sum += s * LogisticLoss.INSTANCE.value(score, y);
            if (offset == 1) {
                z[0] = 1.0;
            }
            for (int j = 0; j < d; j++) {
                z[j + offset] = data.feature(i, j);
            }
            double residual = s * (p - y);
            double curvature = s * p * (1.0 - p);
            for (int a = 0; a < m; a++) {
                gradient[a] += residual * z[a];
                double ca = curvature * z[a];
                for (int b = 0; b <= a; b++) {
                    hessian[a][b] += ca * z[b];
                }
            }
        }
        double total = data.weightSum();
        meanAndRidge(gradient, hessian, total, l2, w, offset);
        return sum / total + penalty(w, l2);
    }

    /** {@code J} at {@code w}, with the penalty {@code Σⱼ l2ⱼ·cⱼ²}, or none when {@code l2} is null. */
    private static double value(Dataset data, double[] w, double[] l2) {
        int d = data.columns();
        double sum = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            double score = w[0];
            for (int j = 0; j < d; j++) {
                score += w[j + 1] * data.feature(i, j);
            }
            sum += data.sampleWeight(i) * LogisticLoss.INSTANCE.value(score, data.target(i));
        }
        return sum / data.weightSum() + (l2 == null ? 0.0 : penalty(w, l2));
    }

    /**
     * Whether {@code w} classifies every row of positive weight strictly correctly in a way that survives
     * scaling up: the score, or without a free intercept the part {@code c·x} that scaling multiplies.
     */
    private static boolean separates(Dataset data, double[] w, boolean fitIntercept) {
        int d = data.columns();
        for (int i = 0; i < data.rows(); i++) {
            if (data.sampleWeight(i) == 0) {
                continue;
            }
            double score = fitIntercept ? w[0] : 0.0;
            for (int j = 0; j < d; j++) {
                score += w[j + 1] * data.feature(i, j);
            }
            boolean right = data.target(i) == 1.0 ? score > 0 : score < 0;
            if (!right) {
                return false;
            }
        }
        return true;
    }

    private static double[] negate(double[] values) {
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = -values[k];
        }
        return out;
    }

    private static double penalty(double[] w, double[] l2) {
        double sum = 0.0;
        for (int k = 1; k < w.length; k++) {
            sum += l2[k - 1] * w[k] * w[k];
        }
        return sum;
    }

    private static double maxAbsCoefficient(double[] w) {
        double max = 0.0;
        for (int k = 1; k < w.length; k++) {
            max = Math.max(max, Math.abs(w[k]));
        }
        return max;
    }

    /**
     * Turns the weighted sums of a Newton system into means (the lower triangle of {@code hessian}) and adds
     * the ridge penalty's gradient and curvature for the coefficients, which start at {@code offset}.
     */
    static void meanAndRidge(double[] gradient, double[][] hessian, double total, double[] l2, double[] w, int offset) {
        for (int a = 0; a < gradient.length; a++) {
            gradient[a] /= total;
            for (int b = 0; b <= a; b++) {
                hessian[a][b] /= total;
            }
        }
        for (int j = 0; j < l2.length; j++) {
            gradient[j + offset] += 2.0 * l2[j] * w[j + 1];
            hessian[j + offset][j + offset] += 2.0 * l2[j];
        }
    }
}
