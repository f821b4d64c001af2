package dev.gradfit.jobs.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.design.Coding;
import dev.gradfit.design.Design;
import dev.gradfit.design.DesignMatrix;
import dev.gradfit.design.DesignSpec;
import dev.gradfit.design.Missing;
import dev.gradfit.design.SparseDesignMatrix;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.core.SparseRows;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.jobs.Job;
import dev.gradfit.jobs.JobEventData;
import dev.gradfit.jobs.JobFailure;
import dev.gradfit.model.BinaryWriter;
import dev.gradfit.model.Classes;
import dev.gradfit.model.DecodingException;
import dev.gradfit.model.ModelDesign;
import dev.gradfit.service.FitCommand;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Fit commands as jobs keep them in Redis: without names exactly as before names existed, with names after them. */
class JobCodecsTest {

    private static final Hyperparameters SETTINGS = Hyperparameters.builder()
            .learningRate(0.05)
            .epochs(77)
            .initialWeights(new Weights(-0.0, new double[] {Double.MIN_VALUE, 1.0 / 3}))
            .build();

    private static final FitCommand PLAIN = new FitCommand(
            new Dataset(new double[] {1, 2, 3, 4}, 2, new double[] {0.1, Math.PI}, new double[] {1, 2}),
            SETTINGS,
            true,
            new UUID(1, 2));

    @Test
    void writesACommandWithoutNamesInTheFirstLayoutByteForByte() throws Exception {
        byte[] saved = fixture("command-v1.bin");

        assertThat(JobCodecs.encodeCommand(PLAIN)).isEqualTo(saved);
        FitCommand decoded = JobCodecs.decodeCommand(saved);
        assertThat(decoded.data().features()).containsExactly(1, 2, 3, 4);
        assertThat(decoded.data().targets()).containsExactly(0.1, Math.PI);
        assertThat(decoded.data().sampleWeights()).containsExactly(1, 2);
        assertThat(decoded.hyperparameters()).usingRecursiveComparison().isEqualTo(SETTINGS);
        assertThat(decoded.standardize()).isTrue();
        assertThat(decoded.parentId()).isEqualTo(new UUID(1, 2));
    }

    /**
     * Bytes written once, by the gradfit that introduced the layout, and never by the code under test: a
     * change of layout that forgets its version fails here.
     */
    private static byte[] fixture(String name) throws java.io.IOException {
        try (var in = JobCodecsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsNamesBehindTheFirstLayout() {
        FitCommand named =
                new FitCommand(PLAIN.data(), SETTINGS, true, PLAIN.parentId(), List.of("size", "Größe, m²"), "price");
        byte[] plain = JobCodecs.encodeCommand(PLAIN);
        byte[] bytes = JobCodecs.encodeCommand(named);

        FitCommand decoded = JobCodecs.decodeCommand(bytes);

        assertThat(bytes[0]).isEqualTo((byte) 2);
        assertThat(java.util.Arrays.copyOfRange(bytes, 1, plain.length))
                .isEqualTo(java.util.Arrays.copyOfRange(plain, 1, plain.length));
        assertThat(decoded.featureNames()).containsExactly("size", "Größe, m²");
        assertThat(decoded.targetName()).isEqualTo("price");
        assertThat(JobCodecs.encodeCommand(decoded)).isEqualTo(bytes);
        assertThat(JobCodecs.decodeCommand(plain).featureNames()).isNull();
    }

    @Test
    void roundTripsClassesBehindTheNames() {
        Classes classes = Classes.ofNames(List.of("setosa", "versicolor", "virginica"));
        FitCommand classified = new FitCommand(PLAIN.data(), SETTINGS, true, PLAIN.parentId(), null, null, classes);
        byte[] bytes = JobCodecs.encodeCommand(classified);

        FitCommand decoded = JobCodecs.decodeCommand(bytes);

        assertThat(bytes[0]).isEqualTo((byte) 4);
        assertThat(decoded.classes()).isEqualTo(classes);
        assertThat(JobCodecs.encodeCommand(decoded)).isEqualTo(bytes);
        // 0 and 1 need no new layout: a replica that predates classes runs the command as it always did.
        FitCommand zeroOne =
                new FitCommand(PLAIN.data(), SETTINGS, true, PLAIN.parentId(), null, null, Classes.ZERO_ONE);
        assertThat(JobCodecs.encodeCommand(zeroOne)).isEqualTo(JobCodecs.encodeCommand(PLAIN));
    }

    @Test
    void roundTripsOffsetsBehindTheNamedLayout() {
        Dataset data = PLAIN.data();
        FitCommand withOffsets = new FitCommand(
                new Dataset(data.features(), 2, data.targets(), data.givenSampleWeights(), new double[] {-0.0, 1e-300}),
                SETTINGS,
                true,
                PLAIN.parentId());
        byte[] named = JobCodecs.encodeCommand(new FitCommand(data, SETTINGS, true, PLAIN.parentId(), null, null));
        byte[] bytes = JobCodecs.encodeCommand(withOffsets);

        FitCommand decoded = JobCodecs.decodeCommand(bytes);

        // Version 3: the layout of version 2 (here with neither names nor target name), then the offsets.
        assertThat(bytes[0]).isEqualTo((byte) 3);
        assertThat(JobCodecs.decodeCommand(named).data().hasOffsets()).isFalse();
        assertThat(decoded.data().offsets()).containsExactly(-0.0, 1e-300);
        assertThat(Double.doubleToRawLongBits(decoded.data().offset(0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(decoded.featureNames()).isNull();
        assertThat(JobCodecs.encodeCommand(decoded)).isEqualTo(bytes);
    }

    private static final Weights PARENT_ROWS = Weights.ofRows(
            new double[] {-0.0, Double.longBitsToDouble(0x7ff8_0000_dead_beefL), 0.5},
            new double[][] {{1, Double.MIN_VALUE}, {3, 4}, {5, -6}});

    /** A continued softmax fit of three named classes: what command-v5.bin holds. */
    static final FitCommand SOFTMAX = new FitCommand(
            new Dataset(new double[] {1, 2, 3, 4, 5, 6}, 2, new double[] {0, 2, 1}, null),
            SETTINGS.toBuilder()
                    .loss(new SoftmaxLoss(3))
                    .initialWeights(PARENT_ROWS)
                    .build(),
            false,
            new UUID(9, 9),
            List.of("a", "b"),
            "species",
            Classes.ofNames(List.of("setosa", "versicolor", "virginica")));

    @Test
    void roundTripsASoftmaxCommandInItsOwnVersion() throws Exception {
        Weights parentRows = PARENT_ROWS;
        Hyperparameters softmax = SOFTMAX.hyperparameters();
        Classes classes = SOFTMAX.classes();
        Dataset data = SOFTMAX.data();
        byte[] bytes = JobCodecs.encodeCommand(SOFTMAX);
        assertThat(bytes).isEqualTo(fixture("command-v5.bin"));

        FitCommand decoded = JobCodecs.decodeCommand(bytes);

        // Version 5, so that a gradfit from before softmax refuses it by its first byte; the layout of version 4.
        assertThat(bytes[0]).isEqualTo((byte) 5);
        assertThat(JobCodecs.encodeCommand(decoded)).isEqualTo(bytes);
        assertThat(decoded.hyperparameters())
                .usingRecursiveComparison()
                .ignoringFieldsMatchingRegexes(".*nanoTime")
                .withComparatorForType(
                        (Double x, Double y) ->
                                Long.compare(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(y)),
                        Double.class)
                .isEqualTo(softmax);
        assertThat(decoded.hyperparameters().initialWeights()).isEqualTo(parentRows);
        assertThat(Double.doubleToRawLongBits(
                        decoded.hyperparameters().initialWeights().intercept(1)))
                .isEqualTo(0x7ff8_0000_dead_beefL);
        assertThat(decoded.classes()).isEqualTo(classes);
        assertThat(decoded.data().targets()).containsExactly(0, 2, 1);
        assertThat(decoded.featureNames()).containsExactly("a", "b");
        byte[] asVersionFour = JobCodecs.encodeCommand(
                new FitCommand(data, SETTINGS, false, new UUID(9, 9), List.of("a", "b"), "species", classes));
        assertThat(asVersionFour[0]).isEqualTo((byte) 4);

        // A softmax fit from zero is version 5 too, with hyperparameters of version 1.
        FitCommand fresh = new FitCommand(
                data,
                SETTINGS.toBuilder()
                        .loss(new SoftmaxLoss(3))
                        .initialWeights(null)
                        .build(),
                false,
                null);
        byte[] freshBytes = JobCodecs.encodeCommand(fresh);
        assertThat(freshBytes[0]).isEqualTo((byte) 5);
        assertThat(JobCodecs.decodeCommand(freshBytes).hyperparameters().loss()).isEqualTo(new SoftmaxLoss(3));
        assertThat(JobCodecs.decodeCommand(freshBytes).classes()).isNull();
    }

    @Test
    void writesTheProgressOfASoftmaxFitUnderItsOwnTag() {
        Weights rows = Weights.ofRows(new double[] {1, -1}, new double[][] {{0.25}, {-0.0}});
        JobEventData.JobProgress softmax = new JobEventData.JobProgress(4, 0.5, 0.1, rows);
        JobEventData.JobProgress single = new JobEventData.JobProgress(4, 0.5, 0.1, new Weights(1, new double[] {2}));

        byte[] softmaxBytes = JobCodecs.encodeEvent(softmax);
        byte[] singleBytes = JobCodecs.encodeEvent(single);

        // Version 1, then the tag: 3 for rows of weights, which a gradfit from before softmax skips; 1 as before.
        assertThat(Arrays.copyOf(softmaxBytes, 2)).containsExactly(1, 3);
        assertThat(Arrays.copyOf(singleBytes, 2)).containsExactly(1, 1);
        assertThat(JobCodecs.decodeEvent(softmaxBytes)).isEqualTo(softmax);
        assertThat(JobCodecs.decodeEvent(singleBytes)).isEqualTo(single);
        assertThat(JobCodecs.decodeEvent(JobCodecs.encodeEvent(new JobEventData.JobProgress(4, 0.5, 0.1, null))))
                .isEqualTo(new JobEventData.JobProgress(4, 0.5, 0.1, null));
    }

    /** A fit of raw rows: a text column of three levels and a numeric one, its mean kept to fill missing cells. */
    static FitCommand designed() {
        Table rows = Table.of(
                TextColumn.of("city", "Lyon", "Paris", "Rome", "Paris", "Lyon"),
                NumericColumn.of("size", 1.0, 2.5, null, 4.0, 5.0));
        Design design = Design.learn(
                rows, DesignSpec.ofColumns(rows, Set.of(), 1, List.of(), true).withMissing(Missing.MEAN));
        DesignMatrix matrix = design.apply(rows);
        return new FitCommand(
                new Dataset(matrix.values(), matrix.columns(), new double[] {1, 2, 3, 4, 5}, null),
                Hyperparameters.builder().learningRate(0.05).epochs(77).build(),
                false,
                null,
                design.columnNames(),
                "price",
                null,
                new ModelDesign(design, null, Coding.TREATMENT, 0));
    }

    @Test
    void roundTripsTheDesignOfACommandFittedFromRowsInItsOwnVersion() throws Exception {
        FitCommand command = designed();
        byte[] bytes = JobCodecs.encodeCommand(command);
        assertThat(bytes).isEqualTo(fixture("command-v6.bin"));

        FitCommand decoded = JobCodecs.decodeCommand(bytes);

        // Version 6, so that a gradfit that would store the model without its design refuses it by its first byte.
        assertThat(bytes[0]).isEqualTo((byte) 6);
        assertThat(JobCodecs.encodeCommand(decoded)).isEqualTo(bytes);
        assertThat(decoded.design().design().columnNames()).containsExactly("city[T.Paris]", "city[T.Rome]", "size");
        assertThat(decoded.design().design().levels("city")).containsExactly("Lyon", "Paris", "Rome");
        // The mean of size (3.125) fills a missing cell as it did before the command was written.
        Table missing = Table.of(TextColumn.of("city", "Rome"), NumericColumn.of("size", (Double) null));
        assertThat(decoded.design().design().apply(missing).values()).containsExactly(0, 1, 3.125);
        assertThat(decoded.data().features()).containsExactly(command.data().features());
    }

    @Test
    void roundTripsSparseRowsInTheirOwnVersion() {
        FitCommand dense = designed();
        Table rows = Table.of(
                TextColumn.of("city", "Lyon", "Paris", "Rome", "Paris", "Lyon"),
                NumericColumn.of("size", 1.0, 2.5, null, 4.0, 5.0));
        SparseDesignMatrix matrix = dense.design().design().applySparse(rows);
        FitCommand command = new FitCommand(
                new Dataset(
                        new SparseRows(matrix.rowStart(), matrix.columnIndex(), matrix.values()),
                        matrix.columns(),
                        new double[] {1, 2, 3, 4, 5},
                        null,
                        null),
                dense.hyperparameters(),
                false,
                null,
                dense.featureNames(),
                "price",
                null,
                dense.design());

        byte[] bytes = JobCodecs.encodeCommand(command);
        FitCommand decoded = JobCodecs.decodeCommand(bytes);

        // Version 7: a gradfit that reads features as one dense array refuses it by its first byte.
        assertThat(bytes[0]).isEqualTo((byte) 7);
        assertThat(JobCodecs.encodeCommand(decoded)).isEqualTo(bytes);
        assertThat(decoded.data().isSparse()).isTrue();
        // Lyon is the dropped level: its rows store size alone.
        assertThat(decoded.data().sparseRows().rowStart()).containsExactly(0, 1, 3, 5, 7, 8);
        double[] row = new double[3];
        for (int i = 0; i < 5; i++) {
            decoded.data().copyRow(i, row, 0);
            double[] expected = new double[3];
            dense.data().copyRow(i, expected, 0);
            assertThat(row).containsExactly(expected);
        }
    }

    @Test
    void refusesAnUnknownCommandVersion() {
        byte[] bytes = JobCodecs.encodeCommand(PLAIN);
        bytes[0] = 8;

        assertThatThrownBy(() -> JobCodecs.decodeCommand(bytes))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("version 8");
    }

    @Test
    void writesAnOutOfMemoryFailureUnderItsOwnTagAndAnUnexpectedOneUnderItsOld() {
        // Tag 3 is what every gradfit before the out-of-memory failure wrote for a failure it did not name.
        byte[] outOfMemory = JobCodecs.encodeFailure(new JobFailure.OutOfMemory());
        byte[] unexpected = JobCodecs.encodeFailure(new JobFailure.Unexpected());

        assertThat(Arrays.copyOfRange(outOfMemory, 1, outOfMemory.length)).containsExactly(4);
        assertThat(Arrays.copyOfRange(unexpected, 1, unexpected.length)).containsExactly(3);
        assertThat(JobCodecs.decodeFailure(outOfMemory)).isEqualTo(new JobFailure.OutOfMemory());
        assertThat(JobCodecs.decodeFailure(unexpected)).isEqualTo(new JobFailure.Unexpected());
    }

    @Test
    void refusesAJobWhoseFailureClaimsMoreFieldErrorsThanItsBytesHold() {
        // A queued job's last two bytes are its failure tag (0, none) and cancelRequested: in their place, an
        // invalid-request failure of 2^31 - 1 field errors, and no bytes for them.
        byte[] queued = JobCodecs.encodeJob(Job.queued(new UUID(3, 4), 10, null, Instant.EPOCH));
        BinaryWriter corrupt = new BinaryWriter();
        for (int i = 0; i < queued.length - 2; i++) {
            corrupt.writeByte(queued[i]);
        }
        byte[] job = corrupt.writeByte(1).writeInt(Integer.MAX_VALUE).toByteArray();
        byte[] event = eventOf(job);

        // Refused from the count alone: a list of that capacity is an OutOfMemoryError, not a DecodingException.
        assertThatThrownBy(() -> JobCodecs.decodeJob(job))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("a length of 2147483647");
        assertThatThrownBy(() -> JobCodecs.decodeEvent(event))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("a length of 2147483647");
    }

    @Test
    void refusesAJobCreatedAtAnInstantNoInstantCanHold() {
        byte[] job = new BinaryWriter()
                .writeByte(1)
                .writeUuid(new UUID(3, 4))
                .writeString("QUEUED")
                .writeInt(0)
                .writeInt(10)
                .writeDouble(Double.NaN)
                .writeBoolean(true)
                .writeLong(Long.MAX_VALUE)
                .writeInt(0)
                .toByteArray();

        assertThatThrownBy(() -> JobCodecs.decodeJob(job)).isInstanceOf(DecodingException.class);
    }

    /** The event that a job ended, around the job's bytes as {@link JobCodecs#encodeJob} wrote them. */
    private static byte[] eventOf(byte[] job) {
        BinaryWriter event = new BinaryWriter().writeByte(1).writeByte(2);
        for (int i = 1; i < job.length; i++) {
            event.writeByte(job[i]);
        }
        return event.toByteArray();
    }
}
