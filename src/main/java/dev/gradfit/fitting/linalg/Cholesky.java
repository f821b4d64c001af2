package dev.gradfit.fitting.linalg;

/**
 * Cholesky factorisation {@code A = L·Lᵀ} and solve, for the small symmetric positive definite systems of
 * Newton's method (Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., §4.2). By hand for the same
 * reason as {@link HouseholderLeastSquares}: the numerical core depends on nothing but the JDK.
 */
public final class Cholesky {

    private Cholesky() {}

    /**
     * Solves {@code A·x = b} in place for a symmetric positive definite {@code A} given by its lower
     * triangle, which is overwritten by the Cholesky factor.
     *
     * @return false if {@code A} is not positive definite to working precision
     */
    public static boolean solveInPlace(double[][] a, double[] b) {
        int m = b.length;
        for (int j = 0; j < m; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j][k] * a[j][k];
            }
            // relative to the original diagonal: a pivot lost to cancellation means a singular matrix
            if (!(diagonal > 1e-14 * Math.abs(a[j][j])) || diagonal == 0) {
                return false;
            }
            double root = Math.sqrt(diagonal);
            a[j][j] = root;
            for (int i = j + 1; i < m; i++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i][k] * a[j][k];
                }
                a[i][j] = sum / root;
            }
        }
        for (int i = 0; i < m; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= a[i][k] * b[k];
            }
            b[i] = sum / a[i][i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double sum = b[i];
            for (int k = i + 1; k < m; k++) {
                sum -= a[k][i] * b[k];
            }
            b[i] = sum / a[i][i];
        }
        return true;
    }
}
