package dev.gradfit.model;

import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.optimizer.AdaGrad;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.GradientClipping;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Lbfgs;
import dev.gradfit.fitting.optimizer.Momentum;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.optimizer.RmsProp;
import dev.gradfit.fitting.schedule.ConstantSchedule;
import dev.gradfit.fitting.schedule.ExponentialSchedule;
import dev.gradfit.fitting.schedule.InverseScalingSchedule;
import dev.gradfit.fitting.schedule.PlateauSchedule;
import dev.gradfit.fitting.schedule.Schedule;
import dev.gradfit.fitting.schedule.StepSchedule;
import dev.gradfit.fitting.stopping.ConvergenceRule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.stopping.TimeBudgetRule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.Hyperparameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact, versioned binary encoding of {@link Hyperparameters}, for the model store and for anything
 * else that keeps fit settings outside the heap (a queue of fit commands). Every setting round-trips
 * exactly, doubles bit for bit.
 *
 * <p>Version 1, after the version byte: learning rate (double), epochs (int), initial weights (optional),
 * loss, optimizer, schedule (each a tag byte and its parameters; the softmax loss, tag 7, its number of
 * classes as an int; a clipped optimizer is its max norm and
 * the optimizer it wraps; L-BFGS, tag 7, its memory as an int), l1 and l2, fitIntercept, batch size and shuffle, seed (long), the stopping rules
 * (count, then tag and parameters each; a time budget in nanoseconds), the snapshot epochs (count, ints),
 * recordLearningRates. A time budget comes back measured on {@link System#nanoTime()}.
 *
 * <p>Version 2 is version 1 with the initial weights ({@link BinaryWriter#writeOptionalWeightRows}) as a
 * count of outputs and then each output's intercept and coefficients: the K rows a continued softmax fit starts
 * from. It is written only for initial weights of more than one output; everything else is written in version 1,
 * byte for byte as before, so that an earlier gradfit reads it (and refuses a softmax loss by its unknown tag, as
 * it refuses version 2 by its version).
 *
 * <p>A later version must keep reading versions 1 and 2. A type this codec does not know is refused when
 * encoding ({@link IllegalArgumentException}), never written in a form no one can read.
 */
public final class HyperparametersCodec {

    /** The first version, with single-output initial weights: what this gradfit writes unless it needs more. */
    public static final int VERSION = 1;

    /** The version whose initial weights carry their number of outputs, written for K-row initial weights. */
    public static final int WEIGHT_ROWS_VERSION = 2;

    /** How deep clipped optimizers may nest in what is read: one level is all a request can ask for. */
    private static final int MAX_OPTIMIZER_DEPTH = 8;

    private HyperparametersCodec() {}

    /** Writes the version byte and {@code hyperparameters} to {@code out}, inside a larger value. */
    public static void write(Hyperparameters hyperparameters, BinaryWriter out) {
        Weights initial = hyperparameters.initialWeights();
        boolean rows = initial != null && initial.outputs() > 1;
        out.writeByte(rows ? WEIGHT_ROWS_VERSION : VERSION);
        out.writeDouble(hyperparameters.learningRate());
        out.writeInt(hyperparameters.epochs());
        if (rows) {
            out.writeOptionalWeightRows(initial);
        } else {
            out.writeOptionalWeights(initial);
        }
        writeLoss(hyperparameters.loss(), out);
        writeOptimizer(hyperparameters.optimizer(), out);
        writeSchedule(hyperparameters.schedule(), out);
        out.writeDouble(hyperparameters.regularization().l1());
        out.writeDouble(hyperparameters.regularization().l2());
        out.writeBoolean(hyperparameters.fitIntercept());
        out.writeInt(hyperparameters.batching().batchSize());
        out.writeBoolean(hyperparameters.batching().shuffle());
        out.writeLong(hyperparameters.seed());
        out.writeInt(hyperparameters.stoppingRules().size());
        for (StoppingRule rule : hyperparameters.stoppingRules()) {
            writeStoppingRule(rule, out);
        }
        out.writeInt(hyperparameters.snapshotEpochs().size());
        for (int epoch : hyperparameters.snapshotEpochs()) {
            out.writeInt(epoch);
        }
        out.writeBoolean(hyperparameters.recordLearningRates());
    }

    /**
     * Reads what {@link #write} wrote, from inside a larger value.
     *
     * @throws DecodingException if the version is unknown or the bytes do not make valid settings
     */
    public static Hyperparameters read(BinaryReader in) {
        int version = in.readByte();
        if (version < VERSION || version > WEIGHT_ROWS_VERSION) {
            throw new DecodingException(
                    "hyperparameters in encoding version " + version + "; this gradfit reads versions " + VERSION
                            + " to " + WEIGHT_ROWS_VERSION + " (were they written by a later gradfit?)");
        }
        try {
            double learningRate = in.readDouble();
            int epochs = in.readInt();
            Weights initialWeights =
                    version == WEIGHT_ROWS_VERSION ? in.readOptionalWeightRows() : in.readOptionalWeights();
            Loss loss = readLoss(in);
            Optimizer optimizer = readOptimizer(in, 0);
            Schedule schedule = readSchedule(in);
            Regularization regularization = new Regularization(in.readDouble(), in.readDouble());
            boolean fitIntercept = in.readBoolean();
            Batching batching = new Batching(in.readInt(), in.readBoolean());
            long seed = in.readLong();
            int rules = in.readCount(1);
            List<StoppingRule> stoppingRules = new ArrayList<>(rules);
            for (int i = 0; i < rules; i++) {
                stoppingRules.add(readStoppingRule(in));
            }
            int snapshots = in.readCount(Integer.BYTES);
            List<Integer> snapshotEpochs = new ArrayList<>(snapshots);
            for (int i = 0; i < snapshots; i++) {
                snapshotEpochs.add(in.readInt());
            }
            boolean recordLearningRates = in.readBoolean();
            return new Hyperparameters(
                    learningRate,
                    epochs,
                    initialWeights,
                    loss,
                    optimizer,
                    schedule,
                    regularization,
                    fitIntercept,
                    batching,
                    seed,
                    stoppingRules,
                    snapshotEpochs,
                    recordLearningRates);
        } catch (IllegalArgumentException invalid) {
            // A constructor refused a value: the bytes are not what a valid fit wrote.
            throw new DecodingException("the hyperparameters are not valid: " + invalid.getMessage(), invalid);
        }
    }

    private static void writeLoss(Loss loss, BinaryWriter out) {
        if (loss instanceof SquaredLoss) {
            out.writeByte(0);
        } else if (loss instanceof AbsoluteLoss) {
            out.writeByte(1);
        } else if (loss instanceof LogisticLoss) {
            out.writeByte(2);
        } else if (loss instanceof HuberLoss huber) {
            out.writeByte(3).writeDouble(huber.delta());
        } else if (loss instanceof PoissonLoss) {
            out.writeByte(4);
        } else if (loss instanceof GammaLoss) {
            out.writeByte(5);
        } else if (loss instanceof TweedieLoss tweedie) {
            out.writeByte(6).writeDouble(tweedie.power());
        } else if (loss instanceof SoftmaxLoss softmax) {
            out.writeByte(7).writeInt(softmax.classes());
        } else {
            throw unknown("loss", loss);
        }
    }

    private static Loss readLoss(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> SquaredLoss.INSTANCE;
            case 1 -> AbsoluteLoss.INSTANCE;
            case 2 -> LogisticLoss.INSTANCE;
            case 3 -> new HuberLoss(in.readDouble());
            // Tags 4 to 6 are read by gradfit since the log-link losses; an earlier one refuses them as unknown.
            case 4 -> PoissonLoss.INSTANCE;
            case 5 -> GammaLoss.INSTANCE;
            case 6 -> new TweedieLoss(in.readDouble());
            // Tag 7 is read by gradfit since the softmax loss; an earlier one refuses it as unknown.
            case 7 -> new SoftmaxLoss(in.readInt());
            default -> throw unknownTag("loss", tag);
        };
    }

    private static void writeOptimizer(Optimizer optimizer, BinaryWriter out) {
        if (optimizer instanceof GradientDescent) {
            out.writeByte(0);
        } else if (optimizer instanceof Momentum momentum) {
            out.writeByte(1).writeDouble(momentum.momentum());
        } else if (optimizer instanceof Nesterov nesterov) {
            out.writeByte(2).writeDouble(nesterov.momentum());
        } else if (optimizer instanceof AdaGrad adaGrad) {
            out.writeByte(3).writeDouble(adaGrad.epsilon());
        } else if (optimizer instanceof RmsProp rmsProp) {
            out.writeByte(4).writeDouble(rmsProp.rho()).writeDouble(rmsProp.epsilon());
        } else if (optimizer instanceof Adam adam) {
            out.writeByte(5).writeDouble(adam.beta1()).writeDouble(adam.beta2()).writeDouble(adam.epsilon());
        } else if (optimizer instanceof GradientClipping clipping) {
            out.writeByte(6).writeDouble(clipping.maxNorm());
            writeOptimizer(clipping.optimizer(), out);
        } else if (optimizer instanceof Lbfgs lbfgs) {
            out.writeByte(7).writeInt(lbfgs.memory());
        } else {
            throw unknown("optimizer", optimizer);
        }
    }

    private static Optimizer readOptimizer(BinaryReader in, int depth) {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> new GradientDescent();
            case 1 -> new Momentum(in.readDouble());
            case 2 -> new Nesterov(in.readDouble());
            case 3 -> new AdaGrad(in.readDouble());
            case 4 -> new RmsProp(in.readDouble(), in.readDouble());
            case 5 -> new Adam(in.readDouble(), in.readDouble(), in.readDouble());
            case 6 -> {
                if (depth >= MAX_OPTIMIZER_DEPTH) {
                    throw new DecodingException("clipped optimizers nest deeper than " + MAX_OPTIMIZER_DEPTH);
                }
                double maxNorm = in.readDouble();
                yield new GradientClipping(readOptimizer(in, depth + 1), maxNorm);
            }
            // Tag 7 is read by gradfit since L-BFGS; an earlier one refuses it as unknown.
            case 7 -> new Lbfgs(in.readInt());
            default -> throw unknownTag("optimizer", tag);
        };
    }

    private static void writeSchedule(Schedule schedule, BinaryWriter out) {
        if (schedule instanceof ConstantSchedule) {
            out.writeByte(0);
        } else if (schedule instanceof InverseScalingSchedule inverse) {
            out.writeByte(1).writeDouble(inverse.power());
        } else if (schedule instanceof StepSchedule step) {
            out.writeByte(2).writeDouble(step.factor()).writeInt(step.every());
        } else if (schedule instanceof ExponentialSchedule exponential) {
            out.writeByte(3).writeDouble(exponential.factor());
        } else if (schedule instanceof PlateauSchedule plateau) {
            out.writeByte(4)
                    .writeDouble(plateau.factor())
                    .writeInt(plateau.patience())
                    .writeDouble(plateau.threshold())
                    .writeDouble(plateau.minLearningRate());
        } else {
            throw unknown("schedule", schedule);
        }
    }

    private static Schedule readSchedule(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> ConstantSchedule.INSTANCE;
            case 1 -> new InverseScalingSchedule(in.readDouble());
            case 2 -> new StepSchedule(in.readDouble(), in.readInt());
            case 3 -> new ExponentialSchedule(in.readDouble());
            case 4 -> new PlateauSchedule(in.readDouble(), in.readInt(), in.readDouble(), in.readDouble());
            default -> throw unknownTag("schedule", tag);
        };
    }

    private static void writeStoppingRule(StoppingRule rule, BinaryWriter out) {
        if (rule instanceof ConvergenceRule convergence) {
            out.writeByte(0).writeDouble(convergence.tolerance()).writeInt(convergence.patience());
        } else if (rule instanceof EarlyStoppingRule early) {
            out.writeByte(1)
                    .writeDouble(early.validationFraction())
                    .writeDouble(early.tolerance())
                    .writeInt(early.patience());
        } else if (rule instanceof TimeBudgetRule budget) {
            out.writeByte(2).writeLong(budget.budget().toNanos());
        } else {
            throw unknown("stopping rule", rule);
        }
    }

    private static StoppingRule readStoppingRule(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> new ConvergenceRule(in.readDouble(), in.readInt());
            case 1 -> new EarlyStoppingRule(in.readDouble(), in.readDouble(), in.readInt());
            case 2 -> new TimeBudgetRule(Duration.ofNanos(in.readLong()));
            default -> throw unknownTag("stopping rule", tag);
        };
    }

    private static IllegalArgumentException unknown(String what, Object value) {
        return new IllegalArgumentException(
                "no encoding for the " + what + " " + value.getClass().getName());
    }

    private static DecodingException unknownTag(String what, int tag) {
        return new DecodingException("unknown " + what + " tag " + tag);
    }
}
