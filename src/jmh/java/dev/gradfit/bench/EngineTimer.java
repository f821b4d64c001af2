package dev.gradfit.bench;

import dev.gradfit.fitting.FitOptions;
import dev.gradfit.fitting.Fitter;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.Objectives;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Lbfgs;
import dev.gradfit.fitting.train.FitCanceledException;
import dev.gradfit.fitting.train.Hyperparameters;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The softmax and Poisson engine benchmarks' gradfit side (bench/engine2.sh), on the files that
 * bench/numpy_engine2.py writes (the same data numpy reads).
 *
 * <pre>
 * EngineTimer gd LOSS DIR EPOCHS RATE fitter|loop
 * EngineTimer lbfgs LOSS DIR L2 OPTIMUM GAP MAX_EPOCHS REPEATS
 * </pre>
 *
 * <p>{@code gd}: full-batch gradient descent from zero weights, after a warm-up of 10 epochs. {@code fitter}
 * runs {@link Fitter#fit} with {@link GradientDescent} and times the epochs between the observer's calls for
 * epoch 0 and epoch EPOCHS (the fit is then cancelled, so its diagnostics are not timed); {@code loop} calls
 * the objective {@link Objectives#FASTEST} makes ({@code valueAndGradient}) and updates
 * {@code w ← w − rate·∇J} itself. Prints seconds and CPU seconds of the process per epoch, and the cost after
 * the last epoch.
 *
 * <p>{@code lbfgs}: {@link Fitter#fit} with {@link Lbfgs} and {@code l2 = L2}, timed from the call until
 * the observer first sees a cost within {@code GAP} of {@code OPTIMUM} relatively (then cancelled); one
 * warm-up fit, then the median of REPEATS, in wall-clock and in CPU seconds of the process.
 */
public final class EngineTimer {

    private EngineTimer() {}

    public static void main(String[] args) throws IOException {
        String loss = args[1];
        Path dir = Path.of(args[2]);
        String[] shape = Files.readString(dir.resolve("shape")).trim().split("\\s+");
        int n = Integer.parseInt(shape[0]);
        int d = Integer.parseInt(shape[1]);
        int k = Integer.parseInt(shape[2]);
        Dataset data = new Dataset(read(dir.resolve("x.f64"), n * d), d, read(dir.resolve(loss + ".f64"), n));
        Loss theLoss = loss.equals("softmax") ? new SoftmaxLoss(k) : PoissonLoss.INSTANCE;
        if (args[0].equals("gd")) {
            int epochs = Integer.parseInt(args[3]);
            double rate = Double.parseDouble(args[4]);
            boolean fitter = args[5].equals("fitter");
            if (fitter) {
                gdFitter(data, theLoss, 10, rate);
            } else {
                gdLoop(data, theLoss, 10, rate);
            }
            double[] result = fitter ? gdFitter(data, theLoss, epochs, rate) : gdLoop(data, theLoss, epochs, rate);
            System.out.printf(
                    "gradfit %s gd (%s) n=%d d=%d: %.6f s/epoch (cpu %.6f s) cost %.17g after %d epochs%n",
                    loss, args[5], n, d, result[0], result[1], result[2], epochs);
        } else {
            double l2 = Double.parseDouble(args[3]);
            double optimum = Double.parseDouble(args[4]);
            double gap = Double.parseDouble(args[5]);
            int maxEpochs = Integer.parseInt(args[6]);
            int repeats = Integer.parseInt(args[7]);
            lbfgs(data, theLoss, l2, optimum, gap, maxEpochs);
            double[] seconds = new double[repeats];
            double[] cpu = new double[repeats];
            double[] last = null;
            for (int r = 0; r < repeats; r++) {
                last = lbfgs(data, theLoss, l2, optimum, gap, maxEpochs);
                seconds[r] = last[0];
                cpu[r] = last[4];
            }
            Arrays.sort(seconds);
            Arrays.sort(cpu);
            System.out.printf(
                    "gradfit %s lbfgs n=%d l2=%g: %.6f s (cpu %.6f s) to a relative gap of %g (median of %d; min %.6f) %s after"
                            + " %d iterations, relative gap then %.3g%n",
                    loss,
                    n,
                    l2,
                    seconds[repeats / 2],
                    cpu[repeats / 2],
                    gap,
                    repeats,
                    seconds[0],
                    last[3] > 0 ? "reached" : "NOT REACHED",
                    (int) last[1],
                    (last[2] - optimum) / optimum);
        }
    }

    /** [wall s/epoch, cpu s/epoch, final cost] of EPOCHS epochs through the Fitter. */
    private static double[] gdFitter(Dataset data, Loss loss, int epochs, double rate) {
        Hyperparameters hyperparameters = Hyperparameters.defaults().toBuilder()
                .learningRate(rate)
                .epochs(epochs)
                .loss(loss)
                .optimizer(new GradientDescent())
                .build();
        double[] out = new double[3];
        long[] start = new long[2];
        try {
            new Fitter(1000).fit(data, hyperparameters, new FitOptions(false, Duration.ofHours(1), epoch -> {
                if (epoch.number() == 0) {
                    start[0] = System.nanoTime();
                    start[1] = cpuNanos();
                    return true;
                }
                if (epoch.number() < epochs) {
                    return true;
                }
                out[0] = (System.nanoTime() - start[0]) / 1e9 / epochs;
                out[1] = (cpuNanos() - start[1]) / 1e9 / epochs;
                out[2] = epoch.cost();
                return false;
            }));
            throw new IllegalStateException("the fit ended before epoch " + epochs);
        } catch (FitCanceledException expected) {
            return out;
        }
    }

    /** [wall s/epoch, cpu s/epoch, final cost] of EPOCHS epochs of the objective's loop. */
    private static double[] gdLoop(Dataset data, Loss loss, int epochs, double rate) {
        Objective objective = Objectives.FASTEST.create(data, loss, true, true);
        double[] weights = new double[objective.dimension()];
        double[] gradient = new double[weights.length];
        long start = System.nanoTime();
        long cpu = cpuNanos();
        for (int e = 0; e < epochs; e++) {
            objective.valueAndGradient(weights, gradient);
            for (int i = 0; i < weights.length; i++) {
                weights[i] -= rate * gradient[i];
            }
        }
        double wall = (System.nanoTime() - start) / 1e9 / epochs;
        double cpuPerEpoch = (cpuNanos() - cpu) / 1e9 / epochs;
        return new double[] {wall, cpuPerEpoch, objective.valueAndGradient(weights, gradient)};
    }

    /** [seconds to the gap, iterations, cost then, 1 if reached, CPU seconds of the process to the gap]. */
    private static double[] lbfgs(Dataset data, Loss loss, double l2, double optimum, double gap, int maxEpochs) {
        Hyperparameters hyperparameters = Hyperparameters.defaults().toBuilder()
                .learningRate(1.0)
                .epochs(maxEpochs)
                .loss(loss)
                .optimizer(new Lbfgs())
                .regularization(new Regularization(0.0, l2))
                .build();
        double[] out = new double[5];
        long cpu = cpuNanos();
        long start = System.nanoTime();
        try {
            var fit = new Fitter(1000).fit(data, hyperparameters, new FitOptions(false, Duration.ofHours(1), epoch -> {
                out[0] = (System.nanoTime() - start) / 1e9;
                out[4] = (cpuNanos() - cpu) / 1e9;
                out[1] = epoch.number();
                out[2] = epoch.cost();
                if (epoch.cost() - optimum <= gap * Math.abs(optimum)) {
                    out[3] = 1;
                    return false;
                }
                return true;
            }));
            out[2] = fit.result().cost();
        } catch (FitCanceledException reached) {
            // the gap was reached
        }
        return out;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double[] read(Path file, int count) throws IOException {
        double[] values = new double[count];
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) count * Double.BYTES);
            bytes.order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        }
        return values;
    }
}
