package dev.gradfit.bench;

import dev.gradfit.fitting.core.Dataset;
import java.util.SplittableRandom;

/** The benchmark data sets, one feature, generated from a fixed seed. */
final class BenchData {

    private BenchData() {}

    /** {@code y = 3 + 2x + N(0, 1)} with x uniform on [0, 10): the tutorial's kind of data. */
    static Dataset line(int n) {
        SplittableRandom random = new SplittableRandom(42);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(0, 10);
            y[i] = 3 + 2 * x[i] + random.nextGaussian();
        }
        return Dataset.of(x, y);
    }

    /** Labels 0 or 1 drawn with probability σ(−4 + 0.8x), x uniform on [0, 10). */
    static Dataset labels(int n) {
        SplittableRandom random = new SplittableRandom(42);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(0, 10);
            double p = 1 / (1 + Math.exp(4 - 0.8 * x[i]));
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        return Dataset.of(x, y);
    }
}
