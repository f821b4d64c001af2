package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.linalg.Cholesky;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.objective.SufficientStatisticsObjective;
import dev.gradfit.fitting.train.Standardizer;
import java.util.Arrays;

/**
 * The exact minimiser of the softmax objective gradfit descends, by Newton's method (for this loss the same
 * iterates as IRLS for the multinomial model):
 *
 * <pre>
 *   J(B, C) = Σ sᵢ·(log Σ_k e^(z_ik) − z_i,yᵢ) / Σ sᵢ  +  l2·Σ_k Σⱼ c_kj²,    z_ik = b_k + c_k·xᵢ
 * </pre>
 *
 * over all {@code K} rows of weights. Its gradient and Hessian are {@code ∇ = Σ sᵢ·(pᵢ − e_yᵢ) ⊗ x̃ᵢ / Σ sᵢ + 2·l2·c}
 * and {@code H = Σ sᵢ·(diag pᵢ − pᵢpᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ / Σ sᵢ + 2·l2·I'} with {@code x̃ = (1, x)}.
 *
 * <p><b>The free direction.</b> {@code (diag p − ppᵀ)·1 = 0}, so {@code H} is singular: adding the same
 * number to every class's intercept (and, without L2, the same row to every class's coefficients) changes
 * no probability. The solver fixes the direction by the sum-to-zero convention: it starts from zero, and
 * each step solves {@code (H + h·P)·δ = −∇} by Cholesky, where {@code P} projects each parameter onto its
 * mean over the classes and {@code h} is the largest diagonal entry of {@code H}. The subspace of
 * class-sums and its complement are invariant under {@code H} and the gradient lies in the complement, so the
 * step is {@code H}'s Newton step in the complement and zero along the sums: the iterates keep
 * {@code Σ_k b_k = 0} and {@code Σ_k c_kj = 0} (they are re-centred after each step against rounding). With
 * L2 the minimiser's coefficients sum to zero by themselves ({@code 2·l2·c_kj = −∂(data)/∂c_kj}, which sums to
 * zero), so the convention only fixes the intercepts. Without a fitted intercept the intercepts keep the given
 * values and only the coefficients are solved for; the reported weights are centred
 * ({@link Weights#centred}), which changes no probability.
 *
 * <p><b>Comparing.</b> scikit-learn's {@code LogisticRegression(multi_class="multinomial")} with
 * {@code C = 1/(2·l2·n)} has the same minimiser and, from its zero start, the same centred intercepts;
 * statsmodels' {@code MNLogit} reports, for an unpenalised fit, the differences {@code w_k − w_0} from the
 * reference class 0. Steps are damped (Armijo backtracking, as in {@link LogisticReference}) until the
 * gradient is below {@value #FULL_STEP_GRADIENT}, then taken whole, since the cost's rounding would refuse
 * steps that still gain digits; the solver stops when a step moves no weight by more than 1e-15 of itself.
 *
 * <p>Without L2 a finite minimiser need not exist: data in which some class can be separated from the others
 * (iris, for instance) let the cost fall towards 0 as the weights grow. The solver reports that.
 */
public final class SoftmaxReference {

    static final int MAX_ITERATIONS = 200;

    /** Below this largest gradient entry Newton is in its quadratic region: steps are taken whole. */
    static final double FULL_STEP_GRADIENT = 1e-8;

    /** A score difference beyond which a probability is within e^-37 ≈ 1e-16 of 0 or 1. */
    private static final double SATURATED = 37.0;

    /** Coefficients this large mean the weights run off to infinity. */
    private static final double RUNAWAY = 1e6;

    private SoftmaxReference() {}

    /**
     * Solves for the minimiser of {@code J} above.
     *
     * @param data the points in the space the optimizer sees; targets class indices {@code 0..K−1}
     * @param loss the softmax loss, which gives {@code K}
     * @param fitIntercept whether the intercepts are free
     * @param fixedIntercepts the {@code K} intercepts when they are not free; ignored otherwise
     * @param l2 the L2 strength as it appears in {@code J}, at least 0
     * @throws IllegalArgumentException if a target is not a class index
     * @throws java.util.concurrent.CancellationException if the thread is interrupted between steps
     */
    public static LogisticReference.Solution solve(
            Dataset data, SoftmaxLoss loss, boolean fitIntercept, double[] fixedIntercepts, double l2) {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and at least 0, was " + l2);
        }
        for (int i = 0; i < data.rows(); i++) {
            if (!loss.acceptsTarget(data.target(i))) {
                throw new IllegalArgumentException(
                        "target " + i + " is " + data.target(i) + ", not a class of " + loss);
            }
        }
        // As in LogisticReference: Newton on centred, scaled columns, the penalty rescaled to stay the same.
        Standardizer scaling = Standardizer.of(data, fitIntercept);
        double[] scales = scaling.scales();
        double[] penalties = new double[scales.length];
        for (int j = 0; j < scales.length; j++) {
            penalties[j] = l2 / (scales[j] * scales[j]);
        }
        Newton newton = new Newton(scaling.transform(data), loss.classes(), fitIntercept, l2 > 0, penalties);
        LogisticReference.Solution scaled = newton.solve(fitIntercept ? new double[loss.classes()] : fixedIntercepts);
        return scaled.weights() == null
                ? scaled
                : new LogisticReference.Solution(
                        scaling.toOriginal(scaled.weights()).centred(true), scaled.iterations(), null);
    }

    /** One solve: the data, the layout of the free variables, and the scratch of the Newton system. */
    private static final class Newton {

        private final Dataset data;
        private final int classes;
        private final int d;
        private final int offset;
        /** Free variables per class: the coefficients, and the intercept when it is free. */
        private final int perClass;

        private final boolean penalised;
        private final double[] l2;
        private final double[] gradient;
        private final double[][] hessian;

        Newton(Dataset data, int classes, boolean fitIntercept, boolean penalised, double[] l2) {
            this.data = data;
            this.classes = classes;
            this.d = data.columns();
            this.offset = fitIntercept ? 1 : 0;
            this.perClass = d + offset;
            this.penalised = penalised;
            this.l2 = l2;
            this.gradient = new double[classes * perClass];
            this.hessian = new double[classes * perClass][classes * perClass];
        }

        /** The index in the weight vector of free variable {@code a} of class {@code k}. */
        private int index(int k, int a) {
            return k * (d + 1) + a + 1 - offset;
        }

        LogisticReference.Solution solve(double[] intercepts) {
            int m = classes * perClass;
            double[] w = new double[classes * (d + 1)];
            for (int k = 0; k < classes; k++) {
                w[k * (d + 1)] = intercepts[k];
            }
            double[] trial = new double[w.length];
            double cost = assemble(w);
            for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
                SufficientStatisticsObjective.checkNotInterrupted();
                if (!penalised && separates(w)) {
                    return new LogisticReference.Solution(
                            null,
                            iteration - 1,
                            "the classes are linearly separable: some weights classify every point correctly,"
                                    + " so without l2 the cost only tends to 0 as they grow and no finite"
                                    + " minimiser exists; add l2 > 0");
                }
                double gradientSize = maxAbs(gradient);
                double[] step = new double[m];
                for (int r = 0; r < m; r++) {
                    step[r] = -gradient[r];
                }
                addSumProjector();
                if (!Cholesky.solveInPlace(hessian, step)) {
                    return new LogisticReference.Solution(
                            null,
                            iteration - 1,
                            !penalised
                                    ? "the Hessian is singular beyond the classes' common shift: the features are"
                                            + " collinear, or the classes are (quasi-)separated so that no finite"
                                            + " minimiser exists; add l2 > 0"
                                    : "the Hessian is singular to working precision");
                }
                double slope = 0.0;
                for (int r = 0; r < m; r++) {
                    slope += gradient[r] * step[r];
                }
                if (!(slope < 0)) {
                    return finish(w, iteration - 1); // the gradient is zero to rounding
                }
                double t = 1.0;
                double trialCost;
                while (true) {
                    move(w, step, t, trial);
                    trialCost = value(trial, l2);
                    if (gradientSize < FULL_STEP_GRADIENT || trialCost <= cost + 1e-4 * t * slope || t < 1e-12) {
                        break;
                    }
                    t *= 0.5;
                }
                if (gradientSize >= FULL_STEP_GRADIENT && !(trialCost <= cost)) {
                    return finish(w, iteration - 1); // not even a tiny step lowers the cost
                }
                double change = 0.0;
                for (int k = 0; k < trial.length; k++) {
                    change = Math.max(change, Math.abs(trial[k] - w[k]) / (1.0 + Math.abs(trial[k])));
                }
                System.arraycopy(trial, 0, w, 0, w.length);
                if (maxAbsCoefficient(w) > RUNAWAY) {
                    return new LogisticReference.Solution(
                            null,
                            iteration,
                            "the weights pass 1e6 in standardized units: the classes are quasi-separated, so that no finite"
                                    + " minimiser exists, or the features are nearly collinear, so that the minimiser is too"
                                    + " ill-conditioned to compute; add l2 > 0");
                }
                cost = assemble(w);
                if (change <= 1e-15) {
                    return finish(w, iteration);
                }
            }
            return new LogisticReference.Solution(
                    null,
                    MAX_ITERATIONS,
                    "Newton's method did not converge in " + MAX_ITERATIONS + " steps; the classes are probably"
                            + " quasi-separated, so that no finite minimiser exists; add l2 > 0");
        }

        /** {@code trial = w + t·step}, re-centred over the classes so that rounding does not drift the sums. */
        private void move(double[] w, double[] step, double t, double[] trial) {
            System.arraycopy(w, 0, trial, 0, w.length);
            for (int a = 0; a < perClass; a++) {
                double mean = 0.0;
                for (int k = 0; k < classes; k++) {
                    trial[index(k, a)] += t * step[k * perClass + a];
                    mean += trial[index(k, a)];
                }
                mean /= classes;
                for (int k = 0; k < classes; k++) {
                    trial[index(k, a)] -= mean;
                }
            }
        }

        /**
         * Adds {@code h·P} to the lower triangle: {@code P} has {@code 1/K} wherever two free variables are the
         * same parameter of two classes (the projector onto the class-sum directions).
         */
        private void addSumProjector() {
            double h = 0.0;
            for (int r = 0; r < hessian.length; r++) {
                h = Math.max(h, hessian[r][r]);
            }
            double entry = (h > 0 ? h : 1.0) / classes;
            for (int k = 0; k < classes; k++) {
                for (int l = 0; l <= k; l++) {
                    for (int a = 0; a < perClass; a++) {
                        hessian[k * perClass + a][l * perClass + a] += entry;
                    }
                }
            }
        }

        /** The solution at {@code w}, unless it is a false stop on the way to infinity (see LogisticReference). */
        private LogisticReference.Solution finish(double[] w, int iterations) {
            if (!penalised && maxAbsScoreDifference(w) > SATURATED) {
                double[] doubled = w.clone();
                for (int k = 0; k < classes; k++) {
                    for (int j = 0; j < d; j++) {
                        doubled[k * (d + 1) + 1 + j] *= 2;
                    }
                    if (offset == 1) {
                        doubled[k * (d + 1)] *= 2;
                    }
                }
                double cost = value(w, null);
                if (value(doubled, null) <= cost * (1 + 1e-9)) {
                    return new LogisticReference.Solution(
                            null,
                            iterations,
                            "the classes are quasi-separated: the cost keeps falling as the weights grow, so no"
                                    + " finite minimiser exists; add l2 > 0");
                }
            }
            return new LogisticReference.Solution(Weights.fromVector(w, classes), iterations, null);
        }

        /** Computes {@code J}, its gradient and the lower triangle of its Hessian over the free variables. */
        private double assemble(double[] w) {
            Arrays.fill(gradient, 0.0);
            for (double[] row : hessian) {
                Arrays.fill(row, 0.0);
            }
            double[] z = new double[classes];
            double[] p = new double[classes];
            double[] xt = new double[perClass];
            double sum = 0.0;
            for (int i = 0; i < data.rows(); i++) {
                double s = data.sampleWeight(i);
                if (s == 0) {
                    continue;
                }
                int y = (int) data.target(i);
                scores(w, i, z);
                SoftmaxLoss.probabilities(z, 0, classes, p, 0);
                sum += s * loss(z, y);
                if (offset == 1) {
                    xt[0] = 1.0;
                }
                for (int j = 0; j < d; j++) {
                    xt[j + offset] = data.feature(i, j);
                }
                for (int k = 0; k < classes; k++) {
                    double residual = s * (p[k] - (k == y ? 1.0 : 0.0));
                    for (int a = 0; a < perClass; a++) {
                        gradient[k * perClass + a] += residual * xt[a];
                    }
                    for (int l = 0; l <= k; l++) {
                        double curvature = s * p[k] * ((k == l ? 1.0 : 0.0) - p[l]);
                        for (int a = 0; a < perClass; a++) {
                            double ca = curvature * xt[a];
                            double[] row = hessian[k * perClass + a];
                            int bound = k == l ? a : perClass - 1;
                            for (int b = 0; b <= bound; b++) {
                                row[l * perClass + b] += ca * xt[b];
                            }
                        }
                    }
                }
            }
            double total = data.weightSum();
            for (int r = 0; r < gradient.length; r++) {
                gradient[r] /= total;
                for (int c = 0; c <= r; c++) {
                    hessian[r][c] /= total;
                }
            }
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < d; j++) {
                    int r = k * perClass + j + offset;
                    gradient[r] += 2.0 * l2[j] * w[k * (d + 1) + 1 + j];
                    hessian[r][r] += 2.0 * l2[j];
                }
            }
            return sum / total + penalty(w, l2);
        }

        /** {@code J} at {@code w}, with the penalty {@code Σ l2ⱼ·c_kj²}, or none when {@code l2} is null. */
        private double value(double[] w, double[] l2) {
            double[] z = new double[classes];
            double sum = 0.0;
            for (int i = 0; i < data.rows(); i++) {
                scores(w, i, z);
                sum += data.sampleWeight(i) * loss(z, (int) data.target(i));
            }
            return sum / data.weightSum() + (l2 == null ? 0.0 : penalty(w, l2));
        }

        private double penalty(double[] w, double[] l2) {
            double sum = 0.0;
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < d; j++) {
                    double c = w[k * (d + 1) + 1 + j];
                    sum += l2[j] * c * c;
                }
            }
            return sum;
        }

        private void scores(double[] w, int i, double[] z) {
            for (int k = 0; k < classes; k++) {
                double score = w[k * (d + 1)];
                for (int j = 0; j < d; j++) {
                    score += w[k * (d + 1) + 1 + j] * data.feature(i, j);
                }
                z[k] = score;
            }
        }

        private double loss(double[] z, int y) {
            double max = z[0];
            for (int k = 1; k < classes; k++) {
                max = Math.max(max, z[k]);
            }
            double sum = 0.0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(z[k] - max);
            }
            return (max - z[y]) + Math.log(sum);
        }

        /**
         * Whether {@code w} gives every row of positive weight a score for its class strictly above every
         * other class's, in a way that scaling up keeps (without a free intercept, from the coefficients alone).
         */
        private boolean separates(double[] w) {
            double[] z = new double[classes];
            for (int i = 0; i < data.rows(); i++) {
                if (data.sampleWeight(i) == 0) {
                    continue;
                }
                scores(w, i, z);
                if (offset == 0) {
                    for (int k = 0; k < classes; k++) {
                        z[k] -= w[k * (d + 1)];
                    }
                }
                int y = (int) data.target(i);
                for (int k = 0; k < classes; k++) {
                    if (k != y && !(z[y] > z[k])) {
                        return false;
                    }
                }
            }
            return true;
        }

        private double maxAbsScoreDifference(double[] w) {
            double[] z = new double[classes];
            double max = 0.0;
            for (int i = 0; i < data.rows(); i++) {
                if (data.sampleWeight(i) == 0) {
                    continue;
                }
                scores(w, i, z);
                double high = z[0];
                double low = z[0];
                for (int k = 1; k < classes; k++) {
                    high = Math.max(high, z[k]);
                    low = Math.min(low, z[k]);
                }
                max = Math.max(max, high - low);
            }
            return max;
        }

        private double maxAbsCoefficient(double[] w) {
            double max = 0.0;
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < d; j++) {
                    max = Math.max(max, Math.abs(w[k * (d + 1) + 1 + j]));
                }
            }
            return max;
        }

        private static double maxAbs(double[] values) {
            double max = 0.0;
            for (double v : values) {
                max = Math.max(max, Math.abs(v));
            }
            return max;
        }
    }
}
