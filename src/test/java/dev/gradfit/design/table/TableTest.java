package dev.gradfit.design.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void codesTextAgainstADictionaryInOrderOfFirstSight() {
        TextColumn.Builder builder = TextColumn.builder("city", 1);
        for (String value : new String[] {"Paris", "Lyon", null, "Paris", "Nice", "Lyon", "Lyon", null, "Paris"}) {
            builder.add(value);
        }

        TextColumn city = builder.build();

        assertThat(city.dictionary()).containsExactly("Paris", "Lyon", "Nice");
        assertThat(city.codes()).containsExactly(0, 1, -1, 0, 2, 1, 1, -1, 0);
        assertThat(city.value(4)).isEqualTo("Nice");
        assertThat(city.missing(7)).isTrue();
        assertThat(city.value(7)).isNull();
    }

    @Test
    void holdsAMissingNumberAsNaN() {
        NumericColumn size = NumericColumn.of("size", 1.5, null);

        assertThat(size.missing(0)).isFalse();
        assertThat(size.missing(1)).isTrue();
        assertThatThrownBy(() -> new NumericColumn("x", new double[] {1, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("row 1");
    }

    @Test
    void refusesCodesOutsideTheDictionaryAndRepeatedValues() {
        assertThatThrownBy(() -> new TextColumn("c", new int[] {0, 2}, List.of("a", "b")))
                .hasMessageContaining("code 2 in row 1");
        assertThatThrownBy(() -> new TextColumn("c", new int[] {0}, List.of("a", "a")))
                .hasMessageContaining("repeats");
    }

    @Test
    void refusesColumnsOfDifferentLengthsOrNames() {
        assertThatThrownBy(() -> Table.of(NumericColumn.of("a", 1.0), NumericColumn.of("b", 1.0, 2.0)))
                .hasMessageContaining("column b has 2 rows where a has 1");
        assertThatThrownBy(() -> Table.of(NumericColumn.of("a", 1.0), TextColumn.of("a", "x")))
                .hasMessageContaining("two columns are named a");
    }

    @Test
    void findsColumnsByName() {
        Table table = Table.of(NumericColumn.of("a", 1.0), TextColumn.of("b", "x"));

        assertThat(table.names()).containsExactly("a", "b");
        assertThat(table.rows()).isEqualTo(1);
        assertThat(table.column("b")).containsInstanceOf(TextColumn.class);
        assertThat(table.column("c")).isEmpty();
    }
}
