package dev.gradfit.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.service.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The file of a fit: points while every feature cell is a number, a table from the first that is empty or text, the
 * rows before it kept.
 */
class CsvFitReadingTest {

    private final CsvTableReader reader = new CsvTableReader(1000, 10, 40);

    @Test
    void readsAFileOfNumbersAsReadDoes() throws IOException {
        String csv = "size,rooms,price\n1,2,12\n2.5,1,13\n3,3,20\n";

        CsvUpload upload = readFit(csv, null, TableLimits.of(1000), false);
        CsvTable read = reader.read(in(csv), (char) 0, null, MemoryAccount.NONE);

        assertThat(upload.rows()).isNull();
        assertThat(upload.points().values()).isEqualTo(read.values());
        assertThat(upload.points().header()).isEqualTo(read.header());
    }

    @Test
    void switchesToATableAtTheFirstEmptyOrTextFeatureCellKeepingTheRowsBefore() throws IOException {
        // Lines 2 and 3 are read as numbers; line 4's "c" makes a a column of text, its numbers their shortest
        // text; b's empty cell is missing; the target's cells are kept as written, "1.50" as it is.
        String csv = "a,b,y\n1.0,2.5,1.50\n3,4,b\nc,,1.50\n";

        Table table = readFit(csv, null, TableLimits.of(1000), false).rows();

        TextColumn a = (TextColumn) table.column("a").orElseThrow();
        assertThat(List.of(a.value(0), a.value(1), a.value(2))).containsExactly("1", "3", "c");
        double[] b = ((NumericColumn) table.column("b").orElseThrow()).values();
        assertThat(b[0]).isEqualTo(2.5);
        assertThat(b[1]).isEqualTo(4.0);
        assertThat(b[2]).isNaN();
        TextColumn y = (TextColumn) table.column("y").orElseThrow();
        assertThat(List.of(y.value(0), y.value(1), y.value(2))).containsExactly("1.50", "b", "1.50");
    }

    @Test
    void readsOnlyTheColumnsNamedAndTheTarget() throws IOException {
        String csv = "a,unused,b,y\n1,x,2,3\n4,y,5,6\n";

        Table table = readFit(csv, "y", TableLimits.of(1000).only(List.of("a", "b")), true)
                .rows();

        assertThat(table.names()).containsExactly("a", "b", "y");
    }

    @Test
    void keepsTheOffsetColumnNumbersAndRefusesTextInIt() {
        String csv = "x,log_exposure,y\nA,1.5,3\nB,many,4\n";

        assertThatThrownBy(() -> reader.readFit(
                        in(csv), (char) 0, null, "log_exposure", MemoryAccount.NONE, TableLimits.of(1000), false))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        refused -> assertThat(refused.errors().get(0).reason())
                                .isEqualTo("line 3, column \"log_exposure\": \"many\" is not a number"));
    }

    @Test
    void refusesADecimalCommaRatherThanTakeItForALevel() {
        String csv = "a;b;y\n1,5;2;5\n";

        assertThatThrownBy(() -> readFit(csv, null, TableLimits.of(1000), false))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        refused -> assertThat(refused.errors().get(0).reason())
                                .isEqualTo(
                                        "line 2, column \"a\": \"1,5\" is not a number (a number takes a decimal point,"
                                                + " not a comma)"));
    }

    @Test
    void releasesTheNumbersReadBeforeTheSwitch() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 500; i++) {
            csv.append(i).append(',').append(i * 2).append(',').append(i % 3).append('\n');
        }
        csv.append("text,1,2\n");
        InFlightMemory memory = new InFlightMemory(1L << 30, 0, 0);
        InFlightMemory.Reservation switchedHeld = memory.reserve(0);
        InFlightMemory.Reservation tableHeld = memory.reserve(0);
        try (MemoryAccount switched = MemoryAccount.open(switchedHeld, 0);
                MemoryAccount table = MemoryAccount.open(tableHeld, 0)) {
            reader.readFit(in(csv.toString()), (char) 0, null, null, switched, TableLimits.of(1000), false);
            reader.readTable(in(csv.toString()), (char) 0, table, TableLimits.of(1000));
            // A charge beyond either read's peak shows what each still holds: a reservation keeps its peak.
            switched.charge(1 << 20);
            table.charge(1 << 20);

            // What stays charged is the table's, as if it had been read as one from the start: the row-major
            // array of numbers read before the switch (2048 doubles, 16 kB) is let go.
            assertThat(switchedHeld.held()).isEqualTo(tableHeld.held());
        }
    }

    private CsvUpload readFit(String csv, String target, TableLimits limits, boolean asTable) throws IOException {
        return reader.readFit(in(csv), (char) 0, target, null, MemoryAccount.NONE, limits, asTable);
    }

    private static ByteArrayInputStream in(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }
}
