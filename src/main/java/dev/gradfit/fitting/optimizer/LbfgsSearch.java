package dev.gradfit.fitting.optimizer;

/** The state of one {@link Lbfgs} fit: the kept pairs, in a ring, and the line search's buffers. */
final class LbfgsSearch implements LineSearchOptimizer.Search {

    /** Below this share of {@code y·y}, {@code s·y} is rounding, and the pair would spoil {@code H}. */
    private static final double CURVATURE_FLOOR = Math.ulp(1.0);

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
                double step = lineSearch.search(function, weights, cost, direction, slope, first);
                if (step > 0) {
                    accept(weights, gradient, step);
                    return lineSearch.cost();
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
