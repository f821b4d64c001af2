package dev.gradfit.fitting.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.reference.ReferenceFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLinkLossTest {

    /**
     * scikit-learn evaluates the same formulas in another order (its loss without the constant, then the
     * constant added), so the two agree to a few ulps of the larger of the two terms, not of the result.
     */
    private static final double ROUNDING = 1e-13;

    private static final ReferenceFixture POINTWISE = ReferenceFixture.load("glm/pointwise");

    @Test
    void matchesScikitLearnsHalfDeviancesGradientsAndHessians() {
        Map<String, LogLinkLoss> losses = Map.of(
                "poisson",
                PoissonLoss.INSTANCE,
                "gamma",
                GammaLoss.INSTANCE,
                "tweedie1.5",
                new TweedieLoss(1.5),
                "tweedie1.2",
                new TweedieLoss(1.2));
        losses.forEach((name, loss) -> {
            double[] z = POINTWISE.numbers(name, "z");
            double[] y = POINTWISE.numbers(name, "y");
            double[] value = POINTWISE.numbers(name, "value");
            double[] gradient = POINTWISE.numbers(name, "gradient");
            double[] hessian = POINTWISE.numbers(name, "hessian");
            for (int i = 0; i < z.length; i++) {
                double scale = 1.0 + Math.abs(y[i] * z[i]) + Math.exp(2 * Math.abs(z[i]));
                assertThat(loss.value(z[i], y[i]))
                        .as("%s value at z=%s, y=%s", name, z[i], y[i])
                        .isCloseTo(value[i], within(ROUNDING * scale));
                assertThat(loss.derivative(z[i], y[i]))
                        .as("%s gradient at z=%s, y=%s", name, z[i], y[i])
                        .isCloseTo(gradient[i], within(ROUNDING * scale));
                assertThat(loss.secondDerivative(z[i], y[i]))
                        .as("%s hessian at z=%s, y=%s", name, z[i], y[i])
                        .isCloseTo(hessian[i], within(ROUNDING * scale));
            }
        });
    }

    @Test
    void isZeroWhereTheMeanEqualsTheTargetAndPositiveElsewhere() {
        for (LogLinkLoss loss : new LogLinkLoss[] {PoissonLoss.INSTANCE, GammaLoss.INSTANCE, new TweedieLoss(1.5)}) {
            for (double y : new double[] {0.01, 1.0, 7.5, 1e6}) {
                assertThat(loss.value(Math.log(y), y))
                        .as("%s at μ = y = %s", loss, y)
                        .isCloseTo(0.0, within(1e-9 * y));
                assertThat(loss.value(Math.log(y) + 1e-3, y))
                        .as("%s beside μ = y = %s", loss, y)
                        .isPositive();
                assertThat(loss.derivative(Math.log(y), y)).isCloseTo(0.0, within(1e-12 * Math.max(1, y)));
            }
        }
    }

    @Test
    void splitsIntoTheKernelsPartAndAConstant() {
        // The fused kernels sum the part of ℓ that depends on z and add constant(y) once: the two must add up.
        double[] zs = {-2.0, 0.3, 3.0};
        double[] ys = {0.0, 0.5, 4.0};
        for (double z : zs) {
            for (double y : ys) {
                assertThat(PoissonLoss.INSTANCE.value(z, y))
                        .isCloseTo(Math.exp(z) - y * z + PoissonLoss.INSTANCE.constant(y), within(1e-12));
                double p = 1.5;
                double tweedie = Math.exp((2 - p) * z) / (2 - p) - y * Math.exp((1 - p) * z) / (1 - p);
                assertThat(new TweedieLoss(p).value(z, y))
                        .isCloseTo(tweedie + new TweedieLoss(p).constant(y), within(1e-12));
                if (y > 0) {
                    assertThat(GammaLoss.INSTANCE.value(z, y))
                            .isCloseTo(z + y * Math.exp(-z) + GammaLoss.INSTANCE.constant(y), within(1e-12));
                }
            }
        }
    }

    @Test
    void approachesPoissonAndGammaAtTheEndsOfTheTweediePowers() {
        // The Tweedie deviance is continuous in the power: at 1 ± 1e-7 it is Poisson's to about 1e-7.
        double z = 0.8;
        for (double y : new double[] {0.0, 0.4, 3.0}) {
            assertThat(new TweedieLoss(1 + 1e-7).value(z, y)).isCloseTo(PoissonLoss.INSTANCE.value(z, y), within(1e-6));
            if (y > 0) {
                assertThat(new TweedieLoss(2 - 1e-7).value(z, y))
                        .isCloseTo(GammaLoss.INSTANCE.value(z, y), within(1e-6));
            }
        }
    }

    @Test
    void overflowsToInfinityNeverToNaN() {
        // e^800 overflows: the loss is +∞, which the divergence guard reports as not finite.
        assertThat(PoissonLoss.INSTANCE.value(800, 3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PoissonLoss.INSTANCE.value(800, 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(GammaLoss.INSTANCE.value(-800, 3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new TweedieLoss(1.5).value(-2000, 3)).isEqualTo(Double.POSITIVE_INFINITY);
        // A zero target far below the mean fits perfectly; 0·∞ must not make it NaN.
        assertThat(new TweedieLoss(1.5).value(-2000, 0)).isEqualTo(0.0);
        assertThat(new TweedieLoss(1.5).derivative(-2000, 0)).isEqualTo(0.0);
        assertThat(new TweedieLoss(1.5).secondDerivative(-2000, 0)).isEqualTo(0.0);
    }

    @Test
    void acceptsTheTargetsOfEachFamily() {
        assertThat(PoissonLoss.INSTANCE.acceptsTarget(0)).isTrue();
        assertThat(PoissonLoss.INSTANCE.acceptsTarget(-1e-300)).isFalse();
        assertThat(PoissonLoss.INSTANCE.acceptsTarget(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(GammaLoss.INSTANCE.acceptsTarget(0)).isFalse();
        assertThat(GammaLoss.INSTANCE.acceptsTarget(1e-300)).isTrue();
        assertThat(new TweedieLoss(1.5).acceptsTarget(0)).isTrue();
        assertThat(new TweedieLoss(1.5).acceptsTarget(-1)).isFalse();
        assertThat(new TweedieLoss(1.5).acceptsTarget(Double.NaN)).isFalse();
    }

    @Test
    void mapsTheTweediePowersToTheirFamilies() {
        assertThat(TweedieLoss.of(0)).isSameAs(SquaredLoss.INSTANCE);
        assertThat(TweedieLoss.of(1)).isSameAs(PoissonLoss.INSTANCE);
        assertThat(TweedieLoss.of(2)).isSameAs(GammaLoss.INSTANCE);
        assertThat(TweedieLoss.of(1.5)).isEqualTo(new TweedieLoss(1.5));
        assertThatThrownBy(() -> TweedieLoss.of(0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> new TweedieLoss(1.0)).hasMessageContaining("between 1 and 2");
        assertThatThrownBy(() -> TweedieLoss.of(3)).hasMessageContaining("between 1 and 2");
        assertThatThrownBy(() -> TweedieLoss.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
