package dev.gradfit.formats.arrow;

import static dev.gradfit.ArrowStreams.float32;
import static dev.gradfit.ArrowStreams.float64;
import static dev.gradfit.ArrowStreams.integers;
import static dev.gradfit.ArrowStreams.largeUtf8;
import static dev.gradfit.ArrowStreams.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.ArrowStreams;
import dev.gradfit.memory.BodyTooLargeException;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Arrow streams read into points and targets; every read, failed or not, gives back all Arrow memory. */
class ArrowTableReaderTest {

    private final BufferAllocator memory = new RootAllocator(RootAllocator.configBuilder()
            .allocationManagerFactory(UnsafeAllocationManager.FACTORY)
            .build());
    private final ArrowTableReader reader = new ArrowTableReader(memory, 1 << 20, 50, 5, 20);

    @AfterEach
    void givesBackEveryByte() {
        assertThat(memory.getAllocatedMemory()).isZero();
        memory.close(); // throws if anything is still allocated
    }

    private ArrowTableReader.LabeledColumns read(byte[] stream, String target) throws IOException {
        return reader.read(new ByteArrayInputStream(stream), target, null, MemoryAccount.NONE);
    }

    /** The reason the read gave for refusing the stream, on the field body. */
    private static String refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable read) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(read);
        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        var error = ((InvalidRequestException) thrown).errors().get(0);
        assertThat(error.field()).isEqualTo("body");
        return error.reason();
    }

    @Test
    void readsEveryIntegerWidthExactlyAndConcatenatesBatches() throws IOException {
        byte[] stream = ArrowStreams.write(
                2,
                integers("i8", 8, true, -128, 127, -1),
                integers("u8", 8, false, 255, 0, 1),
                integers("i16", 16, true, -32768, 32767, 0),
                integers("u16", 16, false, 65535, 1, 2),
                integers("target", 64, false, -1L, Long.MIN_VALUE, 1L << 53));

        var columns = read(stream, null);

        assertThat(columns.featureNames()).containsExactly("i8", "u8", "i16", "u16");
        assertThat(columns.targetName()).isEqualTo("target");
        assertThat(columns.x().rows()).isEqualTo(3);
        assertThat(columns.x().columns()).isEqualTo(4);
        assertThat(columns.x().values()).containsExactly(-128, 255, -32768, 65535, 127, 0, 32767, 1, -1, 1, 0, 2);
        // uint64: 2^64 - 1 rounds to 2^64, 2^63 is exact, 2^53 is exact.
        assertThat(columns.y().numbers()).containsExactly(0x1p64, 0x1p63, 0x1p53);
    }

    @Test
    void takesTheTargetByNameAndReadsWideColumns() throws IOException {
        byte[] stream = ArrowStreams.write(
                1,
                float64("price", 12.5, 13.25),
                integers("size", 32, true, Integer.MIN_VALUE, 7),
                integers("big", 64, true, Long.MAX_VALUE, -3),
                integers("u32", 32, false, 0xffffffffL, 5),
                float32("f", 0.1f, -2.5f));

        var columns = read(stream, "price");

        assertThat(columns.featureNames()).containsExactly("size", "big", "u32", "f");
        assertThat(columns.y().numbers()).containsExactly(12.5, 13.25);
        assertThat(columns.x().values())
                .containsExactly(Integer.MIN_VALUE, 0x1p63, 4294967295.0, (double) 0.1f, 7, -3, 5, -2.5);
    }

    @Test
    void refusesNullsNamingColumnAndRow() {
        byte[] stream =
                ArrowStreams.write(2, float64("x", Arrays.asList(1.0, 2.0, 3.0, null)), float64("y", 1, 2, 3, 4));

        assertThat(refusal(() -> read(stream, null))).contains("column \"x\", row 3: the value is null");
    }

    @Test
    void refusesNonFiniteValuesNamingColumnAndRow() {
        byte[] nan = ArrowStreams.write(2, float64("x", 1, 2, 3), float64("y", 1, Double.NaN, 3));
        byte[] infinite = ArrowStreams.write(5, float32("x", 1, 2, Float.NEGATIVE_INFINITY), float64("y", 1, 2, 3));

        assertThat(refusal(() -> read(nan, null))).contains("column \"y\", row 1: NaN is not a finite number");
        assertThat(refusal(() -> read(infinite, null))).contains("column \"x\", row 2: -Infinity is not a finite");
    }

    @Test
    void refusesAStringColumnByName() {
        assertThat(refusal(() -> read(ArrowStreams.write(5, utf8("city", "a", "b"), float64("y", 1, 2)), null)))
                .contains("column \"city\" is utf8, not numbers");
    }

    @Test
    void readsATargetOfTextAsClassLabelsOneStringPerLabel() throws IOException {
        byte[] utf8 = ArrowStreams.write(
                2, float64("x", 1, 2, 3, 4, 5), utf8("species", "setosa", "versicolor", "setosa", "setosa", "ünï"));
        byte[] large = ArrowStreams.write(
                3,
                largeUtf8("species", "setosa", "versicolor", "setosa", "setosa", "ünï"),
                float64("x", 1, 2, 3, 4, 5));

        for (var columns : new ArrowTableReader.LabeledColumns[] {read(utf8, null), read(large, "species")}) {
            assertThat(columns.y().labels()).containsExactly("setosa", "versicolor", "setosa", "setosa", "ünï");
            assertThat(columns.y().labels()[3]).isSameAs(columns.y().labels()[0]);
            assertThat(columns.x().values()).containsExactly(1, 2, 3, 4, 5);
            assertThat(columns.targetName()).isEqualTo("species");
        }
    }

    @Test
    void refusesLabelsThatAreNotUtf8NamingColumnAndRow() {
        byte[] stream = ArrowStreams.notUtf8(
                ArrowStreams.write(2, float64("x", 1, 2, 3), utf8("species", "setosa", "virginica", "versicolor")),
                "versicolor");

        assertThat(refusal(() -> read(stream, null))).contains("column \"species\", row 2: the text is not UTF-8");
    }

    @ParameterizedTest(name = "int{0} indices")
    @ValueSource(ints = {8, 16, 32, 64})
    void readsADictionaryEncodedTargetAcrossBatches(int indexBits) throws IOException {
        byte[] stream = ArrowStreams.writeDictionaryEncoded(
                2,
                indexBits,
                float64("x", 1, 2, 3, 4, 5),
                utf8("species", "versicolor", "setosa", "versicolor", "virginica", "setosa"));

        var columns = read(stream, null);

        assertThat(columns.y().labels()).containsExactly("versicolor", "setosa", "versicolor", "virginica", "setosa");
        assertThat(columns.x().values()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void refusesNullAndEmptyLabelsNamingColumnAndRow() {
        byte[] nulls = ArrowStreams.write(
                2,
                float64("x", 1, 2, 3, 4),
                new ArrowStreams.Column("species", ArrowType.Utf8.INSTANCE, Arrays.asList("a", "b", "a", null)));
        byte[] empty = ArrowStreams.write(2, float64("x", 1, 2, 3), utf8("species", "a", "b", ""));

        assertThat(refusal(() -> read(nulls, null))).contains("column \"species\", row 3: the value is null");
        assertThat(refusal(() -> read(empty, null))).contains("column \"species\", row 2: the label is empty");
    }

    @Test
    void refusesAnIndexOutsideTheDictionaryNamingColumnAndRow() {
        byte[] stream = ArrowStreams.writeDictionaryEncoded(
                2, 16, java.util.List.of("a", "b"), float64("x", 1, 2, 3), utf8("species", "a", "b", "c"));

        assertThat(refusal(() -> read(stream, null)))
                .contains("column \"species\", row 2: its index -1 lies outside its dictionary of 2 values");
    }

    @Test
    void refusesTextInAFeatureColumnSayingOnlyTheTargetHoldsLabels() {
        byte[] stream = ArrowStreams.write(2, utf8("city", "a", "b"), utf8("species", "a", "b"));

        assertThat(refusal(() -> read(stream, null)))
                .contains("column \"city\" is utf8, not numbers", "only the target may hold labels");
    }

    @Test
    void refusesEmptyStreamsAndStreamsWithoutRows() {
        assertThat(refusal(() -> read(new byte[0], null))).contains("is empty");
        assertThat(refusal(() -> read(ArrowStreams.schemaOnly(float64("x"), float64("y")), null)))
                .contains("has a schema but no rows");
    }

    @Test
    void refusesMoreRowsOrColumnsThanTheLimits() {
        double[] many = new double[51];
        assertThat(refusal(() -> read(ArrowStreams.write(20, float64("x", many), float64("y", many)), null)))
                .contains("more than the limit of 50");
        assertThat(refusal(() -> read(
                        ArrowStreams.write(
                                5,
                                float64("a", 1),
                                float64("b", 1),
                                float64("c", 1),
                                float64("d", 1),
                                float64("e", 1),
                                float64("f", 1)),
                        null)))
                .contains("has 6 columns, more than the limit of 5");
    }

    @Test
    void refusesEveryTruncationOfAStreamWithoutLeakingArrowMemory() {
        byte[] stream = ArrowStreams.write(2, float64("x", 1, 2, 3, 4, 5), float64("y", 6, 8, 10, 12, 14));
        // A stream may end by closing instead of with its end marker (the IPC format says so): a stream cut
        // between two messages reads as the whole batches before the cut. Every other cut is refused.
        int wholeBatchCuts = 0;
        for (int length = 0; length < stream.length - 8; length++) {
            byte[] cut = Arrays.copyOf(stream, length);
            try {
                var columns = read(cut, null);
                assertThat(columns.y().numbers())
                        .as("cut at %d", length)
                        .isIn(new double[] {6, 8}, new double[] {6, 8, 10, 12});
                wholeBatchCuts++;
            } catch (InvalidRequestException | IOException refused) {
                assertThat(refused).isInstanceOf(InvalidRequestException.class);
            }
            assertThat(memory.getAllocatedMemory()).as("cut at %d", length).isZero();
        }
        assertThat(wholeBatchCuts).isEqualTo(2);
    }

    @Test
    void refusesGarbageAndHugeLengthPrefixesWithoutAllocatingThem() {
        byte[] garbage = "x,y\n1,6\n2,8\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};

        assertThat(refusal(() -> read(garbage, null))).contains("is not a valid Arrow IPC stream");
        assertThat(refusal(() -> read(huge, null))).contains("bytes of metadata, more than");
    }

    @Test
    void refusesEveryCorruptionOfOneByteWithAClientErrorAndNoLeak() {
        byte[] stream = ArrowStreams.write(2, float64("x", 1, 2, 3, 4, 5), float64("y", 6, 8, 10, 12, 14));
        for (int i = 0; i < stream.length; i++) {
            byte[] corrupt = stream.clone();
            corrupt[i] ^= (byte) 0xa5;
            try {
                read(corrupt, null);
            } catch (InvalidRequestException | BodyTooLargeException | IOException refused) {
                // A client error (or, for a flipped data byte, a good read of other numbers); a flipped body
                // length may declare more than a body may have.
            }
            assertThat(memory.getAllocatedMemory()).as("byte %d flipped", i).isZero();
        }
    }
}
