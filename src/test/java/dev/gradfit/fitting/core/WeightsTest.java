package dev.gradfit.fitting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightsTest {

    @Test
    void packsOneOutputAsInterceptThenCoefficients() {
        Weights weights = new Weights(1.5, new double[] {2, 3});

        assertThat(weights.toVector()).containsExactly(1.5, 2, 3);
        assertThat(weights.outputs()).isEqualTo(1);
        assertThat(weights.predict(new double[] {1, 1})).isEqualTo(6.5);
        assertThat(Weights.fromVector(weights.toVector())).isEqualTo(weights);
        assertThat(weights).hasToString("Weights[intercept=1.5, coefficients=[2.0, 3.0]]");
    }

    @Test
    void packsKOutputsAsKBlocks() {
        Weights weights = Weights.ofRows(new double[] {1, 2, 3}, new double[][] {{4, 5}, {6, 7}, {8, 9}});

        assertThat(weights.toVector()).containsExactly(1, 4, 5, 2, 6, 7, 3, 8, 9);
        assertThat(weights.outputs()).isEqualTo(3);
        assertThat(weights.features()).isEqualTo(2);
        assertThat(weights.intercept(2)).isEqualTo(3);
        assertThat(weights.coefficients(1)).containsExactly(6, 7);
        assertThat(weights.coefficient(2, 0)).isEqualTo(8);
        assertThat(weights.scores(new double[] {1, -1})).containsExactly(0, 1, 2);
        assertThat(weights.scoreRows(new double[] {1, -1, 0, 0})).containsExactly(0, 1, 2, 1, 2, 3);
        assertThat(Weights.fromVector(weights.toVector(), 3)).isEqualTo(weights);
        assertThat(Weights.fromVector(weights.toVector(), 1)).isNotEqualTo(weights);
        assertThat(weights.output(1)).isEqualTo(new Weights(2, new double[] {6, 7}));
    }

    @Test
    void refusesTheSingleOutputAccessorsForSeveralOutputs() {
        Weights weights = Weights.zeros(2, 3);

        assertThatThrownBy(weights::intercept).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(weights::coefficients).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> weights.predict(new double[2])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Weights.fromVector(new double[7], 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void centresTheClassesWithoutChangingScoreDifferences() {
        Weights weights = Weights.ofRows(new double[] {1, 2, 6}, new double[][] {{1, 0}, {2, 0}, {3, 3}});

        Weights intercepts = weights.centred(false);
        Weights both = weights.centred(true);

        assertThat(intercepts.intercepts()).containsExactly(-2, -1, 3);
        assertThat(intercepts.coefficients(2)).containsExactly(3, 3);
        assertThat(both.coefficients(0)).containsExactly(-1, -1);
        assertThat(both.coefficients(2)).containsExactly(1, 2);
        double[] row = {0.5, -2};
        double[] before = weights.scores(row);
        double[] after = both.scores(row);
        for (int k = 1; k < 3; k++) {
            assertThat(after[k] - after[0]).isCloseTo(before[k] - before[0], within(1e-14));
        }
        assertThat(new Weights(1, new double[] {2}).centred(true)).isEqualTo(new Weights(1, new double[] {2}));
    }

    @Test
    void centringKeepsWeightsFiniteWhenTheirSumOverflows() {
        // Three classes, one feature: intercepts whose sum overflows, and coefficients that centring would
        // push past the largest double (the mean of 1.7e308, −1.7e308 and −1.7e308 is −0.57e308).
        double big = 1.7e308;
        Weights weights = Weights.ofRows(new double[] {1e308, 1e308, 1e308}, new double[][] {{big}, {-big}, {-big}});

        Weights centred = weights.centred(true);

        assertThat(centred.intercepts()).containsExactly(0, 0, 0);
        assertThat(centred.coefficients(0)).containsExactly(big);
        assertThat(centred.coefficients(1)).containsExactly(-big);
    }
}
