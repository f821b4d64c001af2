package dev.gradfit.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The table of a million rows, two columns of numbers and three of text of fifty levels, 5 % of cells empty, costs
 * its codes and numbers: text as codes of four bytes, not a String a cell.
 */
class CsvTableMemoryTest {

    private static final int ROWS = 1_000_000;
    private static final long MB = 1 << 20;

    /** Row i's line: its cells drawn from a generator seeded by i, so that the test can redraw them. */
    private static String line(int i) {
        SplittableRandom random = new SplittableRandom(i);
        StringBuilder line = new StringBuilder();
        line.append(cell(random, String.valueOf(i * 0.25))).append(',');
        line.append(cell(random, String.format("%.4f", random.nextDouble(-1e3, 1e3))))
                .append(',');
        for (String column : new String[] {"city", "plan", "device"}) {
            line.append(cell(random, column + random.nextInt(50))).append(column.equals("device") ? "\r\n" : ",");
        }
        return line.toString();
    }

    private static String cell(SplittableRandom random, String value) {
        return random.nextInt(20) == 0 ? "" : value;
    }

    @Test
    void aMillionRowsOfThreeTextColumnsCostTheirCodesAndNumbers() throws IOException {
        InFlightMemory memory = new InFlightMemory(1L << 34, 0, 0);
        Table table;
        long peak;
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 0)) {
            table = new CsvTableReader(ROWS, 10, 40)
                    .readTable(
                            new GeneratedCsv("y,x,city,plan,device\r\n", ROWS, CsvTableMemoryTest::line),
                            (char) 0,
                            account,
                            TableLimits.of(1000));
            peak = memory.reserved();
        }

        assertThat(table.rows()).isEqualTo(ROWS);
        TextColumn device = (TextColumn) table.column("device").orElseThrow();
        assertThat(device.dictionary()).hasSize(50);
        double[] y = ((NumericColumn) table.column("y").orElseThrow()).values();
        int missing = 0;
        for (int i = 0; i < ROWS; i++) {
            missing += device.missing(i) ? 1 : 0;
        }
        // 5 % of a million, to within five standard deviations (sqrt(0.05 * 0.95 * 1e6) = 218).
        assertThat(missing).isBetween(50_000 - 1100, 50_000 + 1100);
        assertThat(y[999_999]).isEqualTo(line(999_999).startsWith(",") ? Double.NaN : 999_999 * 0.25);

        // What the table holds: 8 bytes a row for each column of numbers, 4 for each of text (28 MB). While read,
        // the columns are chunks with at most one chunk of slack each (0.5 MB for numbers); each is copied into
        // its exact array in turn, so the peak adds one column of numbers (8 MB). Levels and the numbers' written
        // texts add well under a megabyte. A String per text cell would have cost over 100 MB.
        long table_ = ROWS * (2 * 8L + 3 * 4L);
        assertThat(peak).isGreaterThanOrEqualTo(table_).isLessThan(table_ + 8L * ROWS + 3 * MB);
        assertThat(peak).isLessThan(40 * MB);
    }
}
