package dev.gradfit.formats.arrow;

import static dev.gradfit.ArrowStreams.float32;
import static dev.gradfit.ArrowStreams.float64;
import static dev.gradfit.formats.Tables.numbers;
import static dev.gradfit.formats.Tables.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gradfit.ArrowMessages;
import dev.gradfit.ArrowStreams;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.formats.Tables;
import dev.gradfit.formats.csv.CsvTableReader;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Arrow streams read into design tables: text plain and dictionary-encoded, nulls missing, every byte given back. */
class ArrowTableReadingTest {

    private final BufferAllocator memory = new RootAllocator(RootAllocator.configBuilder()
            .allocationManagerFactory(UnsafeAllocationManager.FACTORY)
            .build());
    private final ArrowTableReader reader = new ArrowTableReader(memory, 1 << 24, 100_000, 10, 40);

    @AfterEach
    void givesBackEveryByte() {
        assertThat(memory.getAllocatedMemory()).isZero();
        memory.close();
    }

    private Table read(byte[] stream, TableLimits limits) throws IOException {
        return reader.readTable(new ByteArrayInputStream(stream), MemoryAccount.NONE, limits);
    }

    private static String refusal(ThrowingCallable read) {
        Throwable thrown = catchThrowable(read);
        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        var error = ((InvalidRequestException) thrown).errors().get(0);
        assertThat(error.field()).isEqualTo("body");
        return error.reason();
    }

    /** The rows of apartments.csv, as a client holding them in Arrow would send them. */
    private static byte[] apartments(int batchRows) {
        return ArrowStreams.writeWithDictionaries(
                batchRows,
                Map.of("city", List.of("Nice", "Paris", "Lyon")),
                new ArrowStreams.Column(
                        "city", ArrowType.Utf8.INSTANCE, Arrays.asList("Paris", "Lyon", "Paris", null, "Nice")),
                ArrowStreams.float64("size", Arrays.asList(52.5, null, 71.0, 40.25, 38.0)),
                new ArrowStreams.Column(
                        "plan, tier",
                        ArrowType.Utf8.INSTANCE,
                        Arrays.asList("basic", "premium", "basic", "premium", null)),
                new ArrowStreams.Column(
                        "note",
                        ArrowType.LargeUtf8.INSTANCE,
                        Arrays.asList("said \"hi\"", null, "line\r\nbreak", "plain", "")),
                new ArrowStreams.Column("rooms", new ArrowType.Int(32, true), Arrays.asList(2L, 3L, null, 1L, 2L)));
    }

    @Test
    void givesTheTableOfTheSameRowsInCsv() throws IOException {
        Table csv;
        try (InputStream in = getClass().getResourceAsStream("/dev/gradfit/formats/csv/apartments.csv")) {
            csv = new CsvTableReader(100, 10, 40).readTable(in, (char) 0, MemoryAccount.NONE, TableLimits.of(1000));
        }

        for (int batchRows : new int[] {1, 2, 5}) {
            Tables.assertSameCells(read(apartments(batchRows), TableLimits.of(1000)), csv);
        }
    }

    @Test
    void keepsTheStreamsDictionaryInItsOrder() throws IOException {
        TextColumn city = (TextColumn)
                read(apartments(2), TableLimits.of(1000)).column("city").orElseThrow();

        assertThat(city.dictionary()).containsExactly("Nice", "Paris", "Lyon");
        assertThat(city.codes()).containsExactly(1, 2, 1, TextColumn.MISSING, 0);
    }

    @Test
    void refusesTextThatIsNotUtf8NamingColumnAndRow() {
        byte[] plain = ArrowStreams.notUtf8(apartments(5), "said \"hi\"");
        byte[] dictionary = ArrowStreams.notUtf8(apartments(5), "Lyon");

        assertThat(refusal(() -> read(plain, TableLimits.of(1000))))
                .contains("column \"note\", row 0: the text is not UTF-8");
        assertThat(refusal(() -> read(dictionary, TableLimits.of(1000))))
                .contains("column \"city\", row 2: the text is not UTF-8");
    }

    @Test
    void readsEveryNumericTypeWithNullsAndNaNAsMissing() throws IOException {
        byte[] stream = ArrowStreams.write(
                2,
                new ArrowStreams.Column("i8", new ArrowType.Int(8, true), Arrays.asList(-128L, null, 127L)),
                new ArrowStreams.Column("u16", new ArrowType.Int(16, false), Arrays.asList(65535L, 1L, null)),
                new ArrowStreams.Column("u64", new ArrowType.Int(64, false), Arrays.asList(-1L, null, 1L << 53)),
                float32("f32", 1.5f, Float.NaN, -2f),
                float64("f64", 0.1, 0.2, Double.NaN));

        Table table = read(stream, TableLimits.of(1000));

        assertThat(numbers(table, "i8")).containsExactly(-128, Double.NaN, 127);
        assertThat(numbers(table, "u16")).containsExactly(65535, 1, Double.NaN);
        assertThat(numbers(table, "u64")).containsExactly(0x1p64, Double.NaN, 0x1p53);
        assertThat(numbers(table, "f32")).containsExactly(1.5, Double.NaN, -2);
        assertThat(numbers(table, "f64")).containsExactly(0.1, 0.2, Double.NaN);
    }

    @Test
    void refusesAnInfinityNamingTheColumnAndTheRow() {
        byte[] stream = ArrowStreams.write(2, float64("x", 1, 2, Double.NEGATIVE_INFINITY));

        assertThat(refusal(() -> read(stream, TableLimits.of(1000))))
                .isEqualTo("column \"x\", row 2: -Infinity is not a finite number; a missing value is a null");
    }

    @Test
    void refusesMoreDistinctValuesThanTheLimitInPlainAndDictionaryColumns() {
        List<String> cities = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cities.add("city" + i);
        }
        byte[] plain = ArrowStreams.write(5, new ArrowStreams.Column("city", ArrowType.Utf8.INSTANCE, cities));
        byte[] encoded = ArrowStreams.writeWithDictionaries(
                5, Map.of("city", cities), new ArrowStreams.Column("city", ArrowType.Utf8.INSTANCE, cities));

        assertThat(refusal(() -> read(plain, TableLimits.of(10))))
                .isEqualTo("column \"city\", row 10: the column holds more than 10 distinct values, the most a text"
                        + " column may hold (gradfit.design.max-levels)");
        assertThat(refusal(() -> read(encoded, TableLimits.of(10))))
                .isEqualTo("dictionary batch 0, column \"city\": the column holds more than 10 distinct values, the"
                        + " most a text column may hold (gradfit.design.max-levels)");
    }

    @Test
    void limitsOnlyTheColumnsTheCallerLimitsAndSkipsTheOthers() throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> species = new ArrayList<>();
        double[] x = new double[50];
        for (int i = 0; i < 50; i++) {
            ids.add("row" + i);
            species.add("kind" + i % 25);
            x[i] = i;
        }
        byte[] stream = ArrowStreams.writeWithDictionaries(
                7,
                Map.of("id", ids),
                new ArrowStreams.Column("id", ArrowType.Utf8.INSTANCE, ids),
                new ArrowStreams.Column("species", ArrowType.Utf8.INSTANCE, species),
                float64("x", x));

        Table table = read(stream, TableLimits.of(10).unlimited("species").only(List.of("species", "x")));

        assertThat(table.names()).containsExactly("species", "x");
        assertThat(texts(table, "species")).isEqualTo(species);
        assertThat(refusal(() -> read(stream, TableLimits.of(10).only(List.of("species")))))
                .startsWith("column \"species\", row 10: the column holds more than 10 distinct values");
    }

    @Test
    void refusesAColumnOfATypeItCannotReadNamingIt() {
        byte[] stream = ArrowStreams.schemaOnly(
                float64("x"), new ArrowStreams.Column("flag", ArrowType.Bool.INSTANCE, List.of()));

        assertThat(refusal(() -> read(stream, TableLimits.of(1000))))
                .startsWith("column \"flag\" is bool, not numbers or text gradfit reads");
    }

    @Test
    void refusesABatchWhoseBitmapMarksOtherNullsThanItDeclares() {
        ArrowMessages.Batch good = ArrowMessages.twoColumns(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        byte[] stream = ArrowMessages.float64Schema("x", "y")
                .batch(new ArrowMessages.Batch(3, new long[][] {{3, 1}, {3, 0}}, good.buffers(), good.body()))
                .end();

        assertThat(refusal(() -> read(stream, TableLimits.of(1000))))
                .isEqualTo("record batch 0, column \"x\" declares 1 null values, but its validity buffer marks 0");
    }

    @Test
    void refusesAnIndexOutsideItsDictionary() {
        byte[] stream = ArrowStreams.writeWithDictionaries(
                2,
                Map.of("city", List.of("Paris", "Lyon")),
                new ArrowStreams.Column("city", ArrowType.Utf8.INSTANCE, Arrays.asList("Paris", "Lyon", "Nice")));

        assertThat(refusal(() -> read(stream, TableLimits.of(1000))))
                .isEqualTo("column \"city\", row 2: its index -1 lies outside its dictionary of 2 values");
    }

    @Test
    void givesTheTableOfGrunfeldInCsv() throws IOException {
        Table csv;
        try (InputStream in = getClass().getResourceAsStream("/reference/design/grunfeld_unseen.csv")) {
            csv = new CsvTableReader(1000, 10, 40).readTable(in, (char) 0, MemoryAccount.NONE, TableLimits.of(1000));
        }
        List<ArrowStreams.Column> columns = new ArrayList<>();
        List<String> firms = new ArrayList<>(((TextColumn) csv.column("firm").orElseThrow()).dictionary());
        java.util.Collections.reverse(firms);
        for (String name : csv.names()) {
            if (name.equals("firm")) {
                columns.add(new ArrowStreams.Column(name, ArrowType.Utf8.INSTANCE, texts(csv, name)));
            } else {
                List<Double> values = new ArrayList<>();
                for (double value : numbers(csv, name)) {
                    values.add(Double.isNaN(value) ? null : value);
                }
                columns.add(ArrowStreams.float64(name, values));
            }
        }
        byte[] stream = ArrowStreams.writeWithDictionaries(
                64, Map.of("firm", firms), columns.toArray(ArrowStreams.Column[]::new));

        Table arrow = read(stream, TableLimits.of(1000));

        Tables.assertSameCells(arrow, csv);
        assertThat(((TextColumn) arrow.column("firm").orElseThrow()).dictionary())
                .isEqualTo(firms);
    }

    @Test
    void aMillionRowsOfThreeDictionaryColumnsCostTheirCodesAndNumbers() throws IOException {
        int rows = 1_000_000;
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            levels.add("level" + i);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<ArrowStreams.Column> columns = new ArrayList<>();
        for (String name : List.of("y", "x")) {
            List<Double> values = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                values.add(random.nextInt(20) == 0 ? null : random.nextDouble());
            }
            columns.add(ArrowStreams.float64(name, values));
        }
        for (String name : List.of("city", "plan", "device")) {
            List<String> values = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                values.add(random.nextInt(20) == 0 ? null : levels.get(random.nextInt(50)));
            }
            columns.add(new ArrowStreams.Column(name, ArrowType.Utf8.INSTANCE, values));
        }
        byte[] stream = ArrowStreams.writeWithDictionaries(
                65_536,
                Map.of("city", levels, "plan", levels, "device", levels),
                columns.toArray(ArrowStreams.Column[]::new));
        ArrowTableReader large = new ArrowTableReader(memory, 1L << 30, rows, 10, 40);
        InFlightMemory budget = new InFlightMemory(1L << 34, 0, 0);
        long peak;
        Table table;
        try (MemoryAccount account = MemoryAccount.open(budget.reserve(0), 0)) {
            table = large.readTable(new ByteArrayInputStream(stream), account, TableLimits.of(1000));
            peak = budget.reserved();
        }

        assertThat(table.rows()).isEqualTo(rows);
        assertThat(texts(table, "device")).isEqualTo(columns.get(4).values());
        // The table: 8 bytes a row for each column of numbers, 4 for each of text (28 MB). While read: a chunk of
        // slack a column, one batch's body (65536 rows of 28 bytes and bitmaps, under 2 MB), and the exact copy of
        // one column of numbers (8 MB) while it is made.
        long held = rows * (2 * 8L + 3 * 4L);
        assertThat(peak).isGreaterThanOrEqualTo(held).isLessThan(held + 8L * rows + (4 << 20));
    }

    @Test
    void chargesTheColumnsArraysToTheRequest() throws IOException {
        double[] x = new double[50_000];
        Arrays.setAll(x, i -> i);
        byte[] stream = ArrowStreams.write(10_000, float64("x", x));
        InFlightMemory budget = new InFlightMemory(1L << 32, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(budget.reserve(0), 0)) {
            reader.readTable(new ByteArrayInputStream(stream), account, TableLimits.of(1000));

            // The column's chunks and its exact copy (8 bytes a row each), and one batch's body in Arrow memory.
            assertThat(budget.reserved()).isBetween(2 * 8L * x.length, 2 * 8L * x.length + (1 << 20));
        }
    }
}
