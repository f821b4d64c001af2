package dev.gradfit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.gradfit.api.response.ModelResponse;
import dev.gradfit.api.response.ModelSummary;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.ClassificationMetrics;
import dev.gradfit.fitting.diagnostics.DevianceMetrics;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.diagnostics.GoodnessOfFit;
import dev.gradfit.fitting.diagnostics.MulticlassMetrics;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.optimizer.GradientClipping;
import dev.gradfit.fitting.optimizer.Lbfgs;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.schedule.Schedule;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Snapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model and hyperparameter encodings round-trip everything, bit for bit, over many random models; and
 * bytes they cannot read fail with a {@link DecodingException}, never anything else.
 */
class ModelCodecTest {

    private static final int MODELS = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void roundTripsRandomModelsExactly() {
        RandomModels models = new RandomModels(20261127);
        for (int i = 0; i < MODELS; i++) {
            FittedModel model = models.model();
            byte[] encoded = ModelCodec.encode(model);

            FittedModel decoded = ModelCodec.decode(encoded);

            // Every double is in the encoding as its raw bits, so equal bytes mean equal bits.
            assertThat(ModelCodec.encode(decoded)).as("model %d", i).isEqualTo(encoded);
            assertThat(decoded)
                    .as("model %d", i)
                    .usingRecursiveComparison()
                    .ignoringFieldsMatchingRegexes(".*nanoTime")
                    .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                    .isEqualTo(model);
            assertThat(JSON.writeValueAsString(ModelResponse.of(decoded)))
                    .as("model %d", i)
                    .isEqualTo(JSON.writeValueAsString(ModelResponse.of(model)));
            assertThat(JSON.writeValueAsString(ModelSummary.of(decoded)))
                    .isEqualTo(JSON.writeValueAsString(ModelSummary.of(model)));
        }
    }

    @Test
    void roundTripsHyperparametersOnTheirOwn() {
        RandomModels models = new RandomModels(7);
        for (int i = 0; i < MODELS; i++) {
            Hyperparameters hyperparameters = models.hyperparameters(1 + i % 4);
            byte[] encoded = encodeAlone(hyperparameters);

            Hyperparameters decoded = decodeAlone(encoded);

            assertThat(encodeAlone(decoded)).isEqualTo(encoded);
            assertThat(decoded)
                    .usingRecursiveComparison()
                    .ignoringFieldsMatchingRegexes(".*nanoTime")
                    .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                    .isEqualTo(hyperparameters);
        }
    }

    @Test
    void writesLbfgsAsOptimizerTagSevenAndItsMemoryAndRefusesAMemoryOutOfRange() {
        // The same settings with gd, whose optimizer is the single tag byte 0, and with L-BFGS: the bytes differ
        // only there, where L-BFGS writes tag 7 and its memory as a big-endian int.
        Hyperparameters gd = Hyperparameters.defaults();
        byte[] plain = encodeAlone(gd);
        byte[] lbfgs = encodeAlone(gd.toBuilder().optimizer(new Lbfgs(42)).build());
        int at = Arrays.mismatch(plain, lbfgs);

        assertThat(plain[at]).isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(lbfgs, at, at + 5)).containsExactly(7, 0, 0, 0, 42);
        assertThat(Arrays.copyOfRange(lbfgs, at + 5, lbfgs.length))
                .containsExactly(Arrays.copyOfRange(plain, at + 1, plain.length));
        assertThat(decodeAlone(lbfgs).optimizer()).isEqualTo(new Lbfgs(42));

        byte[] tooLarge = lbfgs.clone();
        tooLarge[at + 4] = (byte) 101;
        assertThatThrownBy(() -> decodeAlone(tooLarge))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("memory");
    }

    @Test
    void hyperparametersSitInsideALargerValue() {
        Hyperparameters hyperparameters = new RandomModels(3).hyperparameters(2);
        BinaryWriter out = new BinaryWriter().writeDoubles(new double[] {1, 2, 3});
        HyperparametersCodec.write(hyperparameters, out);
        out.writeString("after");

        BinaryReader in = new BinaryReader(out.toByteArray());

        assertThat(in.readDoubles()).containsExactly(1, 2, 3);
        assertThat(encodeAlone(HyperparametersCodec.read(in))).isEqualTo(encodeAlone(hyperparameters));
        assertThat(in.readString()).isEqualTo("after");
        in.expectEnd();
    }

    /** The hyperparameters alone, as {@link HyperparametersCodec#write} puts them inside a larger value. */
    private static byte[] encodeAlone(Hyperparameters hyperparameters) {
        BinaryWriter out = new BinaryWriter();
        HyperparametersCodec.write(hyperparameters, out);
        return out.toByteArray();
    }

    private static Hyperparameters decodeAlone(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        Hyperparameters hyperparameters = HyperparametersCodec.read(in);
        in.expectEnd();
        return hyperparameters;
    }

    /**
     * A new loss, optimizer, schedule, stopping rule or kind of metrics must get an encoding (and a place in
     * RandomModels).
     */
    @Test
    void randomModelsCoverEveryImplementationInFitting() {
        Set<Class<?>> generated = new HashSet<>();
        RandomModels models = new RandomModels(11);
        for (int i = 0; i < 500; i++) {
            FitDiagnostics diagnostics = models.model().diagnostics();
            if (diagnostics != null && diagnostics.metrics() != null) {
                generated.add(diagnostics.metrics().getClass());
            }
            Hyperparameters hyperparameters = models.hyperparameters(1);
            generated.add(hyperparameters.loss().getClass());
            generated.add(hyperparameters.optimizer().getClass());
            if (hyperparameters.optimizer() instanceof GradientClipping clipping) {
                generated.add(clipping.optimizer().getClass());
            }
            generated.add(hyperparameters.schedule().getClass());
            hyperparameters.stoppingRules().forEach(rule -> generated.add(rule.getClass()));
        }
        Set<String> implementations = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.gradfit.fitting")
                        .stream()
                        .filter(type -> List.of(
                                        Loss.class,
                                        Optimizer.class,
                                        Schedule.class,
                                        StoppingRule.class,
                                        GoodnessOfFit.class)
                                .stream()
                                .anyMatch(type::isAssignableTo))
                        .filter(type -> !type.isInterface()
                                && !type.isAnonymousClass()
                                && !type.getModifiers().contains(JavaModifier.ABSTRACT))
                        .map(JavaClass::getName)
                        .collect(Collectors.toSet());

        assertThat(generated.stream().map(Class::getName)).containsExactlyInAnyOrderElementsOf(implementations);
    }

    @Test
    void refusesAVersionItDoesNotKnow() {
        byte[] encoded = ModelCodec.encode(new RandomModels(1).model());
        encoded[0] = 6;

        assertThatThrownBy(() -> ModelCodec.decode(encoded))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("version 6")
                .hasMessageContaining("reads versions 1 to 5");
    }

    @Test
    void roundTripsFeatureAndTargetNames() {
        FittedModel named = withNames(new RandomModels(8).model(), List.of("size", "rooms", "面积"), "price");

        FittedModel decoded = ModelCodec.decode(ModelCodec.encode(named));

        assertThat(decoded.featureNames()).hasSize(named.features()).isEqualTo(named.featureNames());
        assertThat(decoded.featureNames().get(0)).startsWith("size");
        assertThat(decoded.targetName()).isEqualTo("price");
    }

    @Test
    void countsNamesInTheEstimatedBytes() {
        FittedModel model = withNames(new RandomModels(10).model(), null, null);
        List<String> names = java.util.stream.IntStream.range(0, model.features())
                .mapToObj(j -> "a feature name of some length " + j)
                .toList();

        // About 48 bytes of String and 2 bytes a character, each; more is fine, less would undercount.
        assertThat(withNames(model, names, "price").estimatedBytes() - model.estimatedBytes())
                .isGreaterThanOrEqualTo(names.size() * (48L + 2 * 31) + 48 + 2 * 5);
    }

    private static FittedModel withNames(FittedModel model, List<String> names, String target) {
        int features = model.features();
        List<String> fitting = names == null || names.size() == features
                ? names
                : java.util.stream.IntStream.range(0, features)
                        .mapToObj(j -> names.get(j % names.size()) + j)
                        .toList();
        return new FittedModel(
                model.id(),
                model.createdAt(),
                model.hyperparameters(),
                model.result(),
                model.parentId(),
                model.standardized(),
                model.diagnostics(),
                fitting,
                target,
                model.sample());
    }

    @Test
    void roundTripsTheTrainingSampleBitForBit() {
        FittedModel model = new RandomModels(9).modelWithHistory(3);
        TrainingSample sample = new TrainingSample(
                new double[] {1, -0.0, Double.MIN_VALUE, 4, 5, 6}, 2, new double[] {6, 8, 1.0 / 3}, 1_000_000);
        FittedModel withSample = new FittedModel(
                model.id(),
                model.createdAt(),
                model.hyperparameters(),
                model.result(),
                null,
                false,
                null,
                null,
                null,
                sample);

        FittedModel decoded = ModelCodec.decode(ModelCodec.encode(withSample));

        assertThat(decoded.sample()).isEqualTo(sample);
        assertThat(decoded.sample().offsets()).isNull();
        assertThat(Double.doubleToRawLongBits(decoded.sample().x()[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(ModelCodec.decode(ModelCodec.encode(model)).sample()).isNull();
    }

    @Test
    void roundTripsTheOffsetsOfTheTrainingSampleBitForBit() {
        FittedModel model = new RandomModels(9).modelWithHistory(3);
        double[] offsets = {Math.log(1234.5), -0.0, Double.longBitsToDouble(0x7ff8_0000_dead_beefL)};
        TrainingSample sample = new TrainingSample(new double[] {1, 2, 3}, 1, new double[] {0, 7, 2}, 3, offsets);
        byte[] encoded = ModelCodec.encode(withSample(model, sample));

        FittedModel decoded = ModelCodec.decode(encoded);

        assertThat(decoded.sample()).isEqualTo(sample);
        double[] back = decoded.sample().offsets();
        for (int i = 0; i < offsets.length; i++) {
            assertThat(Double.doubleToRawLongBits(back[i])).isEqualTo(Double.doubleToRawLongBits(offsets[i]));
        }
        assertThat(ModelCodec.encode(decoded)).isEqualTo(encoded);
        // The documented layout: version 3's bytes, then the flag and the offsets as a counted array, then
        // version 5's flag of no design.
        byte[] tail = new BinaryWriter()
                .writeBoolean(true)
                .writeDoubles(offsets)
                .writeBoolean(false)
                .toByteArray();
        assertThat(Arrays.copyOfRange(encoded, encoded.length - tail.length, encoded.length))
                .isEqualTo(tail);
        // Without offsets, the flag alone (before the design's).
        byte[] plain =
                ModelCodec.encode(withSample(model, new TrainingSample(new double[] {1}, 1, new double[] {2}, 1)));
        assertThat(plain[plain.length - 2]).isZero();
        assertThat(plain[plain.length - 1]).isZero();
    }

    @Test
    void refusesOffsetsWithoutASampleOrOfAnotherLength() {
        FittedModel model = new RandomModels(9).modelWithHistory(3);
        byte[] noSample = ModelCodec.encode(model);
        byte[] flagged = Arrays.copyOf(noSample, noSample.length + 4 + Double.BYTES);
        byte[] offsets = new BinaryWriter()
                .writeBoolean(true)
                .writeDoubles(new double[] {1})
                .toByteArray();
        // The offsets' flag is the byte before the design's flag, which stays 0 at the end.
        System.arraycopy(offsets, 0, flagged, noSample.length - 2, offsets.length);

        assertThatThrownBy(() -> ModelCodec.decode(flagged))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("keeps no sample");

        byte[] twoRows = ModelCodec.encode(withSample(
                model, new TrainingSample(new double[] {1, 2}, 1, new double[] {2, 3}, 2, new double[] {0, 0})));
        // The count of offsets, an int before the last two doubles, made 1 and the last double cut; the design's
        // flag (0) stays last.
        byte[] oneOffset = Arrays.copyOf(twoRows, twoRows.length - Double.BYTES);
        oneOffset[oneOffset.length - Double.BYTES - 2] = 1;
        oneOffset[oneOffset.length - 1] = 0;

        assertThatThrownBy(() -> ModelCodec.decode(oneOffset))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("2 rows has 1 offsets");
    }

    private static FittedModel withSample(FittedModel model, TrainingSample sample) {
        return new FittedModel(
                model.id(),
                model.createdAt(),
                model.hyperparameters(),
                model.result(),
                null,
                false,
                null,
                null,
                null,
                sample);
    }

    /** Bytes a gradfit of encoding version 1 wrote (RandomModels(1127).model(), before models kept samples). */
    @Test
    void stillReadsVersionOneAsAModelWithoutASample() throws Exception {
        byte[] versionOne;
        try (var in = ModelCodecTest.class.getResourceAsStream("model-v1.bin")) {
            versionOne = in.readAllBytes();
        }
        assertThat(versionOne[0]).isEqualTo((byte) 1);

        FittedModel decoded = ModelCodec.decode(versionOne);

        assertThat(decoded.sample()).isNull();
        assertThat(decoded.featureNames()).isNull();
        assertThat(decoded.targetName()).isNull();
        assertThat(decoded)
                .usingRecursiveComparison()
                .ignoringFields("sample", "featureNames", "targetName", "classes")
                .ignoringFieldsMatchingRegexes(".*nanoTime")
                .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                .isEqualTo(new RandomModels(1127).model());
        assertThat(ModelCodec.encode(decoded)[0]).isEqualTo((byte) ModelCodec.VERSION);
    }

    /**
     * Bytes a gradfit of encoding version 2 wrote (RandomModels(2028).model(), a logistic model with names and a
     * sample, before models had classes): a logistic model without classes has the classes 0 and 1.
     */
    @Test
    void stillReadsVersionTwoAsALogisticModelOfZeroAndOne() throws Exception {
        byte[] versionTwo;
        try (var in = ModelCodecTest.class.getResourceAsStream("model-v2.bin")) {
            versionTwo = in.readAllBytes();
        }
        assertThat(versionTwo[0]).isEqualTo((byte) 2);

        FittedModel decoded = ModelCodec.decode(versionTwo);

        assertThat(decoded.classes()).isEqualTo(Classes.ZERO_ONE);
        assertThat(decoded)
                .usingRecursiveComparison()
                .ignoringFields("classes")
                .ignoringFieldsMatchingRegexes(".*nanoTime")
                .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                .isEqualTo(new RandomModels(2028).model());
    }

    /**
     * Bytes a gradfit of encoding version 3 wrote (RandomModels(3872).model(), a softmax model of 3 classes with
     * K-row initial weights, result, snapshots and reference, multiclass metrics and named classes).
     */
    @Test
    void stillReadsVersionThreeWithASoftmaxModel() throws Exception {
        byte[] versionThree;
        try (var in = ModelCodecTest.class.getResourceAsStream("model-v3.bin")) {
            versionThree = in.readAllBytes();
        }
        assertThat(versionThree[0]).isEqualTo((byte) 3);

        FittedModel decoded = ModelCodec.decode(versionThree);

        assertThat(decoded.hyperparameters().loss()).isEqualTo(new SoftmaxLoss(3));
        assertThat(decoded.result().weights().outputs()).isEqualTo(3);
        assertThat(decoded.diagnostics().metrics()).isInstanceOf(MulticlassMetrics.class);
        assertThat(decoded)
                .usingRecursiveComparison()
                .ignoringFieldsMatchingRegexes(".*nanoTime")
                .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                .isEqualTo(new RandomModels(3872).model());
    }

    /**
     * Bytes a gradfit of encoding version 4 wrote (RandomModels(4014).model(), a Gamma model whose training
     * sample of 16 rows keeps its offsets).
     */
    @Test
    void stillReadsVersionFourWithTheOffsetsOfItsSample() throws Exception {
        byte[] versionFour = fixture("model-v4.bin");
        assertThat(versionFour[0]).isEqualTo((byte) 4);

        FittedModel decoded = ModelCodec.decode(versionFour);

        assertThat(decoded.sample().rows()).isEqualTo(16);
        assertThat(decoded.sample().offsets()).hasSize(16);
        assertThat(decoded)
                .usingRecursiveComparison()
                .ignoringFieldsMatchingRegexes(".*nanoTime")
                .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                .isEqualTo(new RandomModels(4014).model());
    }

    /**
     * Bytes a gradfit of encoding version 5 wrote (RandomModels(5061).modelWithDesign(), a model fitted from rows
     * through a formula's design of a text column of three levels and two numeric columns).
     */
    @Test
    void stillReadsVersionFiveWithItsDesign() throws Exception {
        byte[] versionFive = fixture("model-v5.bin");
        assertThat(versionFive[0]).isEqualTo((byte) 5);

        FittedModel decoded = ModelCodec.decode(versionFive);

        assertThat(decoded.design().design().columnNames())
                .containsExactly("city[T.Paris]", "city[T.Zürich 17]", "🏠_0", "size_1");
        assertThat(decoded.design().design().levels("city")).containsExactly("Lyon", "Paris", "Zürich 17");
        assertThat(decoded.design().formula()).isEqualTo("y ~ city + 🏠_0 + size_1");
        assertThat(decoded.design().droppedRows()).isEqualTo(2);
        assertThat(decoded)
                .usingRecursiveComparison()
                .ignoringFieldsMatchingRegexes(".*nanoTime")
                .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                .isEqualTo(new RandomModels(5061).modelWithDesign());
    }

    /** Models stored before version 5 kept no design, and decode without one. */
    @Test
    void versionsOneToFourDecodeWithoutADesign() throws Exception {
        for (int version = 1; version <= 4; version++) {
            assertThat(ModelCodec.decode(fixture("model-v" + version + ".bin")).design())
                    .as("version %d", version)
                    .isNull();
        }
    }

    @Test
    void roundTripsTheDesignOfRandomModelsExactly() {
        RandomModels models = new RandomModels(20261206);
        for (int i = 0; i < 50; i++) {
            FittedModel model = models.modelWithDesign();

            FittedModel decoded = ModelCodec.decode(ModelCodec.encode(model));

            assertThat(decoded)
                    .usingRecursiveComparison()
                    .ignoringFieldsMatchingRegexes(".*nanoTime")
                    .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                    .isEqualTo(model);
            assertThat(decoded.estimatedBytes())
                    .isGreaterThan(withoutDesign(model).estimatedBytes());
        }
    }

    private static FittedModel withoutDesign(FittedModel model) {
        return new FittedModel(
                model.id(),
                model.createdAt(),
                model.hyperparameters(),
                model.result(),
                model.parentId(),
                model.standardized(),
                model.diagnostics(),
                model.featureNames(),
                model.targetName(),
                model.sample(),
                model.classes());
    }

    /** A sample stored before version 4 kept no offsets, and decodes without them (model-v3.bin has no sample). */
    @Test
    void versionTwoDecodesItsSampleWithoutOffsets() throws Exception {
        FittedModel decoded = ModelCodec.decode(fixture("model-v2.bin"));

        assertThat(decoded.sample().rows()).isPositive();
        assertThat(decoded.sample().hasOffsets()).isFalse();
        assertThat(ModelCodec.decode(fixture("model-v3.bin")).sample()).isNull();
    }

    private static byte[] fixture(String name) throws Exception {
        try (var in = ModelCodecTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsNamedAndNumberedClasses() {
        for (Classes classes : List.of(
                Classes.ofNames(List.of("Größe", "setosa", "versicolor", "🏠")),
                Classes.ofNumbers(new double[] {-2.5, 0, 3, 1e300}))) {
            FittedModel model = new RandomModels(9).model();
            FittedModel classified = new FittedModel(
                    model.id(),
                    model.createdAt(),
                    model.hyperparameters(),
                    model.result(),
                    model.parentId(),
                    model.standardized(),
                    model.diagnostics(),
                    model.featureNames(),
                    model.targetName(),
                    model.sample(),
                    classes);

            assertThat(ModelCodec.decode(ModelCodec.encode(classified)).classes())
                    .isEqualTo(classes);
        }
    }

    @Test
    void roundTripsWeightedAndWholeConfusionCounts() {
        FittedModel model = new RandomModels(7).model();
        for (ClassificationMetrics metrics : new ClassificationMetrics[] {
            new ClassificationMetrics(0.5, 0.55, 4.0, 2.25, 1.5, 2.25), new ClassificationMetrics(0.5, 0.75, 3, 1, 3, 1)
        }) {
            FittedModel withMetrics = new FittedModel(
                    model.id(),
                    model.createdAt(),
                    model.hyperparameters(),
                    model.result(),
                    model.parentId(),
                    model.standardized(),
                    new FitDiagnostics(metrics, ExactSolution.unavailable(null, "none"), Double.NaN),
                    model.featureNames(),
                    model.targetName(),
                    model.sample());

            FittedModel decoded = ModelCodec.decode(ModelCodec.encode(withMetrics));

            assertThat(decoded.diagnostics().metrics()).isEqualTo(metrics);
        }
    }

    @Test
    void roundTripsTheDevianceMetricsOfALogLinkModel() {
        FittedModel model = new RandomModels(8).model();
        DevianceMetrics metrics = new DevianceMetrics(1.5, 0.4968, Double.NaN, 13.2, -0.0);
        FittedModel withMetrics = new FittedModel(
                model.id(),
                model.createdAt(),
                model.hyperparameters(),
                model.result(),
                model.parentId(),
                model.standardized(),
                new FitDiagnostics(metrics, ExactSolution.unavailable(null, "none"), Double.NaN),
                model.featureNames(),
                model.targetName(),
                model.sample());

        byte[] encoded = ModelCodec.encode(withMetrics);
        FittedModel decoded = ModelCodec.decode(encoded);

        // Records compare doubles bit for bit (Double.compare): NaN and −0 come back as they went.
        assertThat(decoded.diagnostics().metrics()).isEqualTo(metrics);
        assertThat(ModelCodec.encode(decoded)).isEqualTo(encoded);
    }

    /** A NaN with a payload: it survives only if the encoding keeps a double's raw bits. */
    private static final double PAYLOAD_NAN = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);

    private static final Weights THREE_ROWS = Weights.ofRows(
            new double[] {-0.0, PAYLOAD_NAN, Double.MIN_VALUE},
            new double[][] {{1.0 / 3, -2.5}, {Double.MAX_VALUE, 0.0}, {Math.PI, Double.NEGATIVE_INFINITY}});

    @Test
    void roundTripsASoftmaxModelOfThreeClassesBitForBit() {
        Hyperparameters settings = Hyperparameters.defaults().toBuilder()
                .loss(new SoftmaxLoss(3))
                .optimizer(new Lbfgs(10))
                .regularization(new Regularization(0.0, 0.25))
                .initialWeights(THREE_ROWS)
                .snapshotEpochs(List.of(1))
                .build();
        Weights result = Weights.ofRows(new double[] {0.5, -0.25, -0.25}, new double[][] {
            {1, 2}, {3, 4}, {5, Double.longBitsToDouble(1L)}
        });
        MulticlassMetrics metrics = new MulticlassMetrics(
                0.6931, 2.0 / 3, -0.0, new double[][] {{2, 0, 1}, {0, 1.5, 0}, {PAYLOAD_NAN, 0, 3}});
        FittedModel model = new FittedModel(
                new UUID(5, 6),
                Instant.ofEpochSecond(1_780_000_000L, 123),
                settings,
                new FitResult(
                        result,
                        0.42,
                        new double[] {1.1, 0.42},
                        1,
                        2,
                        StopReason.CONVERGED,
                        new double[0],
                        new double[0],
                        List.of(new Snapshot(1, THREE_ROWS, 1.1))),
                new UUID(7, 8),
                true,
                new FitDiagnostics(
                        metrics, new ExactSolution(ExactSolution.Method.NEWTON_IRLS, THREE_ROWS, 0.41, null), 0.01),
                List.of("sepal length", "petal width"),
                "species",
                null,
                Classes.ofNames(List.of("setosa", "versicolor", "virginica")));

        byte[] encoded = ModelCodec.encode(model);
        FittedModel decoded = ModelCodec.decode(encoded);

        assertThat(ModelCodec.encode(decoded)).isEqualTo(encoded);
        assertThat(decoded)
                .usingRecursiveComparison()
                .withComparatorForType(ModelCodecTest::sameBits, Double.class)
                .isEqualTo(model);
        assertThat(decoded.hyperparameters().loss()).isEqualTo(new SoftmaxLoss(3));
        assertThat(decoded.result().weights().outputs()).isEqualTo(3);
        assertThat(decoded.diagnostics().metrics()).isEqualTo(metrics);
        // Weights.equals and the records compare NaNs as equal whatever their payload: the bits are checked here.
        for (Weights weights : List.of(
                decoded.hyperparameters().initialWeights(),
                decoded.result().snapshots().get(0).weights(),
                decoded.diagnostics().reference().weights())) {
            assertThat(Double.doubleToRawLongBits(weights.intercept(1))).isEqualTo(0x7ff8_0000_dead_beefL);
            assertThat(Double.doubleToRawLongBits(weights.intercept(0))).isEqualTo(Long.MIN_VALUE);
        }
        assertThat(Double.doubleToRawLongBits(
                        ((MulticlassMetrics) decoded.diagnostics().metrics()).confusion()[2][0]))
                .isEqualTo(0x7ff8_0000_dead_beefL);
        // The documented layouts, written out by hand: the result's weights as 3 outputs, each an intercept and a
        // counted array of coefficients; the metrics as tag 5, three doubles, 3 and the 9 cells row by row.
        assertThat(indexOf(encoded, rows(3, 0.5, 1, 2, -0.25, 3, 4, -0.25, 5, Double.longBitsToDouble(1L))))
                .isPositive();
        BinaryWriter cells = new BinaryWriter()
                .writeByte(5)
                .writeDouble(0.6931)
                .writeDouble(2.0 / 3)
                .writeDouble(-0.0)
                .writeInt(3)
                .writeDoubles(new double[] {2, 0, 1, 0, 1.5, 0, PAYLOAD_NAN, 0, 3});
        assertThat(indexOf(encoded, cells.toByteArray())).isPositive();
    }

    @Test
    void writesTheSoftmaxLossAsTagSevenAndItsClassesAndKRowInitialWeightsInVersionTwo() {
        Hyperparameters plain = Hyperparameters.defaults();
        Hyperparameters softmax = plain.toBuilder().loss(new SoftmaxLoss(3)).build();
        byte[] plainBytes = encodeAlone(plain);
        byte[] softmaxBytes = encodeAlone(softmax);
        int at = Arrays.mismatch(plainBytes, softmaxBytes);

        // Without K-row initial weights, version 1 as before, the loss tag 7 and the classes as a big-endian int.
        assertThat(softmaxBytes[0]).isEqualTo((byte) 1);
        assertThat(plainBytes[at]).isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(softmaxBytes, at, at + 5)).containsExactly(7, 0, 0, 0, 3);
        assertThat(Arrays.copyOfRange(softmaxBytes, at + 5, softmaxBytes.length))
                .containsExactly(Arrays.copyOfRange(plainBytes, at + 1, plainBytes.length));
        assertThat(decodeAlone(softmaxBytes).loss()).isEqualTo(new SoftmaxLoss(3));

        // With them, version 2: the initial weights are flagged present, then counted, then row by row.
        Hyperparameters continued =
                softmax.toBuilder().initialWeights(THREE_ROWS).build();
        byte[] continuedBytes = encodeAlone(continued);
        byte[] expectedStart = new BinaryWriter()
                .writeByte(2)
                .writeDouble(continued.learningRate())
                .writeInt(continued.epochs())
                .writeBoolean(true)
                .toByteArray();
        assertThat(Arrays.copyOf(continuedBytes, expectedStart.length)).isEqualTo(expectedStart);
        byte[] weights = rows(
                3,
                -0.0,
                1.0 / 3,
                -2.5,
                PAYLOAD_NAN,
                Double.MAX_VALUE,
                0.0,
                Double.MIN_VALUE,
                Math.PI,
                Double.NEGATIVE_INFINITY);
        assertThat(Arrays.copyOfRange(continuedBytes, expectedStart.length, expectedStart.length + weights.length))
                .isEqualTo(weights);
        Hyperparameters decoded = decodeAlone(continuedBytes);
        assertThat(decoded.initialWeights()).isEqualTo(THREE_ROWS);
        assertThat(encodeAlone(decoded)).isEqualTo(continuedBytes);

        // Single-output initial weights keep version 1, which every gradfit reads.
        assertThat(encodeAlone(plain.toBuilder()
                        .initialWeights(new Weights(1, new double[] {2}))
                        .build())[0])
                .isEqualTo((byte) 1);
    }

    @Test
    void refusesAConfusionMatrixWhoseCellsDoNotMakeASquare() {
        FittedModel model = new RandomModels(8).model();
        MulticlassMetrics metrics = new MulticlassMetrics(0.5, 0.5, 0.5, new double[][] {{1, 2}, {3, 4}});
        byte[] encoded = ModelCodec.encode(new FittedModel(
                model.id(),
                model.createdAt(),
                model.hyperparameters(),
                model.result(),
                model.parentId(),
                model.standardized(),
                new FitDiagnostics(metrics, ExactSolution.unavailable(null, "none"), Double.NaN),
                model.featureNames(),
                model.targetName(),
                model.sample()));
        // Tag 5, the three figures, then the classes (2) and the cells (4): the classes made 3.
        byte[] written = new BinaryWriter()
                .writeByte(5)
                .writeDouble(0.5)
                .writeDouble(0.5)
                .writeDouble(0.5)
                .writeInt(2)
                .writeInt(4)
                .toByteArray();
        int at = indexOf(encoded, written);
        assertThat(at).isPositive();
        encoded[at + 1 + 3 * Double.BYTES + 3] = 3;

        assertThatThrownBy(() -> ModelCodec.decode(encoded))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("a confusion matrix of 3 classes has 4 cells");
    }

    /** Weights of {@code outputs} rows, laid out by hand: the count, then each row's intercept and counted coefficients. */
    private static byte[] rows(int outputs, double... interceptsAndCoefficients) {
        int perRow = interceptsAndCoefficients.length / outputs;
        BinaryWriter out = new BinaryWriter().writeInt(outputs);
        for (int k = 0; k < outputs; k++) {
            out.writeDouble(interceptsAndCoefficients[k * perRow]).writeInt(perRow - 1);
            for (int j = 1; j < perRow; j++) {
                out.writeDouble(interceptsAndCoefficients[k * perRow + j]);
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void refusesEveryTruncation() {
        byte[] encoded = ModelCodec.encode(new RandomModels(2).model());

        for (int length = 0; length < encoded.length; length++) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> ModelCodec.decode(cut))
                    .as("the first %d of %d bytes", length, encoded.length)
                    .isInstanceOf(DecodingException.class);
        }
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> ModelCodec.decode(longer)).isInstanceOf(DecodingException.class);
    }

    /** Corrupt bytes either still make a valid model or fail cleanly: no huge allocation, no other exception. */
    @Test
    void corruptBytesFailOnlyWithADecodingException() {
        RandomModels models = new RandomModels(5);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < MODELS; i++) {
            byte[] encoded = ModelCodec.encode(models.model());
            for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
                encoded[random.nextInt(encoded.length)] = (byte) random.nextInt(256);
            }
            try {
                ModelCodec.decode(encoded);
            } catch (DecodingException expected) {
                // the other allowed outcome
            }
        }
    }

    /** Doubles are equal when their bits are: NaN equals the same NaN, 0.0 is not −0.0. */
    private static int sameBits(Double a, Double b) {
        return Long.compare(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b));
    }
}
