package dev.gradfit.fitting.linalg;

/**
 * Linear least squares {@code min ‖A·x − b‖} by Householder QR, fed one row at a time.
 *
 * <p>The solver keeps only the triangular factor of the augmented matrix {@code [A | b]}, a
 * {@code (p+1)×(p+1)} upper-triangular {@code R̃ = [[R, z], [0, ρ]]} with {@code z = Qᵀb} and
 * {@code |ρ| = min ‖A·x − b‖}. Rows arrive in blocks; each block is stacked under {@code R̃} and
 * re-triangularised with Householder reflections (Golub and Van Loan, <i>Matrix Computations</i>, 4th
 * ed., §5.2 and §5.3.4 on updating; the blocked scheme is the "tall and skinny QR" of Demmel et al.). So
 * memory is {@code O(p² + block·p)} whatever the number of rows, and the work is {@code O(rows·p²)}.
 *
 * <p>Why QR and not the normal equations: Householder QR is backward stable, and its error grows with
 * the condition number {@code κ(A)}, where solving {@code AᵀA·x = Aᵀb} by Cholesky loses twice as many
 * digits ({@code κ(A)²}). On NIST's Filip data ({@code κ(AᵀA)} about 1e16 even after scaling) the normal
 * equations return nothing useful while QR keeps about eight digits. Why by hand: the numerical core
 * depends on nothing but the JDK, and the whole factorisation is the one loop in {@link #reduce}.
 *
 * <p>Not thread-safe; one instance solves one problem.
 */
public final class HouseholderLeastSquares {

    /**
     * A column whose new part {@code |R_kk|} is at most this fraction of its own norm lies, to working
     * precision, in the span of the columns before it: the problem then has no unique solution. Filip's
     * most nearly dependent column keeps about 5e-8 of its norm; exactly collinear columns land near
     * 1e-16.
     */
    static final double RANK_TOLERANCE = 1e-13;

    private final int unknowns;
    private final int width;
    private final double[][] triangle;
    private final double[][] block;
    private final double[] columnScale;
    private final double[] columnSumSquares;
    private int pending;

    /** @param unknowns the number of columns of {@code A}, at least 1 */
    public HouseholderLeastSquares(int unknowns) {
        if (unknowns < 1) {
            throw new IllegalArgumentException("unknowns must be at least 1, was " + unknowns);
        }
        this.unknowns = unknowns;
        this.width = unknowns + 1;
        this.triangle = new double[width][width];
        this.block = new double[Math.max(4 * width, 256)][width];
        this.columnScale = new double[unknowns];
        this.columnSumSquares = new double[unknowns];
    }

    /**
     * Adds the equation {@code row·x ≈ target}.
     *
     * @param row {@link #unknowns} coefficients; copied
     */
    public void addRow(double[] row, double target) {
        double[] slot = block[pending];
        System.arraycopy(row, 0, slot, 0, unknowns);
        slot[unknowns] = target;
        for (int j = 0; j < unknowns; j++) {
            accumulateNorm(j, row[j]);
        }
        if (++pending == block.length) {
            reduce();
        }
    }

    /**
     * Solves the problem posed by the rows added so far.
     *
     * @return the solution, or {@code null} if the columns are linearly dependent to working precision
     *     (see {@link #RANK_TOLERANCE}), in which case the minimiser is not unique
     */
    public double[] solve() {
        reduce();
        double[] x = new double[unknowns];
        for (int k = unknowns - 1; k >= 0; k--) {
            double diagonal = triangle[k][k];
            double norm = columnNorm(k);
            if (norm == 0 || Math.abs(diagonal) <= RANK_TOLERANCE * norm) {
                return null;
            }
            double sum = triangle[k][unknowns];
            for (int j = k + 1; j < unknowns; j++) {
                sum -= triangle[k][j] * x[j];
            }
            x[k] = sum / diagonal;
        }
        return x;
    }

    /** {@code min ‖A·x − b‖}, the norm of the least-squares residual. */
    public double residualNorm() {
        reduce();
        return Math.abs(triangle[unknowns][unknowns]);
    }

    /**
     * Folds the pending rows into the triangle: for each column {@code k}, one Householder reflection over
     * row {@code k} of the triangle and the pending rows (the triangle's rows below {@code k} are already
     * zero in that column) zeroes the column below the diagonal.
     */
    private void reduce() {
        int m = pending;
        if (m == 0) {
            return;
        }
        for (int k = 0; k < width; k++) {
            // Scale before squaring so that values near the double range neither overflow nor underflow.
            double scale = Math.abs(triangle[k][k]);
            for (int i = 0; i < m; i++) {
                scale = Math.max(scale, Math.abs(block[i][k]));
            }
            if (scale == 0) {
                continue;
            }
            double head = triangle[k][k] / scale;
            double sumSquares = head * head;
            for (int i = 0; i < m; i++) {
                double v = block[i][k] / scale;
                sumSquares += v * v;
            }
            double norm = Math.sqrt(sumSquares);
            // Reflect x onto alpha·e₀ with alpha of the sign opposite to x₀, so that v₀ = x₀ − alpha
            // adds magnitudes instead of cancelling them.
            double alpha = head >= 0 ? -norm : norm;
            double v0 = head - alpha;
            for (int i = 0; i < m; i++) {
                block[i][k] /= scale;
            }
            // H = I − v·vᵀ/(alpha·v₀)·(−1): with v = x − alpha·e₀, vᵀv = −2·alpha·v₀.
            double beta = -1.0 / (alpha * v0);
            for (int j = k + 1; j < width; j++) {
                double s = v0 * triangle[k][j];
                for (int i = 0; i < m; i++) {
                    s += block[i][k] * block[i][j];
                }
                s *= beta;
                triangle[k][j] -= s * v0;
                for (int i = 0; i < m; i++) {
                    block[i][j] -= s * block[i][k];
                }
            }
            triangle[k][k] = alpha * scale;
            for (int i = 0; i < m; i++) {
                block[i][k] = 0.0;
            }
        }
        pending = 0;
    }

    private void accumulateNorm(int j, double value) {
        double a = Math.abs(value);
        if (a == 0) {
            return;
        }
        if (a > columnScale[j]) {
            double ratio = columnScale[j] / a;
            columnSumSquares[j] = 1.0 + columnSumSquares[j] * ratio * ratio;
            columnScale[j] = a;
        } else {
            double ratio = a / columnScale[j];
            columnSumSquares[j] += ratio * ratio;
        }
    }

    private double columnNorm(int j) {
        return columnScale[j] * Math.sqrt(columnSumSquares[j]);
    }

    @Override
    public String toString() {
        return "HouseholderLeastSquares[unknowns=" + unknowns + "]";
    }
}
