package dev.gradfit.fitting.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.linalg.HouseholderLeastSquares;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeastSquaresReferenceTest {

    /**
     * Householder QR is backward stable: on these well-conditioned problems (condition numbers below 100)
     * the solution agrees with the closed form to a few hundred ulps at most.
     */
    private static final double CLOSED_FORM = 1e-12;

    @Test
    void solvesSimpleRegressionLikeTheClosedForm() {
        double[] x = {1, 2, 4, 5, 7, 8};
        double[] y = {3.1, 4.9, 9.2, 10.8, 15.1, 17.2};
        double[] line = simpleRegression(x, y, null, 0.0);

        Weights solved = LeastSquaresReference.solve(Dataset.of(x, y), true, 0.0, 0.0);

        assertThat(solved.intercept()).isCloseTo(line[0], within(CLOSED_FORM));
        assertThat(solved.coefficients()[0]).isCloseTo(line[1], within(CLOSED_FORM));
    }

    @Test
    void weighsRowsLikeRepeatedRows() {
        // Weight 3 on a row counts as three copies of it: the closed form on the repeated rows.
        double[] x = {0, 1, 2, 3};
        double[] y = {1, 2, 2, 5};
        double[] weights = {1, 3, 1, 2};
        double[] line = simpleRegression(x, y, weights, 0.0);

        Weights solved = LeastSquaresReference.solve(new Dataset(x, 1, y, weights), true, 0.0, 0.0);

        assertThat(solved.intercept()).isCloseTo(line[0], within(CLOSED_FORM));
        assertThat(solved.coefficients()[0]).isCloseTo(line[1], within(CLOSED_FORM));
    }

    @Test
    void shrinksTheSlopeWithL2AsRidgeRegressionDoes() {
        // J = (1/n)·Σ(b0 + c·x − y)² + l2·c² is minimised by c = Sxy / (Sxx + n·l2), b0 = ȳ − c·x̄ (centred
        // sums): the intercept is not penalised, so it absorbs the means.
        double[] x = {1, 2, 4, 5, 7, 8};
        double[] y = {3.1, 4.9, 9.2, 10.8, 15.1, 17.2};
        double l2 = 0.75;
        double[] line = simpleRegression(x, y, null, l2);

        Weights solved = LeastSquaresReference.solve(Dataset.of(x, y), true, 0.0, l2);

        assertThat(solved.coefficients()[0]).isCloseTo(line[1], within(CLOSED_FORM));
        assertThat(solved.intercept()).isCloseTo(line[0], within(CLOSED_FORM));
        assertThat(solved.coefficients()[0]).isLessThan(simpleRegression(x, y, null, 0.0)[1]);
    }

    @Test
    void keepsAFixedInterceptWithoutFittingIt() {
        // Through a fixed intercept b0: c = Σ x·(y − b0) / Σ x².
        double[] x = {1, 2, 3};
        double[] y = {3, 4, 8};
        double b0 = 0.5;
        double c = (1 * 2.5 + 2 * 3.5 + 3 * 7.5) / (1 + 4 + 9.0);

        Weights solved = LeastSquaresReference.solve(Dataset.of(x, y), false, b0, 0.0);

        assertThat(solved.intercept()).isEqualTo(b0);
        assertThat(solved.coefficients()[0]).isCloseTo(c, within(CLOSED_FORM));
    }

    @Test
    void recoversAnExactPlaneFromManyRowsAcrossBlocks() {
        // 1000 rows pass through several blocks of the streaming factorisation; the data lie exactly on
        // a plane, so the solution is that plane to rounding.
        SplittableRandom random = new SplittableRandom(7);
        int n = 1000;
        int d = 3;
        double[] features = new double[n * d];
        double[] y = new double[n];
        double[] truth = {-2.5, 0.75, 4.0};
        for (int i = 0; i < n; i++) {
            y[i] = 1.5;
            for (int j = 0; j < d; j++) {
                features[i * d + j] = random.nextDouble(-10, 10);
                y[i] += truth[j] * features[i * d + j];
            }
        }

        Weights solved = LeastSquaresReference.solve(new Dataset(features, d, y), true, 0.0, 0.0);

        assertThat(solved.intercept()).isCloseTo(1.5, within(1e-12));
        for (int j = 0; j < d; j++) {
            assertThat(solved.coefficients()[j]).isCloseTo(truth[j], within(1e-12));
        }
    }

    @Test
    void findsNoUniqueMinimiserForCollinearFeatures() {
        // The second feature is twice the first: infinitely many minimisers.
        double[] features = {1, 2, 2, 4, 3, 6, 4, 8};
        double[] y = {1, 2, 2, 5};

        assertThat(LeastSquaresReference.solve(new Dataset(features, 2, y), true, 0.0, 0.0))
                .isNull();
        // L2 makes the problem strictly convex, and the minimiser unique again.
        assertThat(LeastSquaresReference.solve(new Dataset(features, 2, y), true, 0.0, 0.1))
                .isNotNull();
    }

    @Test
    void reportsTheResidualNorm() {
        // y = {0, 0, 3} on x = {0, 1, 2}: centred sums Sxx = 2, Sxy = 3, Syy = 6, so the least-squares
        // line leaves RSS = Syy − Sxy²/Sxx = 6 − 9/2 = 3/2.
        HouseholderLeastSquares solver = new HouseholderLeastSquares(2);
        solver.addRow(new double[] {1, 0}, 0);
        solver.addRow(new double[] {1, 1}, 0);
        solver.addRow(new double[] {1, 2}, 3);
        assertThat(solver.residualNorm()).isCloseTo(Math.sqrt(1.5), within(1e-15));
    }

    /** {@code {b0, c}} of (weighted, ridge) simple regression in closed form, from centred sums. */
    private static double[] simpleRegression(double[] x, double[] y, double[] weights, double l2) {
        double total = 0;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < x.length; i++) {
            double s = weights == null ? 1 : weights[i];
            total += s;
            meanX += s * x[i];
            meanY += s * y[i];
        }
        meanX /= total;
        meanY /= total;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            double s = weights == null ? 1 : weights[i];
            sxy += s * (x[i] - meanX) * (y[i] - meanY);
            sxx += s * (x[i] - meanX) * (x[i] - meanX);
        }
        double slope = sxy / (sxx + total * l2);
        return new double[] {meanY - slope * meanX, slope};
    }
}
