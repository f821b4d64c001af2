package dev.gradfit.formats.csv;

import static dev.gradfit.formats.Tables.numbers;
import static dev.gradfit.formats.Tables.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** CSV files read into design tables: text columns, empty cells, quoting, and the limits that keep them lean. */
class CsvTableReadingTest {

    private final CsvTableReader reader = new CsvTableReader(2_000_000, 10, 40);

    private Table read(String csv, TableLimits limits) throws IOException {
        return reader.readTable(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), (char) 0, MemoryAccount.NONE, limits);
    }

    private static String refusal(ThrowingCallable read) {
        Throwable thrown = catchThrowable(read);
        assertThat(thrown).isInstanceOf(InvalidRequestException.class);
        var error = ((InvalidRequestException) thrown).errors().get(0);
        assertThat(error.field()).isEqualTo("file");
        return error.reason();
    }

    @Test
    void readsTextColumnsEmptyCellsQuotesCrLfAndAByteOrderMark() throws IOException {
        Table table;
        try (InputStream in = getClass().getResourceAsStream("/dev/gradfit/formats/csv/apartments.csv")) {
            table = reader.readTable(in, (char) 0, MemoryAccount.NONE, TableLimits.of(1000));
        }

        assertThat(table.names()).containsExactly("city", "size", "plan, tier", "note", "rooms");
        assertThat(table.rows()).isEqualTo(5);
        // Trimmed as written, quoted or not; an empty cell is missing.
        assertThat(texts(table, "city")).containsExactly("Paris", "Lyon", "Paris", null, "Nice");
        assertThat(((TextColumn) table.column("city").orElseThrow()).dictionary())
                .containsExactly("Paris", "Lyon", "Nice");
        assertThat(numbers(table, "size")).containsExactly(52.5, Double.NaN, 71, 40.25, 38);
        assertThat(texts(table, "plan, tier")).containsExactly("basic", "premium", "basic", "premium", null);
        // A doubled quote is one; a line break inside quotes is the cell's; "" is an empty, so missing, cell.
        assertThat(texts(table, "note")).containsExactly("said \"hi\"", null, "line\r\nbreak", "plain", null);
        assertThat(numbers(table, "rooms")).containsExactly(2, 3, Double.NaN, 1, 2);
    }

    @Test
    void aColumnOfNumbersTurnsToTextLateAndKeepsEachNumberAsWritten() throws IOException {
        StringBuilder csv = new StringBuilder("zip,y\n");
        String[] zips = {"02134", "1.50", "7", ""};
        for (int i = 0; i < 1500; i++) {
            csv.append(zips[i % 4]).append(',').append(i).append('\n');
        }
        csv.append("SW1A 1AA,1500\n");

        Table table = read(csv.toString(), TableLimits.of(1000));

        List<String> zip = texts(table, "zip");
        assertThat(zip).hasSize(1501);
        assertThat(zip.subList(0, 4)).containsExactly("02134", "1.50", "7", null);
        assertThat(zip.subList(1496, 1501)).containsExactly("02134", "1.50", "7", null, "SW1A 1AA");
        assertThat(numbers(table, "y")[1500]).isEqualTo(1500);
    }

    @Test
    void aNumberWrittenTwoWaysBeforeTheColumnTurnsToTextTakesItsShortestText() throws IOException {
        Table table = read("code\n1\n1.0\n2.5\nnone\n", TableLimits.of(1000));

        assertThat(texts(table, "code")).containsExactly("1", "1", "2.5", "none");
    }

    @Test
    void refusesMoreDistinctValuesThanTheLimitNamingTheLineAndTheColumn() {
        String reason = refusal(() -> read("city,y\nParis,1\nLyon,2\nParis,3\nNice,4\nLille,5\n", TableLimits.of(3)));

        assertThat(reason)
                .isEqualTo("line 6, column \"city\": the column holds more than 3 distinct values, the most a text"
                        + " column may hold (gradfit.design.max-levels)");
    }

    @Test
    void saysWhichCellMadeAColumnOfNumbersText() {
        String reason = refusal(() -> read("x\n1\n2\n3\nN/A\n", TableLimits.of(3)));

        assertThat(reason)
                .startsWith("line 5, column \"x\": the column holds more than 3 distinct values")
                .endsWith("; it holds numbers, and is text from line 5, \"N/A\", which is not a number (leave a"
                        + " missing cell empty)");
    }

    @Test
    void limitsOnlyTheColumnsTheCallerLimitsAndSkipsTheColumnsItDoesNotRead() throws IOException {
        StringBuilder csv = new StringBuilder("id,species,x\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("row")
                    .append(i)
                    .append(",kind")
                    .append(i % 1500)
                    .append(',')
                    .append(i)
                    .append('\n');
        }

        Table table =
                read(csv.toString(), TableLimits.of(10).unlimited("species").only(List.of("species", "x")));

        assertThat(table.names()).containsExactly("species", "x");
        assertThat(((TextColumn) table.column("species").orElseThrow()).dictionary())
                .hasSize(1500);
        assertThat(refusal(() -> read(csv.toString(), TableLimits.of(10).unlimited("species"))))
                .startsWith("line 12, column \"id\": the column holds more than 10 distinct values");
    }

    @Test
    void refusesAColumnOfAMillionDistinctValuesAtItsLimitHavingHeldLittle() {
        InputStream rows = new GeneratedCsv("name,y\n", 1_000_000, i -> "person" + i + "," + i + "\n");
        InFlightMemory memory = new InFlightMemory(1L << 32, 0, 0);
        String reason;
        long held;
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 0)) {
            reason = refusal(
                    () -> reader.readTable(rows, (char) 0, account, TableLimits.of(TableLimits.DEFAULT_MAX_LEVELS)));
            held = memory.reserved();
        }

        assertThat(reason).startsWith("line 1002, column \"name\": the column holds more than 1000 distinct values");
        // A thousand levels (about 200 bytes each) and a chunk or two of codes and numbers: well under a megabyte.
        assertThat(held).isPositive().isLessThan(1L << 20);
    }

    @Test
    void refusesATenMegabyteCellBeforeGatheringIt() {
        char[] huge = new char[10 << 20];
        Arrays.fill(huge, 'a');
        InputStream in = new SequenceInputStream(
                new ByteArrayInputStream("x,note\n1,short\n2,\"".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(new String(huge).getBytes(StandardCharsets.UTF_8)));

        String reason = refusal(() -> reader.readTable(in, (char) 0, MemoryAccount.NONE, TableLimits.of(1000)));

        assertThat(reason)
                .isEqualTo("line 3, column \"note\": the cell is longer than 65536 characters, the most a cell may"
                        + " hold");
    }

    @Test
    void countsTheLinesOfQuotedLineBreaksAsTheParserDoes() {
        String csv = "a,b\r\n\"x\r\ny\",1\r\n\"p\"\"q\",\"" + "z".repeat(20) + "\"\r\n";

        String reason = refusal(() -> read(csv, TableLimits.of(1000).maxCellChars(10)));

        assertThat(reason)
                .isEqualTo("line 3, column \"b\": the cell is longer than 10 characters, the most a cell may hold");
    }

    @Test
    void refusesARaggedLineNamingIt() {
        assertThat(refusal(() -> read("a,b\n1,x\n2\n", TableLimits.of(1000))))
                .isEqualTo("line 3 has 1 values but the header has 2 columns");
        assertThat(refusal(() -> read("a,b\n1,x\n2,y,z\n", TableLimits.of(1000))))
                .isEqualTo("line 3 has 3 values but the header has 2 columns");
    }

    @Test
    void refusesNotANumberInAColumnOfNumbersButTakesItAsTextInAColumnOfText() throws IOException {
        assertThat(refusal(() -> read("x\n1\nNaN\n", TableLimits.of(1000))))
                .isEqualTo("line 3, column \"x\": \"NaN\" is not a finite number");
        assertThat(refusal(() -> read("x\n1\n1e999\n", TableLimits.of(1000))))
                .isEqualTo("line 3, column \"x\": \"1e999\" is out of the range of a double");

        assertThat(texts(read("name\nAnn\nNaN\n", TableLimits.of(1000)), "name"))
                .containsExactly("Ann", "NaN");
    }
}
