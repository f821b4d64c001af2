package dev.gradfit.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.memory.InFlightMemory;
import dev.gradfit.memory.MemoryAccount;
import dev.gradfit.memory.ServerBusyException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** Raw rows read into columns: numbers, text codes, missing cells, and the refusals that name the cell. */
class TableDeserializerTest {

    private final JsonMapper json = JsonMapper.builder()
            .addModule(new SimpleModule().addDeserializer(Table.class, new TableDeserializer()))
            .build();

    record Body(Table rows) {}

    private Table read(String rows) {
        return json.readValue("{\"rows\":" + rows + "}", Body.class).rows();
    }

    @Test
    void readsNumbersTextAndMissingCellsByColumnInOrderOfFirstSight() {
        Table table = read("[{\"size\":1.5,\"city\":\"Lyon\"},{\"city\":null,\"size\":null,\"rooms\":3},"
                + "{\"size\":-2,\"city\":\"Paris\"},{\"city\":\"Lyon\"}]");

        assertThat(table.names()).containsExactly("size", "city", "rooms");
        assertThat(table.rows()).isEqualTo(4);
        NumericColumn size = (NumericColumn) table.column("size").orElseThrow();
        assertThat(size.values()).containsExactly(1.5, Double.NaN, -2, Double.NaN);
        TextColumn city = (TextColumn) table.column("city").orElseThrow();
        assertThat(city.codes()).containsExactly(0, -1, 1, 0);
        assertThat(city.dictionary()).containsExactly("Lyon", "Paris");
        // A key first seen in row 1 is missing in row 0 and after.
        assertThat(((NumericColumn) table.column("rooms").orElseThrow()).values())
                .containsExactly(Double.NaN, 3, Double.NaN, Double.NaN);
    }

    @Test
    void readsAColumnOfNullsAsNumbersAllMissingAndGrowsPastItsFirstArray() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add("{\"x\":" + i + ",\"note\":null,\"tag\":\"t" + (i % 3) + "\"}");
        }
        Table table = read("[" + String.join(",", rows) + "]");

        assertThat(((NumericColumn) table.column("x").orElseThrow()).value(99)).isEqualTo(99);
        assertThat(table.column("note").orElseThrow().missing(57)).isTrue();
        assertThat(((TextColumn) table.column("tag").orElseThrow()).value(98)).isEqualTo("t2");
        assertThat(table.rows()).isEqualTo(100);
    }

    @Test
    void refusesMixedColumnsAndWhatIsNoCellNamingTheCell() {
        assertRefused("[{\"a\":1},{\"a\":\"x\"}]", 1, "a", "is a string but the column's earlier cells are numbers");
        assertRefused("[{\"a\":\"x\"},{\"a\":2}]", 1, "a", "is a number but the column's earlier cells are strings");
        assertRefused("[{\"a\":1,\"b\":[1]}]", 0, "b", "must be a number, a string or null");
        assertRefused("[{\"a\":1},3]", -1, null, "row 1 must be an object keyed by column name");
        assertRefused("[{\"a\":1e400}]", 0, "a", "must be a finite number");
    }

    @Test
    void chargesTheAccountBeforeItAllocates() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add("{\"x\":" + i + ",\"y\":\"level " + i + "\"}");
        }
        String body = "{\"rows\":[" + String.join(",", rows) + "]}";
        InFlightMemory memory = new InFlightMemory(4096, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(memory.reserve(0), 1)) {
            assertThatThrownBy(() -> json.readerFor(Body.class)
                            .withAttribute(MemoryAccount.class, account)
                            .readValue(body))
                    .hasRootCauseInstanceOf(ServerBusyException.class);
        }
        InFlightMemory roomy = new InFlightMemory(1 << 22, 0, 0);
        try (MemoryAccount account = MemoryAccount.open(roomy.reserve(0), 1)) {
            Body read = json.readerFor(Body.class)
                    .withAttribute(MemoryAccount.class, account)
                    .readValue(body);
            assertThat(read.rows().rows()).isEqualTo(1000);
            // 8 bytes a number, 4 a code, and the thousand distinct strings.
            assertThat(roomy.reserved()).isGreaterThanOrEqualTo(1000 * (8 + 4 + 128));
        }
    }

    /** Refused with {@code reason}, at the path rows[row].key (Jackson's error handler prints it so). */
    private void assertRefused(String rows, int row, String key, String reason) {
        assertThatThrownBy(() -> read(rows)).isInstanceOfSatisfying(DatabindException.class, e -> {
            assertThat(e.getOriginalMessage()).contains(reason);
            assertThat(e.getPath().get(0).getPropertyName()).isEqualTo("rows");
            if (key != null) {
                assertThat(e.getPath().get(1).getIndex()).isEqualTo(row);
                assertThat(e.getPath().get(2).getPropertyName()).isEqualTo(key);
            }
        });
    }
}
