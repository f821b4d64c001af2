package dev.gradfit.fitting.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.reference.ReferenceFixture;
import java.util.Arrays;

/** Reading the softmax fixtures of {@code reference/softmax}, and comparing weights with them. */
public final class SoftmaxReferenceTestSupport {

    private SoftmaxReferenceTestSupport() {}

    public static Dataset dataset(ReferenceFixture fixture) {
        return new Dataset(fixture.rows("x"), fixture.columns("x"), fixture.numbers("y"));
    }

    /** The weights of fit {@code fit} under the given names of intercepts and coefficients. */
    public static Weights weights(ReferenceFixture fixture, int fit, String intercepts, String coefficients) {
        String at = Integer.toString(fit);
        double[] b = fixture.numbers("fits", at, intercepts);
        double[] flat = fixture.rows("fits", at, coefficients);
        int d = flat.length / b.length;
        double[][] rows = new double[b.length][];
        for (int k = 0; k < b.length; k++) {
            rows[k] = Arrays.copyOfRange(flat, k * d, (k + 1) * d);
        }
        return Weights.ofRows(b, rows);
    }

    /** Every entry within {@code tolerance} times the largest entry of {@code expected}. */
    public static void assertClose(Weights actual, Weights expected, double tolerance) {
        double[] a = actual.toVector();
        double[] e = expected.toVector();
        double scale = Arrays.stream(e).map(Math::abs).max().orElseThrow();
        assertThat(a).hasSameSizeAs(e);
        for (int k = 0; k < e.length; k++) {
            assertThat(a[k]).as("entry %d", k).isCloseTo(e[k], within(tolerance * scale));
        }
    }

    public static double maxAbsDifference(Weights a, Weights b) {
        double[] u = a.toVector();
        double[] v = b.toVector();
        double max = 0.0;
        for (int k = 0; k < u.length; k++) {
            max = Math.max(max, Math.abs(u[k] - v[k]));
        }
        return max;
    }
}
