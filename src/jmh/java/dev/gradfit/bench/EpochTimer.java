package dev.gradfit.bench;

import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.MeanLossObjective;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.ParallelMeanLossObjective;
import dev.gradfit.fitting.objective.SufficientStatisticsObjective;
import java.util.Arrays;

/**
 * Times epochs outside JMH, for runs side by side with numpy (bench/logistic-vs-numpy.sh): warms up,
 * then prints the median wall-clock seconds per epoch over the given number of runs, and the mean CPU
 * seconds per epoch of the whole process (every thread that helped).
 *
 * <pre>EpochTimer KIND N RUNS</pre>
 *
 * with KIND one of {@code logistic-parallel}, {@code logistic-direct}, {@code squared-direct},
 * {@code squared-fast}.
 */
public final class EpochTimer {

    private EpochTimer() {}

    public static void main(String[] args) {
        String kind = args[0];
        int n = (int) Double.parseDouble(args[1]);
        int runs = Integer.parseInt(args[2]);
        Objective objective = objective(kind, n);
        double[] weights = kind.startsWith("logistic") ? new double[] {-3.5, 0.7} : new double[] {0.5, 1.5};
        double[] gradient = new double[2];
        double sink = 0;
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            sink += objective.valueAndGradient(weights, gradient);
        }
        double[] seconds = new double[runs];
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            sink += objective.valueAndGradient(weights, gradient);
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9 / runs;
        Arrays.sort(seconds);
        System.out.printf(
                "gradfit %s epoch n=%d: median %.6f s (cpu %.6f s) over %d runs (checksum %s)%n",
                kind, n, seconds[runs / 2], cpu, runs, sink != 0);
    }

    private static Objective objective(String kind, int n) {
        return switch (kind) {
            case "logistic-parallel" -> new ParallelMeanLossObjective(BenchData.labels(n), LogisticLoss.INSTANCE, true);
            case "logistic-direct" -> new MeanLossObjective(BenchData.labels(n), LogisticLoss.INSTANCE, true);
            case "squared-direct" -> new MeanLossObjective(BenchData.line(n), SquaredLoss.INSTANCE, true);
            case "squared-fast" -> new SufficientStatisticsObjective(BenchData.line(n), true);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }
}
