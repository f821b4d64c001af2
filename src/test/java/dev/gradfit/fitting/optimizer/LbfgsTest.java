package dev.gradfit.fitting.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** L-BFGS and its line search on functions whose minimisers are known in closed form. */
class LbfgsTest {

    /** Runs up to {@code iterations} iterations from {@code start}; returns the costs, the start's first. */
    private static List<Double> minimise(Lbfgs lbfgs, LineSearchOptimizer.Function f, double[] start, int iterations) {
        LineSearchOptimizer.Search search = lbfgs.startSearch(start.length);
        double[] gradient = new double[start.length];
        double cost = f.valueAndGradient(start, gradient);
        List<Double> costs = new ArrayList<>(List.of(cost));
        for (int i = 0; i < iterations; i++) {
            double next = search.iterate(start, cost, gradient, f);
            if (Double.isNaN(next)) {
                break;
            }
            costs.add(next);
            cost = next;
        }
        return costs;
    }

    /** Rosenbrock's function {@code 100·(x2 − x1²)² + (1 − x1)²}, minimum 0 at (1, 1). */
    private static double rosenbrock(double[] x, double[] g) {
        double a = x[1] - x[0] * x[0];
        double b = 1 - x[0];
        g[0] = -400 * a * x[0] - 2 * b;
        g[1] = 200 * a;
        return 100 * a * a + b * b;
    }

    @Test
    void minimisesRosenbrocksFunctionFromTheClassicStartLoweringTheCostEveryIteration() {
        // The start (−1.2, 1) of Nocedal and Wright's examples: a curved valley where steepest descent needs
        // thousands of steps and quasi-Newton methods a few dozen.
        double[] x = {-1.2, 1.0};

        List<Double> costs = minimise(new Lbfgs(), LbfgsTest::rosenbrock, x, 200);

        // The Hessian at (1, 1) has condition number about 2500: weights within 1e-7 of the minimiser mean a
        // cost below about 1e-11, far above rounding, so reaching them is the method's doing.
        assertThat(x[0]).isCloseTo(1.0, within(1e-7));
        assertThat(x[1]).isCloseTo(1.0, within(1e-7));
        assertThat(costs.size() - 1).as("iterations").isLessThan(60);
        for (int i = 1; i < costs.size(); i++) {
            assertThat(costs.get(i)).as("cost after iteration %d", i).isLessThan(costs.get(i - 1));
        }
    }

    @Test
    void solvesAQuadraticInAboutAsManyIterationsAsItHasWeights() {
        // J(w) = ½·(w − w*)ᵀA(w − w*) with A = tridiag(−1, 4, −1) (5 × 5) and w* = (1, …, 5). Its minimum is 0, so
        // the cost resolves errors in w far below 1e-9 (a cost of the form ½·wᵀAw − bᵀw, whose minimum is −55,
        // could not tell weights apart closer than about √(ulp(55)/2) ≈ 1e-7).
        double[] expected = {1, 2, 3, 4, 5};
        LineSearchOptimizer.Function quadratic = (w, g) -> {
            double[] e = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                e[k] = w[k] - expected[k];
            }
            double[] ae = multiply(e);
            double value = 0.0;
            for (int k = 0; k < w.length; k++) {
                g[k] = ae[k];
                value += 0.5 * e[k] * ae[k];
            }
            return value;
        };
        double[] w = new double[5];

        List<Double> costs = minimise(new Lbfgs(), quadratic, w, 100);

        // With memory at least the dimension and exact line searches this would be conjugate gradients, done in
        // 5 steps; the inexact (Wolfe) steps cost a few more. The eigenvalues of A lie in [2, 6], so an error of
        // 1e-9 in w is a gradient of at most 6e-9, which the iterations reach well before rounding stops them.
        assertThat(costs.size() - 1).as("iterations").isLessThanOrEqualTo(20);
        for (int k = 0; k < 5; k++) {
            assertThat(w[k]).as("w[%d]", k).isCloseTo(expected[k], within(1e-9));
        }
    }

    @Test
    void reportsThatItDidNotMoveAtTheMinimum() {
        double[] x = {1.0, 1.0};
        double[] gradient = new double[2];
        double cost = rosenbrock(x, gradient);

        double next = new Lbfgs().startSearch(2).iterate(x, cost, gradient, LbfgsTest::rosenbrock);

        assertThat(next).isNaN();
        assertThat(x).containsExactly(1.0, 1.0);
    }

    @Test
    void findsTheDecreaseOfAFirstStepFarBelowTheRoundingOfItsLength() {
        // J(w) = ½·Σ(w0 + xᵢ·w1 − yᵢ)² on x = 1e8, 1e8 + 1, 1e8 + 2, as raw features near 1e8 give: along −∇J
        // the curvature is about 1e16 times what the first step 1/|∇J| assumes, so the cost's minimum on that
        // line lies some 1e-16 of the way to the first trial, below what the line search's interpolation can
        // resolve from there, and its halvings stop 1e6 short of it. The cost still falls from 10.5 to the
        // line's minimum J(0) − ½·(gᵀg)²/|A·g|², with g = −Aᵀy: a minimum along steepest descent, not at 0.
        double[][] rows = {{1, 1e8}, {1, 1e8 + 1}, {1, 1e8 + 2}};
        double[] y = {1, 2, 4};
        LineSearchOptimizer.Function leastSquares = (w, g) -> {
            double value = 0.0;
            g[0] = 0.0;
            g[1] = 0.0;
            for (int i = 0; i < rows.length; i++) {
                double r = rows[i][0] * w[0] + rows[i][1] * w[1] - y[i];
                value += 0.5 * r * r;
                g[0] += r * rows[i][0];
                g[1] += r * rows[i][1];
            }
            return value;
        };
        double[] w = new double[2];
        double[] gradient = new double[2];
        double cost = leastSquares.valueAndGradient(w, gradient);
        double gg = gradient[0] * gradient[0] + gradient[1] * gradient[1];
        double agSquared = 0.0;
        for (double[] row : rows) {
            double ag = row[0] * gradient[0] + row[1] * gradient[1];
            agSquared += ag * ag;
        }
        double lineMinimum = cost - 0.5 * gg * gg / agSquared; // 10.5 − 10.499…: about 0.0238

        double next = new Lbfgs().startSearch(2).iterate(w, cost, gradient, leastSquares);

        // The line's minimum is found by a parabola through exact costs of a quadratic: to rounding of the costs
        // (about 1e-16 of 1e16 at the first trial, so 1e-6 absolute at worst), far from the 10.5 of not moving.
        assertThat(cost).isEqualTo(10.5);
        assertThat(next).isCloseTo(lineMinimum, within(1e-6));
    }

    @Test
    void stepsBackFromWhereTheCostOverflows() {
        // (x − 0.5)² is infinite from x = 0.75 on: the first step from 0 (length 1/|J'(0)| = 1) lands there, and
        // the line search must come back rather than give up or move to an infinite cost.
        LineSearchOptimizer.Function walled = (x, g) -> {
            g[0] = 2 * (x[0] - 0.5);
            return x[0] < 0.75 ? (x[0] - 0.5) * (x[0] - 0.5) : Double.POSITIVE_INFINITY;
        };
        double[] x = {0.0};

        List<Double> costs = minimise(new Lbfgs(), walled, x, 50);

        assertThat(x[0]).isCloseTo(0.5, within(1e-9));
        assertThat(costs).allSatisfy(c -> assertThat(c).isFinite());
    }

    @Test
    void keepsBetweenOneAndAHundredPairs() {
        assertThat(new Lbfgs().memory()).isEqualTo(10);
        assertThat(new Lbfgs(1).memory()).isEqualTo(1);
        assertThat(new Lbfgs(100).memory()).isEqualTo(100);
        assertThatThrownBy(() -> new Lbfgs(0)).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Lbfgs(101)).hasMessageContaining("memory");
        assertThatThrownBy(() -> new Lbfgs().start(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new GradientClipping(new Lbfgs(), 1.0)).hasMessageContaining("clipNorm");
    }

    /** tridiag(−1, 4, −1)·v. */
    private static double[] multiply(double[] v) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = 4 * v[k] - (k > 0 ? v[k - 1] : 0) - (k + 1 < v.length ? v[k + 1] : 0);
        }
        return out;
    }
}
