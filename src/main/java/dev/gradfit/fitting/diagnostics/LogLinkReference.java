package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.linalg.Cholesky;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.objective.SufficientStatisticsObjective;
import dev.gradfit.fitting.train.Standardizer;
import java.util.Arrays;

/**
 * The exact minimiser of the mean half deviance of a {@link LogLinkLoss} (Poisson, Gamma, Tweedie with the
 * log link), by Newton's method:
 *
 * <pre>
 *   J(b0, c) = Σ sᵢ·ℓ(b0 + c·xᵢ + oᵢ, yᵢ) / Σ sᵢ  +  l2·Σⱼ cⱼ²
 * </pre>
 *
 * with the rows' offsets {@code oᵢ} (0 without them), as statsmodels' {@code GLM(..., offset=o)}.
 *
 * <p>Each step solves {@code H·δ = −∇J} with the true Hessian
 * {@code H = Xᵀ·diag(sᵢ·∂²ℓ/∂z²)·X / Σ sᵢ + 2·l2·I'} by Cholesky (for the Poisson loss, whose link is
 * canonical, the same iterates as IRLS, McCullagh and Nelder, <i>Generalized Linear Models</i>, 2nd ed.,
 * §2.5; for the others the observed rather than the expected information, which converges quadratically too),
 * then halves the step until {@code J} falls enough (Armijo backtracking; Nocedal and Wright, <i>Numerical
 * Optimization</i>, 2nd ed., §3.1). It starts where GLM software starts: the intercept at the logarithm of the
 * weighted mean of y (over the weighted mean of {@code e^oᵢ} with offsets: the Poisson null model), the
 * coefficients at 0. As {@link LogisticReference} does, it runs on centred, scaled
 * columns with the penalty carried over, and maps the minimiser back.
 *
 * <p>{@code J} is strictly convex when the columns are not collinear, so a minimiser is unique when it exists.
 * It need not exist without L2: with an intercept, when every target is 0; and when some weights send the
 * mean of every zero target to 0 while leaving the other rows alone (the analogue of separation in logistic
 * regression). Newton then walks off, about one unit of score per step; that is reported, not returned.
 */
public final class LogLinkReference {

    /** Newton converges in tens of steps when a minimiser exists; far more means it does not. */
    static final int MAX_ITERATIONS = 500;

    /**
     * A predicted decrease of the cost below this share of it is rounding: {@code J} is a sum of {@code n} terms
     * each within a few ulps, so differences of its value below about {@code 1e-13} of it mean nothing.
     */
    private static final double ROUNDING = 1e-13;

    /**
     * Steps this small, relative to the weights, are taken where Newton converges quadratically; larger ones with
     * a negligible decrease are weights running off towards a mean of 0.
     */
    private static final double QUADRATIC_REGION = 1e-6;

    /** Coefficients this large (on standardized columns) mean a mean of e^-1e6: the weights run off. */
    private static final double RUNAWAY = 1e6;

    /** A zero target fitted with a mean below this share of the mean target is one the weights run away from. */
    private static final double VANISHED = 1e-15;

    private LogLinkReference() {}

    /**
     * Solves for the minimiser of {@code J} above.
     *
     * @param data the points in the space the optimizer sees, with targets the loss accepts
     * @param loss the half deviance
     * @param fitIntercept whether the intercept is a free variable
     * @param fixedIntercept the intercept when it is not free; ignored otherwise
     * @param l2 the L2 strength as it appears in {@code J}, at least 0
     * @throws java.util.concurrent.CancellationException if the thread is interrupted between steps
     */
    public static LogisticReference.Solution solve(
            Dataset data, LogLinkLoss loss, boolean fitIntercept, double fixedIntercept, double l2) {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and at least 0, was " + l2);
        }
        double meanTarget = 0.0;
        double meanExposure = 0.0;
        for (int i = 0; i < data.rows(); i++) {
            meanTarget += data.sampleWeight(i) * data.target(i);
            meanExposure += data.sampleWeight(i) * Math.exp(data.offset(i));
        }
        meanTarget /= data.weightSum();
        meanExposure /= data.weightSum();
        if (fitIntercept && !(meanTarget > 0)) {
            return new LogisticReference.Solution(
                    null,
                    0,
                    "every target is 0: the intercept runs to −∞ (a mean of 0 is e^−∞), so no finite minimiser"
                            + " exists");
        }
        Standardizer scaling = Standardizer.of(data, fitIntercept);
        double[] scales = scaling.scales();
        double[] penalties = new double[scales.length];
        for (int j = 0; j < scales.length; j++) {
            penalties[j] = l2 / (scales[j] * scales[j]);
        }
        double start = fitIntercept ? Math.log(meanTarget) - Math.log(meanExposure) : fixedIntercept;
        if (!Double.isFinite(start)) {
            start = Math.log(meanTarget); // offsets whose e^o overflow: any finite start will do for Newton
        }
        Newton newton = new Newton(scaling.transform(data), loss, fitIntercept ? 1 : 0, penalties);
        LogisticReference.Solution scaled = newton.solve(start, l2 > 0, meanTarget);
        return scaled.weights() == null
                ? scaled
                : new LogisticReference.Solution(scaling.toOriginal(scaled.weights()), scaled.iterations(), null);
    }

    /** Newton's method on one problem in standardized space. */
    private static final class Newton {

        private final Dataset data;
        private final LogLinkLoss loss;
        private final int offset;
        private final double[] l2;
        private final int m;
        private final double[] gradient;
        private final double[][] hessian;

        Newton(Dataset data, LogLinkLoss loss, int offset, double[] l2) {
            this.data = data;
            this.loss = loss;
            this.offset = offset;
            this.l2 = l2;
            this.m = data.columns() + offset;
            this.gradient = new double[m];
            this.hessian = new double[m][m];
        }

        LogisticReference.Solution solve(double intercept, boolean penalised, double meanTarget) {
            double[] w = new double[data.columns() + 1];
            w[0] = intercept;
            double[] trial = new double[w.length];
            double cost = assemble(w);
            for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
                SufficientStatisticsObjective.checkNotInterrupted();
                double[] step = new double[m];
                for (int k = 0; k < m; k++) {
                    step[k] = -gradient[k];
                }
                if (!Cholesky.solveInPlace(hessian, step)) {
                    if (!penalised && vanished(w, meanTarget)) {
                        return runaway(iteration - 1);
                    }
                    return new LogisticReference.Solution(
                            null,
                            iteration - 1,
                            penalised
                                    ? "the Hessian is singular to working precision"
                                    : "the Hessian is singular: the features are collinear, or some weights send the"
                                            + " means of the zero targets to 0 so that no finite minimiser exists;"
                                            + " add l2 > 0");
                }
                double slope = 0.0;
                for (int k = 0; k < m; k++) {
                    slope += gradient[k] * step[k];
                }
                if (!(slope < 0)) {
                    return finish(w, penalised, meanTarget, iteration - 1);
                }
                if (-slope <= ROUNDING * Math.abs(cost) && relativeSize(step, w) <= QUADRATIC_REGION) {
                    // The step's predicted decrease is below the rounding of J itself, so comparing costs would
                    // say nothing (and could refuse the step that quadratic convergence needs for the last digits):
                    // this is Newton's region of quadratic convergence, where one full step reaches the minimiser
                    // to working precision.
                    for (int k = 0; k < m; k++) {
                        w[k + 1 - offset] += step[k];
                    }
                    return finish(w, penalised, meanTarget, iteration);
                }
                double t = 1.0;
                double trialCost;
                while (true) {
                    System.arraycopy(w, 0, trial, 0, w.length);
                    for (int k = 0; k < m; k++) {
                        trial[k + 1 - offset] += t * step[k];
                    }
                    trialCost = value(trial);
                    if (trialCost <= cost + 1e-4 * t * slope || t < 1e-12) {
                        break;
                    }
                    t *= 0.5;
                }
                if (!(trialCost <= cost)) {
                    return finish(w, penalised, meanTarget, iteration - 1);
                }
                double change = 0.0;
                for (int k = 0; k < m; k++) {
                    int index = k + 1 - offset;
                    change = Math.max(change, Math.abs(trial[index] - w[index]) / (1.0 + Math.abs(trial[index])));
                }
                System.arraycopy(trial, 0, w, 0, w.length);
                if (maxAbsCoefficient(w) > RUNAWAY) {
                    return runaway(iteration);
                }
                cost = assemble(w);
                // Newton's quadratic convergence takes a step of 1e-15 to rounding in the next.
                if (change <= 1e-15) {
                    return finish(w, penalised, meanTarget, iteration);
                }
            }
            return new LogisticReference.Solution(
                    null,
                    MAX_ITERATIONS,
                    "Newton's method did not converge in " + MAX_ITERATIONS + " steps: some weights send the means"
                            + " of the zero targets to 0, so that no finite minimiser exists; add l2 > 0");
        }

        /**
         * The solution at {@code w}, unless it is a stop on the way to infinity: without L2, a zero target whose
         * fitted mean has vanished next to the mean target (below {@value #VANISHED} of it) is one the cost
         * pushes towards a mean of 0 that no finite weights reach.
         */
        private LogisticReference.Solution finish(double[] w, boolean penalised, double meanTarget, int iterations) {
            return !penalised && vanished(w, meanTarget)
                    ? runaway(iterations)
                    : new LogisticReference.Solution(Weights.fromVector(w), iterations, null);
        }

        /** Whether some zero target of positive weight has a mean below {@value #VANISHED} of the mean target. */
        private boolean vanished(double[] w, double meanTarget) {
            for (int i = 0; i < data.rows(); i++) {
                if (data.target(i) == 0.0 && data.sampleWeight(i) > 0 && mean(w, i) < VANISHED * meanTarget) {
                    return true;
                }
            }
            return false;
        }

        private static LogisticReference.Solution runaway(int iterations) {
            return new LogisticReference.Solution(
                    null,
                    iterations,
                    "the weights grow without bound: they send the means of the zero targets to 0, so no finite"
                            + " minimiser exists; add l2 > 0");
        }

        private double mean(double[] w, int i) {
            return LogLinkLoss.mean(score(w, i));
        }

        private double score(double[] w, int i) {
            double score = w[0] + data.offset(i);
            for (int j = 0; j < data.columns(); j++) {
                score += w[j + 1] * data.feature(i, j);
            }
            return score;
        }

        /** Computes {@code J}, its gradient and Hessian over the free variables at {@code w}. */
        private double assemble(double[] w) {
            int d = data.columns();
            Arrays.fill(gradient, 0.0);
            for (double[] row : hessian) {
                Arrays.fill(row, 0.0);
            }
            double[] z = new double[m];
            double sum = 0.0;
            for (int i = 0; i < data.rows(); i++) {
                double s = data.sampleWeight(i);
                if (s == 0) {
                    continue;
                }
                double score = score(w, i);
                double y = data.target(i);
                sum += s * loss.value(score, y);
                if (offset == 1) {
                    z[0] = 1.0;
                }
                for (int j = 0; j < d; j++) {
                    z[j + offset] = data.feature(i, j);
                }
                double first = s * loss.derivative(score, y);
                double second = s * loss.secondDerivative(score, y);
                for (int a = 0; a < m; a++) {
                    gradient[a] += first * z[a];
                    double ca = second * z[a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += ca * z[b];
                    }
                }
            }
            double total = data.weightSum();
            LogisticReference.meanAndRidge(gradient, hessian, total, l2, w, offset);
            return sum / total + penalty(w);
        }

        /** {@code J} at {@code w}. */
        private double value(double[] w) {
            double sum = 0.0;
            for (int i = 0; i < data.rows(); i++) {
                double s = data.sampleWeight(i);
                if (s != 0) {
                    sum += s * loss.value(score(w, i), data.target(i));
                }
            }
            return sum / data.weightSum() + penalty(w);
        }

        private double penalty(double[] w) {
            double sum = 0.0;
            for (int k = 1; k < w.length; k++) {
                sum += l2[k - 1] * w[k] * w[k];
            }
            return sum;
        }

        /** The largest {@code |step_k| / (1 + |w_k|)} over the free variables. */
        private double relativeSize(double[] step, double[] w) {
            double size = 0.0;
            for (int k = 0; k < m; k++) {
                size = Math.max(size, Math.abs(step[k]) / (1.0 + Math.abs(w[k + 1 - offset])));
            }
            return size;
        }

        private static double maxAbsCoefficient(double[] w) {
            double max = 0.0;
            for (int k = 1; k < w.length; k++) {
                max = Math.max(max, Math.abs(w[k]));
            }
            return max;
        }
    }
}
