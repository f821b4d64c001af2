package dev.gradfit.fitting.optimizer;

/**
 * A line search for a step {@code α} along a descent direction {@code d} from {@code x} that satisfies the strong
 * Wolfe conditions (Nocedal and Wright, "Numerical Optimization", 2nd ed., Algorithms 3.5 and 3.6, with the cubic
 * interpolation of eq. 3.59):
 *
 * <pre>
 * f(x + αd) ≤ f(x) + c1·α·∇f(x)·d   and   f(x + αd) &lt; f(x)        (sufficient decrease)
 * |∇f(x + αd)·d| ≤ c2·|∇f(x)·d|                                     (curvature)
 * </pre>
 *
 * with {@code c1 = 1e-4} and {@code c2 = 0.9}, their values for quasi-Newton methods. The strict decrease is
 * gradfit's addition: near a minimum, where the change of {@code f} is below its rounding, the first condition
 * alone would accept a step that does not lower the cost.
 *
 * <p>A trial point whose cost or gradient is not finite counts as one of too high a cost, so the search steps
 * back from where the loss overflows. When the bracket shrinks to rounding or {@value #MAX_EVALUATIONS}
 * evaluations have run, the search settles for the best point of sufficient decrease it has seen (whose
 * curvature condition may not hold), or reports that there is none. One instance per fit; not thread-safe.
 */
final class StrongWolfe {

    static final double C1 = 1e-4;
    static final double C2 = 0.9;

    /**
     * The most evaluations per search: scipy's L-BFGS-B default ({@code maxls}). Enough for a first step 1e10 times
     * too long when the cost overflows there (each such trial cuts the step tenfold) or 1e6 times when it does
     * not (interpolation); at a minimum, where no trial lowers the cost, this is what the last iteration costs.
     */
    static final int MAX_EVALUATIONS = 20;

    /** How far inside the bracket an interpolated step must fall, as a share of its width. */
    private static final double SAFEGUARD = 0.1;

    /** Where between lo and hi the next trial falls when the cost at hi is not finite. */
    private static final double OVERFLOW_CUT = 0.1;

    /** How much a step may grow per trial while the cost keeps falling steeply. */
    private static final double EXPANSION = 4.0;

    private final double[] trial;
    private final double[] trialGradient;
    private double trialStep = Double.NaN;
    private double trialCost;
    private double trialSlope;
    private double shortestStep;
    private double shortestCost;

    private double[] x;
    private double[] d;
    private double f0;
    private double slope0;
    private LineSearchOptimizer.Function function;
    private int evaluations;

    StrongWolfe(int dimension) {
        this.trial = new double[dimension];
        this.trialGradient = new double[dimension];
    }

    /** The weights at the accepted step, valid after {@link #search} returned a positive step. */
    double[] point() {
        return trial;
    }

    /** {@code ∇f} at the accepted step. */
    double[] gradient() {
        return trialGradient;
    }

    /** The shortest step the last search evaluated: how far down it looked before it settled or gave up. */
    double shortestStep() {
        return shortestStep;
    }

    /** {@code f} at {@link #shortestStep}, +∞ where it is not finite. */
    double shortestCost() {
        return shortestCost;
    }

    /** {@code f} at the accepted step. */
    double cost() {
        return trialCost;
    }

    /**
     * Searches along {@code direction} from {@code weights}.
     *
     * @param cost {@code f(x)}, finite
     * @param slope {@code ∇f(x)·d}, negative
     * @param firstStep the step tried first, positive
     * @return the accepted step {@code α > 0}, whose point, cost and gradient {@link #point}, {@link #cost} and
     *     {@link #gradient} give; 0 when no step of sufficient decrease was found
     */
    double search(
            LineSearchOptimizer.Function f,
            double[] weights,
            double cost,
            double[] direction,
            double slope,
            double firstStep) {
        this.function = f;
        this.x = weights;
        this.d = direction;
        this.f0 = cost;
        this.slope0 = slope;
        this.evaluations = 0;
        this.trialStep = Double.NaN;
        this.shortestStep = Double.POSITIVE_INFINITY;
        double previousStep = 0.0;
        double previousCost = cost;
        double previousSlope = slope;
        double step = firstStep;
        while (evaluations < MAX_EVALUATIONS) {
            evaluate(step);
            if (!decreases(step, trialCost) || (previousStep > 0 && trialCost >= previousCost)) {
                return zoom(previousStep, previousCost, previousSlope, step, trialCost, trialSlope);
            }
            if (Math.abs(trialSlope) <= -C2 * slope0) {
                return step;
            }
            if (trialSlope >= 0) {
                return zoom(step, trialCost, trialSlope, previousStep, previousCost, previousSlope);
            }
            previousStep = step;
            previousCost = trialCost;
            previousSlope = trialSlope;
            step *= EXPANSION;
            if (!Double.isFinite(step)) {
                break;
            }
        }
        return settle(previousStep);
    }

    /**
     * Algorithm 3.6: {@code lo} is the step of sufficient decrease with the lowest cost seen (0 for none), and the
     * interval between {@code lo} and {@code hi} holds steps that satisfy both conditions.
     */
    private double zoom(double lo, double loCost, double loSlope, double hi, double hiCost, double hiSlope) {
        while (evaluations < MAX_EVALUATIONS) {
            double step = interpolate(lo, loCost, loSlope, hi, hiCost, hiSlope);
            if (step == lo || step == hi) {
                break; // the bracket has shrunk to rounding
            }
            evaluate(step);
            if (!decreases(step, trialCost) || trialCost >= loCost) {
                hi = step;
                hiCost = trialCost;
                hiSlope = trialSlope;
            } else {
                if (Math.abs(trialSlope) <= -C2 * slope0) {
                    return step;
                }
                if (trialSlope * (hi - lo) >= 0) {
                    hi = lo;
                    hiCost = loCost;
                    hiSlope = loSlope;
                }
                lo = step;
                loCost = trialCost;
                loSlope = trialSlope;
            }
        }
        return settle(lo);
    }

    /** Accepts {@code step} of sufficient decrease (positive) short of the curvature condition, or gives up (0). */
    private double settle(double step) {
        if (step > 0 && step != trialStep) {
            evaluate(step);
        }
        return step > 0 ? step : 0.0;
    }

    private boolean decreases(double step, double cost) {
        return cost <= f0 + C1 * step * slope0 && cost < f0;
    }

    /**
     * The minimiser of the cubic through both ends' costs and slopes (eq. 3.59), kept at least {@value #SAFEGUARD}
     * of the width inside the bracket; the midpoint when the cubic has no minimiser there, and a tenth of the way
     * from {@code lo} when the cost at {@code hi} is not finite.
     */
    private static double interpolate(
            double lo, double loCost, double loSlope, double hi, double hiCost, double hiSlope) {
        double low = Math.min(lo, hi);
        double high = Math.max(lo, hi);
        double width = high - low;
        double middle = low + width / 2;
        if (!Double.isFinite(hiCost) || !Double.isFinite(hiSlope)) {
            return lo + OVERFLOW_CUT * (hi - lo); // the cost overflows at hi, which may be far too long a step
        }
        double d1 = loSlope + hiSlope - 3 * (loCost - hiCost) / (lo - hi);
        double d2 = Math.signum(hi - lo) * Math.sqrt(d1 * d1 - loSlope * hiSlope);
        double step = hi - (hi - lo) * (hiSlope + d2 - d1) / (hiSlope - loSlope + 2 * d2);
        if (!(step >= low + SAFEGUARD * width && step <= high - SAFEGUARD * width)) {
            return middle;
        }
        return step;
    }

    /** Computes the cost, gradient and slope at {@code x + step·d}; a point that is not finite costs +∞. */
    private void evaluate(double step) {
        for (int k = 0; k < trial.length; k++) {
            trial[k] = x[k] + step * d[k];
        }
        double cost = function.valueAndGradient(trial, trialGradient);
        double slope = 0.0;
        for (int k = 0; k < trial.length; k++) {
            slope += trialGradient[k] * d[k];
        }
        boolean finite = Double.isFinite(cost) && Double.isFinite(slope);
        trialCost = finite ? cost : Double.POSITIVE_INFINITY;
        trialSlope = finite ? slope : Double.NaN;
        trialStep = step;
        if (step < shortestStep) {
            shortestStep = step;
            shortestCost = trialCost;
        }
        evaluations++;
    }
}
