package dev.gradfit.jobs.redis;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.SparseRows;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.train.FitDivergedException;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobFailure;
import dev.gradfit.jobs.JobStatus;
import dev.gradfit.model.BinaryReader;
import dev.gradfit.model.BinaryWriter;
import dev.gradfit.model.Classes;
import dev.gradfit.model.DecodingException;
import dev.gradfit.model.HyperparametersCodec;
import dev.gradfit.model.ModelCodec;
import dev.gradfit.model.ModelDesign;
import dev.gradfit.service.FieldError;
import dev.gradfit.service.FitCommand;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The binary forms of what jobs keep in Redis: the fit a job runs ({@link FitCommand}), the parts of a job's
 * state that its hash keeps in binary (the immutable part, a failure), the whole job as an older gradfit
 * kept it and as an end event carries it ({@link Job}), and its events ({@link JobEventData}). Each starts with a version byte; a form of an unknown
 * version is refused with {@link DecodingException}, never misread. A progress event is tag 1 (epoch, cost,
 * learning rate, optional single-output weights) or, for weights of more than one output, tag 3 (the same, then
 * the weights as a count of outputs and each output's intercept and coefficients); a gradfit from before softmax
 * skips tag 3 as an event it cannot read. Doubles are written bit for bit, so a
 * command read back fits to the same weights as the one written.
 */
final class JobCodecs {

    static final int VERSION = 1;

    /**
     * The version of a command with feature or target names: version 1 followed by the names. A command
     * without names is written in version 1, byte for byte as before names existed, so replicas of either
     * kind run it; one with names is refused by a gradfit that would drop them.
     */
    static final int NAMED_COMMAND_VERSION = 2;

    /**
     * The version of a command whose data has offsets: version 2 (names block included, perhaps empty) followed by
     * the offsets. Commands without offsets are written as before, so older replicas run them; one with offsets is
     * refused by a gradfit that would fit without them.
     */
    static final int OFFSET_COMMAND_VERSION = 3;

    /**
     * The version of a command with classes other than a logistic fit's 0 and 1: version 2 followed by the
     * offsets (a flag, then the offsets if any) and the classes, refused by a gradfit that would drop them.
     */
    static final int CLASSES_COMMAND_VERSION = 4;

    /**
     * The version of a command whose model has more than one output (a softmax fit, or initial weights of
     * several rows): the layout of version 4 exactly, its hyperparameters holding the softmax loss (and, with
     * K-row initial weights, in their own version 2). A gradfit from before softmax refuses it by this byte,
     * rather than deep inside the hyperparameters.
     */
    static final int OUTPUTS_COMMAND_VERSION = 5;

    /**
     * The version of a command fitted from raw rows: the layout of version 5 followed by the design the model keeps,
     * as model encoding version 5 writes it. A command without a design is written as before; a gradfit that would
     * store the model without its design refuses this one by its byte.
     */
    static final int DESIGN_COMMAND_VERSION = 6;

    /**
     * The version of a command whose rows are kept sparse (a table's design, mostly zeros): the layout of version 6
     * with the features written as the rows' starts, the stored values' columns and the stored values
     * ({@link SparseRows}) rather than as one dense array.
     */
    static final int SPARSE_COMMAND_VERSION = 7;

    private JobCodecs() {}

    static byte[] encodeCommand(FitCommand command) {
        Dataset data = command.data();
        boolean offsets = data.hasOffsets();
        Weights initial = command.hyperparameters().initialWeights();
        boolean outputs = command.hyperparameters().loss().outputs() > 1 || initial != null && initial.outputs() > 1;
        boolean design = command.design() != null;
        if (data.isSparse() && !design) {
            throw new IllegalArgumentException("sparse rows are a design's: a command of them carries its design");
        }
        boolean classes = design
                || outputs
                || command.classes() != null && !command.classes().equals(Classes.ZERO_ONE);
        boolean named = classes || offsets || command.featureNames() != null || command.targetName() != null;
        BinaryWriter out = new BinaryWriter()
                .writeByte(
                        data.isSparse()
                                ? SPARSE_COMMAND_VERSION
                                : design
                                        ? DESIGN_COMMAND_VERSION
                                        : outputs
                                                ? OUTPUTS_COMMAND_VERSION
                                                : classes
                                                        ? CLASSES_COMMAND_VERSION
                                                        : offsets
                                                                ? OFFSET_COMMAND_VERSION
                                                                : named ? NAMED_COMMAND_VERSION : VERSION);
        out.writeInt(data.columns());
        if (data.isSparse()) {
            SparseRows rows = data.sparseRows().trimmed();
            out.writeInts(rows.rowStart()).writeInts(rows.columnIndex()).writeDoubles(rows.values());
        } else {
            out.writeDoubles(data.features());
        }
        out.writeDoubles(data.targets());
        // As given, so that the decoded dataset reports weight sums in the caller's units again.
        double[] weights = data.givenSampleWeights();
        out.writeBoolean(weights != null);
        if (weights != null) {
            out.writeDoubles(weights);
        }
        out.writeBoolean(command.standardize());
        writeOptionalUuid(out, command.parentId());
        HyperparametersCodec.write(command.hyperparameters(), out);
        if (named) {
            List<String> names = command.featureNames();
            out.writeBoolean(names != null);
            if (names != null) {
                out.writeInt(names.size());
                names.forEach(out::writeString);
            }
            out.writeBoolean(command.targetName() != null);
            if (command.targetName() != null) {
                out.writeString(command.targetName());
            }
        }
        if (classes) {
            out.writeBoolean(offsets);
        }
        if (offsets) {
            out.writeDoubles(data.offsets());
        }
        if (classes) {
            out.writeClasses(command.classes());
        }
        if (design) {
            ModelCodec.writeDesign(command.design(), out);
        }
        return out.toByteArray();
    }

    static FitCommand decodeCommand(byte[] bytes) {
        return decoding("fit command", () -> {
            if (bytes == null || bytes.length == 0) {
                throw new DecodingException("an empty fit command");
            }
            BinaryReader in = new BinaryReader(bytes);
            int version = in.readByte();
            if (version < VERSION || version > SPARSE_COMMAND_VERSION) {
                throw new DecodingException("a fit command of version " + version + "; this gradfit reads versions "
                        + VERSION + " to " + SPARSE_COMMAND_VERSION);
            }
            return readCommand(in, version);
        });
    }

    private static FitCommand readCommand(BinaryReader in, int version) {
        boolean named = version >= NAMED_COMMAND_VERSION;
        int columns = in.readInt();
        SparseRows sparse = version >= SPARSE_COMMAND_VERSION
                ? new SparseRows(in.readInts(), in.readInts(), in.readDoubles())
                : null;
        double[] features = sparse == null ? in.readDoubles() : null;
        double[] targets = in.readDoubles();
        double[] weights = in.readBoolean() ? in.readDoubles() : null;
        boolean standardize = in.readBoolean();
        UUID parentId = readOptionalUuid(in);
        var hyperparameters = HyperparametersCodec.read(in);
        List<String> names = null;
        String targetName = null;
        if (named) {
            if (in.readBoolean()) {
                // each name is a length and its bytes: 4 bytes at the least
                int count = in.readCount(4);
                names = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    names.add(in.readString());
                }
            }
            targetName = in.readBoolean() ? in.readString() : null;
        }
        boolean withOffsets =
                version == OFFSET_COMMAND_VERSION || version >= CLASSES_COMMAND_VERSION && in.readBoolean();
        double[] offsets = withOffsets ? in.readDoubles() : null;
        Classes classes = version >= CLASSES_COMMAND_VERSION ? in.readClasses() : null;
        ModelDesign design = version >= DESIGN_COMMAND_VERSION ? ModelCodec.readDesign(in) : null;
        return new FitCommand(
                sparse == null
                        ? new Dataset(features, columns, targets, weights, offsets)
                        : new Dataset(sparse, columns, targets, weights, offsets),
                hyperparameters,
                standardize,
                parentId,
                names,
                targetName,
                classes,
                design);
    }

    static byte[] encodeJob(Job job) {
        BinaryWriter out = new BinaryWriter().writeByte(VERSION);
        writeJob(job, out);
        return out.toByteArray();
    }

    static Job decodeJob(byte[] bytes) {
        return decoding("job", () -> {
            BinaryReader in = reader(bytes, "job");
            Job job = readJob(in);
            in.expectEnd();
            return job;
        });
    }

    /** The part of a job that never changes, kept in its hash's field {@code created}. */
    record Created(int epochs, Instant createdAt, UUID parentId) {}

    static byte[] encodeCreated(Job job) {
        BinaryWriter out = new BinaryWriter().writeByte(VERSION);
        out.writeInt(job.epochs());
        writeOptionalInstant(out, job.createdAt());
        writeOptionalUuid(out, job.parentId());
        return out.toByteArray();
    }

    static Created decodeCreated(byte[] bytes) {
        return decoding("job's created part", () -> {
            BinaryReader in = reader(bytes, "job's created part");
            Created created = new Created(in.readInt(), readOptionalInstant(in), readOptionalUuid(in));
            in.expectEnd();
            return created;
        });
    }

    static byte[] encodeFailure(JobFailure failure) {
        BinaryWriter out = new BinaryWriter().writeByte(VERSION);
        writeFailure(out, failure);
        return out.toByteArray();
    }

    static JobFailure decodeFailure(byte[] bytes) {
        return decoding("job failure", () -> {
            BinaryReader in = reader(bytes, "job failure");
            JobFailure failure = readFailure(in);
            in.expectEnd();
            return failure;
        });
    }

    /**
     * Values that do not make a valid object (an instant past the year 1e9 included) are as unreadable as
     * unknown bytes.
     */
    private static <T> T decoding(String what, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | NullPointerException | IllegalStateException | DateTimeException e) {
            throw new DecodingException("an invalid " + what + ": " + e.getMessage());
        }
    }

    static byte[] encodeEvent(JobEventData data) {
        BinaryWriter out = new BinaryWriter().writeByte(VERSION);
        if (data instanceof JobEventData.JobProgress progress) {
            // One output keeps tag 1, which every gradfit reads; a softmax fit's K rows of weights need tag 3.
            Weights weights = progress.weights();
            boolean rows = weights != null && weights.outputs() > 1;
            out.writeByte(rows ? 3 : 1);
            out.writeInt(progress.epoch());
            out.writeDouble(progress.cost());
            out.writeDouble(progress.learningRate());
            if (rows) {
                out.writeWeightRows(weights);
            } else {
                out.writeOptionalWeights(weights);
            }
        } else if (data instanceof JobEventData.JobEnded ended) {
            out.writeByte(2);
            writeJob(ended.job(), out);
        } else {
            throw new IllegalArgumentException("no binary form for " + data);
        }
        return out.toByteArray();
    }

    static JobEventData decodeEvent(byte[] bytes) {
        return decoding("job event", () -> readEvent(reader(bytes, "job event")));
    }

    private static JobEventData readEvent(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case 1, 3 -> {
                int epoch = in.readInt();
                double cost = in.readDouble();
                double learningRate = in.readDouble();
                // Tag 3 is read by gradfit since the softmax loss; an earlier one skips it as unreadable.
                Weights weights = tag == 3 ? in.readWeightRows() : in.readOptionalWeights();
                yield new JobEventData.JobProgress(epoch, cost, learningRate, weights);
            }
            case 2 -> new JobEventData.JobEnded(readJob(in));
            default -> throw new DecodingException("unknown job event tag " + tag);
        };
    }

    private static BinaryReader reader(byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            throw new DecodingException("an empty " + what);
        }
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readByte();
        if (version != VERSION) {
            throw new DecodingException(
                    "a " + what + " of version " + version + "; this gradfit reads version " + VERSION);
        }
        return in;
    }

    private static void writeJob(Job job, BinaryWriter out) {
        out.writeUuid(job.id());
        out.writeString(job.status().name());
        out.writeInt(job.epoch());
        out.writeInt(job.epochs());
        out.writeDouble(job.cost());
        writeOptionalInstant(out, job.createdAt());
        writeOptionalInstant(out, job.startedAt());
        writeOptionalInstant(out, job.finishedAt());
        writeOptionalUuid(out, job.parentId());
        writeOptionalUuid(out, job.modelId());
        writeFailure(out, job.failure());
        out.writeBoolean(job.cancelRequested());
    }

    private static Job readJob(BinaryReader in) {
        return new Job(
                in.readUuid(),
                JobStatus.valueOf(in.readString()),
                in.readInt(),
                in.readInt(),
                in.readDouble(),
                readOptionalInstant(in),
                readOptionalInstant(in),
                readOptionalInstant(in),
                readOptionalUuid(in),
                readOptionalUuid(in),
                readFailure(in),
                in.readBoolean());
    }

    private static void writeFailure(BinaryWriter out, JobFailure failure) {
        if (failure == null) {
            out.writeByte(0);
        } else if (failure instanceof JobFailure.InvalidRequest invalid) {
            out.writeByte(1);
            out.writeInt(invalid.errors().size());
            for (FieldError error : invalid.errors()) {
                out.writeString(error.field());
                out.writeString(error.reason());
            }
        } else if (failure instanceof JobFailure.Diverged diverged) {
            out.writeByte(2);
            out.writeInt(diverged.epoch());
            out.writeString(diverged.divergence().name());
            out.writeDouble(diverged.lastFiniteCost());
            out.writeDouble(diverged.learningRate());
            out.writeDouble(diverged.maxStableLearningRate());
        } else if (failure instanceof JobFailure.OutOfMemory) {
            out.writeByte(4);
        } else {
            out.writeByte(3);
        }
    }

    private static JobFailure readFailure(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> null;
            case 1 -> {
                // a field and a reason, each a length and its bytes: 8 bytes at the least
                int count = in.readCount(8);
                List<FieldError> errors = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    errors.add(new FieldError(in.readString(), in.readString()));
                }
                yield new JobFailure.InvalidRequest(errors);
            }
            case 2 ->
                new JobFailure.Diverged(
                        in.readInt(),
                        FitDivergedException.Cause.valueOf(in.readString()),
                        in.readDouble(),
                        in.readDouble(),
                        in.readDouble());
            case 3 -> new JobFailure.Unexpected();
            case 4 -> new JobFailure.OutOfMemory();
            default -> throw new DecodingException("unknown job failure tag " + tag);
        };
    }

    private static void writeOptionalUuid(BinaryWriter out, UUID id) {
        out.writeBoolean(id != null);
        if (id != null) {
            out.writeUuid(id);
        }
    }

    private static UUID readOptionalUuid(BinaryReader in) {
        return in.readBoolean() ? in.readUuid() : null;
    }

    private static void writeOptionalInstant(BinaryWriter out, Instant at) {
        out.writeBoolean(at != null);
        if (at != null) {
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
        }
    }

    private static Instant readOptionalInstant(BinaryReader in) {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
