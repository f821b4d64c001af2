package dev.gradfit.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table split into points, targets and offsets: each column where it belongs, each array charged. */
class CsvTableTest {

    private static final int ROWS = 1000;

    /** Row i is (i, 100 + i, 200 + i) in the columns a, off, y. */
    private static CsvTable table() {
        double[] values = new double[3 * ROWS];
        for (int i = 0; i < ROWS; i++) {
            values[3 * i] = i;
            values[3 * i + 1] = 100 + i;
            values[3 * i + 2] = 200 + i;
        }
        return new CsvTable(List.of("a", "off", "y"), values, ROWS, null);
    }

    @Test
    void takesTheOffsetColumnOutOfThePoints() {
        CsvTable.Split split = table().split(2, 1, MemoryAccount.NONE);

        assertThat(split.x().columns()).isEqualTo(1);
        assertThat(split.x().values()).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(split.x().values()[i]).isEqualTo(i);
            assertThat(split.offset()[i]).isEqualTo(100 + i);
            assertThat(split.y().numbers()[i]).isEqualTo(200 + i);
        }
    }

    @Test
    void chargesTheOffsetsAsTheTargetsAndThePoints() {
        // The table's own array was charged as it was read. The split charges the targets (8 bytes a row), the
        // offsets (8) and the exact copy of the one feature left (8) before the table's array is let go.
        assertThat(reservedBySplit(1)).isEqualTo(3 * 8L * ROWS);
        // Without offsets: the targets (8) and the copy of the two features (16).
        assertThat(reservedBySplit(-1)).isEqualTo(3 * 8L * ROWS);
    }

    private static long reservedBySplit(int offset) {
        InFlightMemory memory = new InFlightMemory(1 << 24, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 1)) {
            table().split(2, offset, account);
            return memory.reserved();
        }
    }
}
