package dev.gradfit.fitting.diagnostics;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.linalg.HouseholderLeastSquares;

/**
 * The exact minimiser of the squared-loss objective gradfit descends, found without descending:
 *
 * <pre>
 *   J(b0, c) = Σ sᵢ·(b0 + c·xᵢ − yᵢ)² / Σ sᵢ  +  l2·Σⱼ cⱼ²
 * </pre>
 *
 * <p>with sample weights {@code sᵢ} (all 1 by default) and the L2 term never on the intercept. Multiplying
 * {@code J} by {@code S = Σ sᵢ} does not move its minimiser, and {@code S·J} is the squared norm of the
 * residual of an ordinary least-squares problem: one row {@code √sᵢ·[1, xᵢ]} with target {@code √sᵢ·yᵢ}
 * per point, plus one row {@code √(l2·S)·eⱼ} with target 0 per coefficient (ridge regression as augmented
 * least squares, Hastie, Tibshirani and Friedman, <i>The Elements of Statistical Learning</i>, exercise
 * 3.12). That problem is solved by {@link HouseholderLeastSquares}.
 *
 * <p>Without an intercept ({@code fitIntercept = false}) the intercept column is left out and the
 * intercept stays where the fit started it ({@code fixedIntercept}), as it does in gradient descent; the
 * targets become {@code yᵢ − fixedIntercept}.
 */
public final class LeastSquaresReference {

    private LeastSquaresReference() {}

    /**
     * Solves for the minimiser of {@code J} above.
     *
     * @param data the points in the space the optimizer sees (standardized, if the fit standardizes)
     * @param fitIntercept whether the intercept is a free variable
     * @param fixedIntercept the intercept when it is not free; ignored otherwise
     * @param l2 the L2 strength as it appears in {@code J}, at least 0
     * @return the weights, or {@code null} when the minimiser is not unique (collinear features, or fewer
     *     points than unknowns, without L2)
     */
    public static Weights solve(Dataset data, boolean fitIntercept, double fixedIntercept, double l2) {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and at least 0, was " + l2);
        }
        int d = data.columns();
        int offset = fitIntercept ? 1 : 0;
        HouseholderLeastSquares solver = new HouseholderLeastSquares(d + offset);
        double[] row = new double[d + offset];
        for (int i = 0; i < data.rows(); i++) {
            double s = data.sampleWeight(i);
            if (s == 0) {
                continue;
            }
            double root = Math.sqrt(s);
            if (fitIntercept) {
                row[0] = root;
            }
            for (int j = 0; j < d; j++) {
                row[j + offset] = root * data.feature(i, j);
            }
            double target = fitIntercept ? data.target(i) : data.target(i) - fixedIntercept;
            solver.addRow(row, root * target);
        }
        if (l2 > 0) {
            double penaltyRoot = Math.sqrt(l2 * data.weightSum());
            for (int j = 0; j < d; j++) {
                java.util.Arrays.fill(row, 0.0);
                row[j + offset] = penaltyRoot;
                solver.addRow(row, 0.0);
            }
        }
        double[] solution = solver.solve();
        if (solution == null) {
            return null;
        }
        double[] coefficients = new double[d];
        System.arraycopy(solution, offset, coefficients, 0, d);
        return new Weights(fitIntercept ? solution[0] : fixedIntercept, coefficients);
    }
}
