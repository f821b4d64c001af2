package dev.gradfit.fitting.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.reference.ReferenceFixture;
import org.junit.jupiter.api.Test;

class LogisticReferenceTest {

    /** Newton converges quadratically: once close, the next step is exact to rounding. */
    private static final double NEWTON = 1e-12;

    @Test
    void solvesTheTwoGroupCaseByHand() {
        // x = 0: one positive in four, so σ(b0) = 1/4 and b0 = log(1/3); x = 1: three in four, so
        // σ(b0 + c) = 3/4, b0 + c = log 3 and c = 2·log 3. Each group's fitted probability equals its
        // observed share (the logistic score equations with a saturated model).
        double[] x = {0, 0, 0, 0, 1, 1, 1, 1};
        double[] y = {1, 0, 0, 0, 1, 1, 1, 0};

        LogisticReference.Solution solution = LogisticReference.solve(Dataset.of(x, y), true, 0.0, 0.0);

        assertThat(solution.problem()).isNull();
        assertThat(solution.weights().intercept()).isCloseTo(Math.log(1.0 / 3), within(NEWTON));
        assertThat(solution.weights().coefficients()[0]).isCloseTo(2 * Math.log(3), within(NEWTON));
        assertThat(solution.iterations()).isLessThan(20);
    }

    @Test
    void matchesSampleWeightsToRepeatedRows() {
        // The same case with the three zeros at x = 0 as one row of weight 3, and so on.
        double[] x = {0, 0, 1, 1};
        double[] y = {1, 0, 1, 0};
        double[] s = {1, 3, 3, 1};

        LogisticReference.Solution solution = LogisticReference.solve(new Dataset(x, 1, y, s), true, 0.0, 0.0);

        assertThat(solution.weights().intercept()).isCloseTo(Math.log(1.0 / 3), within(NEWTON));
        assertThat(solution.weights().coefficients()[0]).isCloseTo(2 * Math.log(3), within(NEWTON));
    }

    @Test
    void solvesTheL2CaseWhereTheGradientVanishes() {
        // x = {−1, −1, 1, 1}, y = {0, 0, 1, 1}: separable, but with l2 = 0.1 the minimiser is finite. The
        // data are symmetric under x → −x, y → 1 − y, so b0 = 0, and then ∂J/∂c = (σ(c) − 1) + 2·l2·c,
        // whose root is found here by bisection, independently of Newton.
        double[] x = {-1, -1, 1, 1};
        double[] y = {0, 0, 1, 1};
        double l2 = 0.1;
        double low = 0;
        double high = 10;
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (LogisticLoss.probability(mid) - 1 + 2 * l2 * mid > 0) {
                high = mid;
            } else {
                low = mid;
            }
        }

        LogisticReference.Solution solution = LogisticReference.solve(Dataset.of(x, y), true, 0.0, l2);

        assertThat(solution.weights().intercept()).isCloseTo(0.0, within(NEWTON));
        assertThat(solution.weights().coefficients()[0]).isCloseTo(low, within(NEWTON));
    }

    @Test
    void reportsSeparableClassesWithoutL2() {
        double[] x = {-1, -1, 1, 1};
        double[] y = {0, 0, 1, 1};

        LogisticReference.Solution solution = LogisticReference.solve(Dataset.of(x, y), true, 0.0, 0.0);

        assertThat(solution.weights()).isNull();
        assertThat(solution.problem()).contains("separable");
    }

    @Test
    void reportsQuasiSeparatedClassesWithoutL2() {
        // x = 0 holds both classes, x < 0 only zeros, x > 0 only ones: the plane x = 0 separates all but
        // the ties, so the slope runs off to infinity while the intercept stays finite.
        double[] x = {-2, -1, 0, 0, 1, 2};
        double[] y = {0, 0, 0, 1, 1, 1};

        LogisticReference.Solution solution = LogisticReference.solve(Dataset.of(x, y), true, 0.0, 0.0);

        assertThat(solution.weights()).isNull();
        assertThat(solution.problem()).contains("separated");
    }

    @Test
    void doesNotCallNearlyCollinearFeaturesSeparated() {
        // The columns x and x + 1e-7·e: their minimiser is finite, with coefficients near ±1e7 (statsmodels'
        // Logit on the columns x and e, which span the same models, converges to (−0.0915, 0.4429, 1.0039) and a
        // mean log-likelihood of −0.647975), so the weights pass the runaway bound without any separation.
        double[] x = {0.35, 0.82, 0.33, -1.3, 0.91, 0.45, -0.54, 0.58, 0.36, 0.29, 0.03, 0.55};
        double[] e = {-0.74, -0.16, -0.48, 0.6, 0.04, -0.29, -0.78, -0.26, 0.01, -0.28, 1.29, 1.01};
        double[] y = {0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1};
        double[] features = new double[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            features[2 * i] = x[i];
            features[2 * i + 1] = x[i] + 1e-7 * e[i];
        }

        LogisticReference.Solution solution = LogisticReference.solve(new Dataset(features, 2, y), true, 0.0, 0.0);

        assertThat(solution.problem()).contains("collinear");
    }

    @Test
    void reportsCollinearFeaturesAsASingularHessian() {
        // Two copies of the same feature: the Hessian has a zero eigenvalue along (1, −1).
        double[] features = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        double[] y = {1, 0, 0, 1, 0};

        LogisticReference.Solution solution = LogisticReference.solve(new Dataset(features, 2, y), true, 0.0, 0.0);

        assertThat(solution.weights()).isNull();
        assertThat(solution.problem()).contains("singular");
    }

    @Test
    void keepsAFixedIntercept() {
        // Without a free intercept, the two groups x = ±1 with shares 3/4 and 1/4 at fixed b0 = 0 give
        // the score equation Σ(σ(c·x) − y)·x = 0, satisfied by σ(c) = 3/4, c = log 3.
        double[] x = {1, 1, 1, 1, -1, -1, -1, -1};
        double[] y = {1, 1, 1, 0, 1, 0, 0, 0};

        LogisticReference.Solution solution = LogisticReference.solve(Dataset.of(x, y), false, 0.0, 0.0);

        assertThat(solution.weights().intercept()).isZero();
        assertThat(solution.weights().coefficients()[0]).isCloseTo(Math.log(3), within(NEWTON));
    }

    @Test
    void solvesTimestampFeaturesFarFromZero() {
        // x = 1.7e9 + {0, …, 5}: raw, the intercept and slope columns of the Hessian agree to 1e-18 and
        // it looks singular. statsmodels, on x − 1.7e9 (logistic_offset.py), gives the answer.
        ReferenceFixture statsmodels = ReferenceFixture.load("logistic_offset");
        double offset = statsmodels.number("offset");

        LogisticReference.Solution solution =
                LogisticReference.solve(Dataset.of(statsmodels.numbers("x"), statsmodels.numbers("y")), true, 0.0, 0.0);

        assertThat(solution.problem()).isNull();
        double slope = solution.weights().coefficients()[0];
        // Newton on well-conditioned centred data agrees with statsmodels' Newton to rounding.
        assertThat(slope).isCloseTo(statsmodels.number("slope"), within(1e-12));
        // The intercept is about −1.1e9, so b0 + c·offset cancels nine digits: rounding of b0 (1e-7) remains.
        assertThat(solution.weights().intercept() + slope * offset)
                .isCloseTo(statsmodels.number("interceptAtOffset"), within(1e-6));
    }

    @Test
    void scalesThePenaltyWithTheColumns() {
        // The same data with x in units of 1e-6 and with l2 > 0: the penalty l2·c² is on the coefficient of
        // the column as given, so scaling x by 1e-6 must not move the minimiser's predictions unless the
        // penalty is scaled by 1e12. Here both fits use the same l2 on c, and so their scores differ; the
        // check is the score equation ∂J/∂c = Σ(p − y)·x/n + 2·l2·c = 0 and ∂J/∂b0 = Σ(p − y)/n = 0.
        double[] x = {1e-6, 2e-6, 3e-6, 4e-6, 5e-6, 6e-6};
        double[] y = {0, 1, 0, 0, 1, 1};
        double l2 = 1e-12;

        LogisticReference.Solution solution = LogisticReference.solve(Dataset.of(x, y), true, 0.0, l2);

        double b0 = solution.weights().intercept();
        double c = solution.weights().coefficients()[0];
        double dIntercept = 0;
        double dSlope = 0;
        for (int i = 0; i < x.length; i++) {
            double residual = LogisticLoss.probability(b0 + c * x[i]) - y[i];
            dIntercept += residual / x.length;
            dSlope += residual * x[i] / x.length;
        }
        dSlope += 2 * l2 * c;
        assertThat(dIntercept).isCloseTo(0.0, within(1e-15));
        // The slope's partial derivative carries the unit 1e-6 of x.
        assertThat(dSlope).isCloseTo(0.0, within(1e-21));
    }

    @Test
    void takesNewtonStepsWhileTheyShrinkTheGradientEvenWhereTheCostCannotTellThem() {
        // Near this minimum the cost changes by less than its rounding, and the search used to stop one step short:
        // weights 3e-8 from the minimiser and a gradient of 1e-9.
        double[] x = {
            -0.25, -0.38, -0.87, -1.19, 0.06, 0.26, -0.28, 0.56, 0.31, 1.01, 0.04, 0.15, 1.12, -0.43, 0.46, 1.0, 0.9,
            0.83, 0.63, -0.28
        };
        double[] y = {1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1};
        double l2 = 0.01;

        LogisticReference.Solution solution = LogisticReference.solve(Dataset.of(x, y), true, 0.0, l2);

        double b0 = solution.weights().intercept();
        double b = solution.weights().coefficients()[0];
        // ∂J/∂b0 = Σ (p − y) / n and ∂J/∂b = Σ (p − y)·x / n + 2·l2·b, summed exactly.
        java.math.BigDecimal g0 = java.math.BigDecimal.ZERO;
        java.math.BigDecimal g1 = java.math.BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            double p = 1.0 / (1.0 + Math.exp(-(b0 + b * x[i])));
            java.math.BigDecimal r = new java.math.BigDecimal(p).subtract(new java.math.BigDecimal(y[i]));
            g0 = g0.add(r);
            g1 = g1.add(r.multiply(new java.math.BigDecimal(x[i])));
        }
        double gradient0 = g0.doubleValue() / x.length;
        double gradient1 = g1.doubleValue() / x.length + 2 * l2 * b;
        assertThat(Math.hypot(gradient0, gradient1)).isLessThan(1e-14);
    }
}
