package dev.gradfit.fitting.optimizer;

/** The state of one {@link Lbfgs} fit: the kept pairs, in a ring, and the line search's buffers. */
final class LbfgsSearch implements LineSearchOptimizer.Search {

    /** Below this share of {@code y·y}, {@code s·y} is rounding, and the pair would spoil {@code H}. */
    private static final double CURVATURE_FLOOR = Math.ulp(1.0);

    /**
     * The share of the cost below which a decrease is taken for rounding: 2⁻⁴⁰, a little above the rounding of a
     * mean of many terms, so that a minimum is recognised as such.
     */
    private static final double RESOLVED = 0x1p-40;

    /** The most further steepest-descent searches, each from a step this much shorter than the last one tried. */
    private static final int MAX_RETRIES = 8;

    private static final double RETRY_CUT = 0.1;

    /**
     * The step to search from after a search found no decrease down to {@code step}: the minimiser of the parabola
     * through {@code f(0) = cost}, {@code f'(0) = slope} and {@code f(step) = stepCost}, which the cubic of the
     * line search cannot give when it lies below the rounding of {@code step} (a thousand-millionth of it, or
     * less), and at most {@value #RETRY_CUT} of {@code step}, so that every retry looks further down.
     */
    private static double shorterStep(double cost, double slope, double step, double stepCost) {
        double curvature = stepCost - cost - slope * step; // ≈ κ·step²/2 > 0: the cost did not fall
        double parabola = -slope * step * step / (2 * curvature);
        double cut = RETRY_CUT * step;
        return parabola > 0 && parabola < cut ? parabola : cut;
    }

    private final int memory;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private final double[] direction;
    private double[] sNext;
    private double[] yNext;
    private final StrongWolfe lineSearch;
    private int pairs;
    private int newest = -1;
    private double stepLength = Double.NaN;

    LbfgsSearch(int memory, int dimension) {
        this.memory = memory;
        this.s = new double[memory][dimension];
        this.y = new double[memory][dimension];
        this.rho = new double[memory];
        this.alpha = new double[memory];
        this.direction = new double[dimension];
        this.sNext = new double[dimension];
        this.yNext = new double[dimension];
        this.lineSearch = new StrongWolfe(dimension);
    }

    @Override
    public double iterate(double[] weights, double cost, double[] gradient, LineSearchOptimizer.Function function) {
        while (true) {
            boolean steepest = pairs == 0;
            double slope = direction(gradient);
            if (slope < 0) {
                double first = steepest ? 1.0 / Math.sqrt(dot(gradient, gradient)) : 1.0;
                for (int round = 0; ; round++) {
                    double step = lineSearch.search(function, weights, cost, direction, slope, first);
                    if (step > 0) {
                        accept(weights, gradient, step);
                        return lineSearch.cost();
                    }
                    // A search that gave up at steps whose first-order decrease is still above the cost's
                    // rounding did not find a minimum: the curvature along d is so much larger than the first
                    // step assumed (raw features near 1e8 make it 1e16 times larger) that the line's minimum
                    // lies below what its interpolation resolves and its halvings reach, and shorter steps lower
                    // the cost. Only where even the shortest step's decrease drowns in rounding is this a minimum.
                    double shortest = lineSearch.shortestStep();
                    if (!steepest || round == MAX_RETRIES || !(-slope * shortest > RESOLVED * Math.abs(cost))) {
                        break;
                    }
                    first = shorterStep(cost, slope, shortest, lineSearch.shortestCost());
                }
            }
            if (steepest) {
                return Double.NaN; // not even steepest descent lowers the cost: a minimum, to rounding
            }
            pairs = 0;
        }
    }

    @Override
    public double stepLength() {
        return stepLength;
    }

    /**
     * Writes {@code −H·g} into {@link #direction} by the two-loop recursion (Nocedal and Wright, Algorithm 7.4),
     * and returns its slope {@code g·d}; with no pairs, steepest descent {@code −g}.
     */
    private double direction(double[] g) {
        int n = g.length;
        for (int k = 0; k < n; k++) {
            direction[k] = -g[k];
        }
        int i = newest;
        for (int j = 0; j < pairs; j++, i = previous(i)) {
            alpha[i] = rho[i] * dot(s[i], direction);
            axpy(-alpha[i], y[i], direction);
        }
        if (pairs > 0) {
            double gamma = 1.0 / (rho[newest] * dot(y[newest], y[newest]));
            for (int k = 0; k < n; k++) {
                direction[k] *= gamma;
            }
        }
        i = oldest();
        for (int j = 0; j < pairs; j++, i = (i + 1) % memory) {
            double beta = rho[i] * dot(y[i], direction);
            axpy(alpha[i] - beta, s[i], direction);
        }
        return dot(g, direction);
    }

    /** Moves to the line search's point, keeping the pair {@code (s, y)} when its curvature is positive. */
    private void accept(double[] weights, double[] gradient, double step) {
        double[] point = lineSearch.point();
        double[] newGradient = lineSearch.gradient();
        double[] sk = sNext;
        double[] yk = yNext;
        for (int k = 0; k < weights.length; k++) {
            sk[k] = point[k] - weights[k];
            yk[k] = newGradient[k] - gradient[k];
        }
        double sy = dot(sk, yk);
        double yy = dot(yk, yk);
        if (sy > CURVATURE_FLOOR * yy && yy > 0) {
            // The new pair takes the oldest one's slot; the oldest one's arrays become the next scratch.
            int slot = (newest + 1) % memory;
            sNext = s[slot];
            yNext = y[slot];
            s[slot] = sk;
            y[slot] = yk;
            rho[slot] = 1.0 / sy;
            newest = slot;
            pairs = Math.min(pairs + 1, memory);
        }
        System.arraycopy(point, 0, weights, 0, weights.length);
        System.arraycopy(newGradient, 0, gradient, 0, gradient.length);
        stepLength = step;
    }

    private int previous(int i) {
        return (i - 1 + memory) % memory;
    }

    private int oldest() {
        return ((newest - pairs + 1) % memory + memory) % memory;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int k = 0; k < x.length; k++) {
            y[k] += a * x[k];
        }
    }
}
