package dev.gradfit.bench;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.MeanLossObjective;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.ParallelMeanLossObjective;
import dev.gradfit.fitting.objective.SufficientStatisticsObjective;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch of the tutorial's squared-loss gradient descent: the direct loop (one thread, and chunked
 * over the cores) against the sufficient-statistics fast path, whose one-off cost is {@link #fastSetup}.
 * A fit of E epochs costs {@code E × epoch} the direct way and {@code fastSetup + E × fastEpoch} the
 * fast way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class SquaredLossBenchmark {

    @Param({"1000", "10000", "100000", "1000000", "10000000"})
    int n;

    private Dataset data;
    private Objective direct;
    private Objective parallel;
    private Objective fast;
    private final double[] weights = {0.5, 1.5};
    private final double[] gradient = new double[2];

    @Setup(Level.Trial)
    public void setUp() {
        data = BenchData.line(n);
        direct = new MeanLossObjective(data, SquaredLoss.INSTANCE, true);
        parallel = new ParallelMeanLossObjective(data, SquaredLoss.INSTANCE, true);
        fast = new SufficientStatisticsObjective(data, true);
    }

    @Benchmark
    public double directEpoch() {
        return direct.valueAndGradient(weights, gradient);
    }

    @Benchmark
    public double parallelEpoch() {
        return parallel.valueAndGradient(weights, gradient);
    }

    @Benchmark
    public double fastEpoch() {
        return fast.valueAndGradient(weights, gradient);
    }

    @Benchmark
    public Objective fastSetup() {
        return new SufficientStatisticsObjective(data, true);
    }
}
