package dev.gradfit.bench;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.objective.MeanLossObjective;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.ParallelMeanLossObjective;
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
 * One full-batch epoch of logistic regression (cost and gradient of the mean cross-entropy): the direct
 * loop on one thread against the chunked kernel on every core. bench/numpy_logistic.py times the same
 * epoch in numpy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class LogisticLossBenchmark {

    @Param({"1000", "10000", "100000", "1000000", "10000000"})
    int n;

    private Objective direct;
    private Objective parallel;
    private final double[] weights = {-3.5, 0.7};
    private final double[] gradient = new double[2];

    @Setup(Level.Trial)
    public void setUp() {
        Dataset data = BenchData.labels(n);
        direct = new MeanLossObjective(data, LogisticLoss.INSTANCE, true);
        parallel = new ParallelMeanLossObjective(data, LogisticLoss.INSTANCE, true);
    }

    @Benchmark
    public double directEpoch() {
        return direct.valueAndGradient(weights, gradient);
    }

    @Benchmark
    public double parallelEpoch() {
        return parallel.valueAndGradient(weights, gradient);
    }
}
