package dev.gradfit.model;

import dev.gradfit.design.Coding;
import dev.gradfit.design.Design;
import dev.gradfit.fitting.diagnostics.ClassificationMetrics;
import dev.gradfit.fitting.diagnostics.DevianceMetrics;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.diagnostics.GoodnessOfFit;
import dev.gradfit.fitting.diagnostics.MulticlassMetrics;
import dev.gradfit.fitting.diagnostics.RegressionMetrics;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A compact, versioned binary encoding of a {@link FittedModel}: what the Redis store keeps. Every field
 * round-trips exactly (doubles bit for bit), so a model read back answers the same JSON as the one saved.
 *
 * <p>Version 1, after the version byte: id, createdAt (epoch seconds and nanoseconds), parentId
 * (optional), standardized, the hyperparameters ({@link HyperparametersCodec}, with their own version
 * byte), the result (weights, cost, cost history, stride, epochs, stop reason, learning-rate and
 * validation-cost histories, snapshots) and the diagnostics (optional: metrics by kind, the reference
 * solution, the optimality gap). Classification metrics whose confusion counts are whole numbers are tag 2,
 * counts as longs; counts weighted by sample weights are tag 3, counts as doubles; the deviance metrics of a
 * log-link model are tag 4 (power, mean deviance, D², rmse, mae), which a gradfit from before the log-link
 * losses refuses as an unknown tag, as it refuses their hyperparameters. Arrays are a length and raw IEEE 754 doubles, so a model takes about 8
 * bytes per history entry.
 *
 * <p>Version 2 is version 1 followed by the names: the feature names (optional: a count, then each name)
 * and the target name (optional), then the training sample (optional: columns, the rows it came from, x, y),
 * 8 bytes per value kept. Version 1, written before models had names and samples, still decodes, as a model
 * without them.
 *
 * <p>Version 3 is version 2 followed by the classes of a classifier: a kind byte (0 none, 1 numbers as an array
 * of doubles, 2 names as a count and each name). Versions 1 and 2 decode as models without classes, which for a
 * logistic model means the classes 0 and 1. In version 3 every weights of the result, its snapshots and the
 * reference solution carry their number of outputs {@code K} ({@link BinaryWriter#writeWeightRows}: {@code K} as an
 * int, then each output's intercept and coefficients as versions 1 and 2 wrote the one output), so that a softmax
 * model keeps one row of weights per class; the hyperparameters say how many rows their initial weights have
 * themselves ({@link HyperparametersCodec}). The metrics of a softmax model are tag 5: log-loss, accuracy,
 * macro-F1, then the {@code K × K} confusion matrix as {@code K} (an int) and its {@code K²} cells row by row (rows
 * actual, columns predicted) as an array of doubles; a gradfit from before the softmax loss refuses tag 5 as
 * unknown.
 *
 * <p>Version 4 is version 3 followed by the offsets of the training sample: a flag, then (when set) one double
 * per kept row, as an array. The flag is set only for a sample of a fit with offsets; without a sample it is
 * never set. Versions 1 to 3 decode as samples without offsets, as they were kept.
 *
 * <p>Version 5 is version 4 followed by the design of a model fitted from raw rows: a flag, then (when set) the
 * design's own encoding ({@code Design.write}, with its own version) as a length and bytes, the formula (an
 * optional string), the coding (a byte: 0 treatment, 1 full) and the count of dropped training rows (an int).
 * Versions 1 to 4 decode as models without a design.
 *
 * <p>A later gradfit must keep reading every earlier version; an earlier gradfit refuses a later version
 * with a {@link DecodingException} that says so.
 */
public final class ModelCodec {

    /** The version this gradfit writes. */
    public static final int VERSION = 5;

    /** The version with the offsets of the sample, before models kept a design. */
    static final int VERSION_WITHOUT_DESIGN = 4;

    /** The version with classes, before the sample kept its offsets. */
    static final int VERSION_WITHOUT_OFFSETS = 3;

    /** The version with names and a training sample, before classes. */
    static final int VERSION_WITHOUT_CLASSES = 2;

    /** The first version, without names or a training sample. */
    static final int VERSION_WITHOUT_NAMES = 1;

    private ModelCodec() {}

    public static byte[] encode(FittedModel model) {
        BinaryWriter out = new BinaryWriter();
        out.writeByte(VERSION);
        out.writeUuid(model.id());
        out.writeLong(model.createdAt().getEpochSecond());
        out.writeInt(model.createdAt().getNano());
        out.writeBoolean(model.parentId() != null);
        if (model.parentId() != null) {
            out.writeUuid(model.parentId());
        }
        out.writeBoolean(model.standardized());
        HyperparametersCodec.write(model.hyperparameters(), out);
        writeResult(model.result(), out);
        writeDiagnostics(model.diagnostics(), out);
        writeNames(model, out);
        writeSample(model.sample(), out);
        out.writeClasses(model.classes());
        writeOffsets(model.sample(), out);
        writeDesign(model.design(), out);
        return out.toByteArray();
    }

    /**
     * The model {@link #encode} wrote.
     *
     * @throws DecodingException if the bytes are of an unknown version, truncated, corrupt or longer
     */
    public static FittedModel decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readByte();
        if (version < VERSION_WITHOUT_NAMES || version > VERSION) {
            throw new DecodingException("a model in encoding version " + version + "; this gradfit reads versions "
                    + VERSION_WITHOUT_NAMES + " to " + VERSION + " (was it written by a later gradfit?)");
        }
        try {
            UUID id = in.readUuid();
            Instant createdAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
            UUID parentId = in.readBoolean() ? in.readUuid() : null;
            boolean standardized = in.readBoolean();
            Hyperparameters hyperparameters = HyperparametersCodec.read(in);
            // Versions 1 and 2 predate models of more than one output: their weights are a single output's.
            boolean rows = version >= 3;
            FitResult result = readResult(in, rows);
            FitDiagnostics diagnostics = readDiagnostics(in, rows);
            List<String> featureNames = null;
            String targetName = null;
            TrainingSample sample = null;
            if (version >= 2) {
                featureNames = readFeatureNames(in);
                targetName = in.readBoolean() ? in.readString() : null;
                sample = readSample(in);
            }
            Classes classes = version >= 3 ? in.readClasses() : null;
            if (version > VERSION_WITHOUT_OFFSETS) {
                sample = readOffsets(in, sample);
            }
            ModelDesign design = version > VERSION_WITHOUT_DESIGN ? readDesign(in) : null;
            in.expectEnd();
            return new FittedModel(
                    id,
                    createdAt,
                    hyperparameters,
                    result,
                    parentId,
                    standardized,
                    diagnostics,
                    featureNames,
                    targetName,
                    sample,
                    classes,
                    design);
        } catch (IllegalArgumentException | DateTimeException invalid) {
            throw new DecodingException("the model is not valid: " + invalid.getMessage(), invalid);
        }
    }

    /** A flag, then the design if there is one, as version 5 writes it; a job's command carries it the same way. */
    public static void writeDesign(ModelDesign design, BinaryWriter out) {
        out.writeBoolean(design != null);
        if (design == null) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            design.design().write(data);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a stream in memory does not fail
        }
        out.writeBytes(bytes.toByteArray());
        out.writeString(design.formula());
        out.writeByte(design.coding().ordinal());
        out.writeInt(design.droppedRows());
    }

    /** What {@link #writeDesign} wrote. */
    public static ModelDesign readDesign(BinaryReader in) {
        if (!in.readBoolean()) {
            return null;
        }
        Design design;
        try {
            design = Design.read(new DataInputStream(new ByteArrayInputStream(in.readBytes())));
        } catch (IOException | RuntimeException invalid) {
            throw new DecodingException("the design is not valid: " + invalid.getMessage(), invalid);
        }
        String formula = in.readString();
        int coding = in.readByte();
        if (coding < 0 || coding >= Coding.values().length) {
            throw new DecodingException("a design coding of tag " + coding);
        }
        return new ModelDesign(design, formula, Coding.values()[coding], in.readInt());
    }

    private static void writeNames(FittedModel model, BinaryWriter out) {
        List<String> names = model.featureNames();
        out.writeBoolean(names != null);
        if (names != null) {
            out.writeInt(names.size());
            names.forEach(out::writeString);
        }
        out.writeBoolean(model.targetName() != null);
        if (model.targetName() != null) {
            out.writeString(model.targetName());
        }
    }

    private static List<String> readFeatureNames(BinaryReader in) {
        if (!in.readBoolean()) {
            return null;
        }
        // each name is a length and its bytes: 4 bytes at the least
        int count = in.readCount(4);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            if (name == null) {
                throw new DecodingException("feature name " + i + " is null");
            }
            names.add(name);
        }
        return names;
    }

    private static void writeResult(FitResult result, BinaryWriter out) {
        out.writeWeightRows(result.weights());
        out.writeDouble(result.cost());
        out.writeDoubles(result.costHistory());
        out.writeInt(result.costHistoryStride());
        out.writeInt(result.epochs());
        out.writeByte(
                switch (result.stopReason()) {
                    case EPOCHS -> 0;
                    case CONVERGED -> 1;
                    case EARLY_STOPPED -> 2;
                    case TIME_BUDGET -> 3;
                });
        out.writeDoubles(result.learningRateHistory());
        out.writeDoubles(result.validationCostHistory());
        out.writeInt(result.snapshots().size());
        for (Snapshot snapshot : result.snapshots()) {
            out.writeInt(snapshot.epoch());
            out.writeWeightRows(snapshot.weights());
            out.writeDouble(snapshot.cost());
        }
    }

    private static FitResult readResult(BinaryReader in, boolean rows) {
        var weights = rows ? in.readWeightRows() : in.readWeights();
        double cost = in.readDouble();
        double[] costHistory = in.readDoubles();
        int stride = in.readInt();
        int epochs = in.readInt();
        int reason = in.readByte();
        StopReason stopReason = switch (reason) {
            case 0 -> StopReason.EPOCHS;
            case 1 -> StopReason.CONVERGED;
            case 2 -> StopReason.EARLY_STOPPED;
            case 3 -> StopReason.TIME_BUDGET;
            default -> throw new DecodingException("unknown stop reason tag " + reason);
        };
        double[] learningRates = in.readDoubles();
        double[] validationCosts = in.readDoubles();
        // epoch, intercept, coefficient count and cost: 24 bytes at the least (28 with a count of outputs)
        int count = in.readCount(rows ? 28 : 24);
        List<Snapshot> snapshots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int epoch = in.readInt();
            var snapshotWeights = rows ? in.readWeightRows() : in.readWeights();
            snapshots.add(new Snapshot(epoch, snapshotWeights, in.readDouble()));
        }
        return new FitResult(
                weights, cost, costHistory, stride, epochs, stopReason, learningRates, validationCosts, snapshots);
    }

    private static void writeDiagnostics(FitDiagnostics diagnostics, BinaryWriter out) {
        out.writeBoolean(diagnostics != null);
        if (diagnostics == null) {
            return;
        }
        GoodnessOfFit metrics = diagnostics.metrics();
        if (metrics == null) {
            out.writeByte(0);
        } else if (metrics instanceof RegressionMetrics regression) {
            out.writeByte(1)
                    .writeDouble(regression.mse())
                    .writeDouble(regression.rmse())
                    .writeDouble(regression.mae())
                    .writeDouble(regression.r2());
        } else if (metrics instanceof DevianceMetrics deviance) {
            out.writeByte(4)
                    .writeDouble(deviance.power())
                    .writeDouble(deviance.meanDeviance())
                    .writeDouble(deviance.d2())
                    .writeDouble(deviance.rmse())
                    .writeDouble(deviance.mae());
        } else if (metrics instanceof MulticlassMetrics multiclass) {
            double[][] confusion = multiclass.confusion();
            double[] cells = new double[confusion.length * confusion.length];
            for (int a = 0; a < confusion.length; a++) {
                if (confusion[a].length != confusion.length) {
                    throw new IllegalArgumentException(
                            "a confusion matrix of " + confusion.length + " rows has a row of " + confusion[a].length);
                }
                System.arraycopy(confusion[a], 0, cells, a * confusion.length, confusion.length);
            }
            out.writeByte(5)
                    .writeDouble(multiclass.logLoss())
                    .writeDouble(multiclass.accuracy())
                    .writeDouble(multiclass.macroF1())
                    .writeInt(confusion.length)
                    .writeDoubles(cells);
        } else if (metrics instanceof ClassificationMetrics classification) {
            double[] counts = {
                classification.truePositives(),
                classification.falsePositives(),
                classification.trueNegatives(),
                classification.falseNegatives()
            };
            // Whole counts (no sample weights) keep tag 2, which every gradfit reads; weighted ones need 3.
            boolean whole = Arrays.stream(counts).allMatch(ModelCodec::isWholeCount);
            out.writeByte(whole ? 2 : 3).writeDouble(classification.logLoss()).writeDouble(classification.accuracy());
            for (double count : counts) {
                if (whole) {
                    out.writeLong((long) count);
                } else {
                    out.writeDouble(count);
                }
            }
        } else {
            // Written without a tag, the rest of the model would be misread: refuse it, as the hyperparameters do.
            throw new IllegalArgumentException(
                    "no encoding for the metrics " + metrics.getClass().getName());
        }
        ExactSolution reference = diagnostics.reference();
        out.writeBoolean(reference != null);
        if (reference != null) {
            out.writeByte(
                    reference.method() == null
                            ? 0
                            : switch (reference.method()) {
                                case HOUSEHOLDER_QR -> 1;
                                case NEWTON_IRLS -> 2;
                                case COORDINATE_DESCENT -> 3;
                            });
            out.writeOptionalWeightRows(reference.weights());
            out.writeDouble(reference.cost());
            out.writeString(reference.note());
        }
        out.writeDouble(diagnostics.optimalityGap());
    }

    /** Whether {@code count} survives the trip through a long: a whole number in [0, 2^53), not −0. */
    private static boolean isWholeCount(double count) {
        return count >= 0 && count < 0x1p53 && count == Math.rint(count) && Math.copySign(1.0, count) > 0;
    }

    private static FitDiagnostics readDiagnostics(BinaryReader in, boolean rows) {
        if (!in.readBoolean()) {
            return null;
        }
        int kind = in.readByte();
        GoodnessOfFit metrics = switch (kind) {
            case 0 -> null;
            case 1 -> new RegressionMetrics(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
            case 2 ->
                new ClassificationMetrics(
                        in.readDouble(), in.readDouble(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
            case 3 ->
                new ClassificationMetrics(
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble());
            case 4 ->
                new DevianceMetrics(
                        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
            // Tag 5 is read by gradfit since the softmax loss; an earlier one refuses it as unknown.
            case 5 -> readMulticlass(in);
            default -> throw new DecodingException("unknown metrics tag " + kind);
        };
        ExactSolution reference = null;
        if (in.readBoolean()) {
            int tag = in.readByte();
            ExactSolution.Method method = switch (tag) {
                case 0 -> null;
                case 1 -> ExactSolution.Method.HOUSEHOLDER_QR;
                case 2 -> ExactSolution.Method.NEWTON_IRLS;
                case 3 -> ExactSolution.Method.COORDINATE_DESCENT;
                default -> throw new DecodingException("unknown reference method tag " + tag);
            };
            var weights = rows ? in.readOptionalWeightRows() : in.readOptionalWeights();
            double cost = in.readDouble();
            reference = new ExactSolution(method, weights, cost, in.readString());
        }
        return new FitDiagnostics(metrics, reference, in.readDouble());
    }

    private static MulticlassMetrics readMulticlass(BinaryReader in) {
        double logLoss = in.readDouble();
        double accuracy = in.readDouble();
        double macroF1 = in.readDouble();
        int classes = in.readInt();
        double[] cells = in.readDoubles();
        if (classes < 0 || (long) classes * classes != cells.length) {
            throw new DecodingException("a confusion matrix of " + classes + " classes has " + cells.length + " cells");
        }
        double[][] confusion = new double[classes][];
        for (int a = 0; a < classes; a++) {
            confusion[a] = Arrays.copyOfRange(cells, a * classes, (a + 1) * classes);
        }
        return new MulticlassMetrics(logLoss, accuracy, macroF1, confusion);
    }

    private static void writeSample(TrainingSample sample, BinaryWriter out) {
        out.writeBoolean(sample != null);
        if (sample != null) {
            out.writeInt(sample.columns());
            out.writeLong(sample.sourceRows());
            out.writeDoubles(sample.x());
            out.writeDoubles(sample.y());
        }
    }

    private static void writeOffsets(TrainingSample sample, BinaryWriter out) {
        boolean offsets = sample != null && sample.hasOffsets();
        out.writeBoolean(offsets);
        if (offsets) {
            out.writeDoubles(sample.offsets());
        }
    }

    /** {@code sample} with the offsets that follow, if the flag says there are. */
    private static TrainingSample readOffsets(BinaryReader in, TrainingSample sample) {
        if (!in.readBoolean()) {
            return sample;
        }
        if (sample == null) {
            throw new DecodingException("offsets of a training sample, but the model keeps no sample");
        }
        double[] offsets = in.readDoubles();
        return new TrainingSample(sample.x(), sample.columns(), sample.y(), sample.sourceRows(), offsets);
    }

    private static TrainingSample readSample(BinaryReader in) {
        if (!in.readBoolean()) {
            return null;
        }
        int columns = in.readInt();
        long sourceRows = in.readLong();
        double[] x = in.readDoubles();
        return new TrainingSample(x, columns, in.readDoubles(), sourceRows);
    }
}
