package dev.gradfit.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import java.util.ArrayList;
import java.util.List;

/** What a test reads off a table: a column's numbers or texts, and whether two tables hold the same cells. */
public final class Tables {

    private Tables() {}

    /** The numbers of column {@code name}, NaN where missing. */
    public static double[] numbers(Table table, String name) {
        Column column = table.column(name).orElseThrow();
        assertThat(column).as("column %s", name).isInstanceOf(NumericColumn.class);
        return ((NumericColumn) column).values();
    }

    /** The texts of column {@code name}, {@code null} where missing. */
    public static List<String> texts(Table table, String name) {
        Column column = table.column(name).orElseThrow();
        assertThat(column).as("column %s", name).isInstanceOf(TextColumn.class);
        TextColumn text = (TextColumn) column;
        List<String> values = new ArrayList<>();
        for (int row = 0; row < text.rows(); row++) {
            values.add(text.value(row));
        }
        return values;
    }

    /**
     * Asserts that {@code actual} holds the columns of {@code expected}, in order, of the same kinds and cells:
     * numbers equal exactly (a missing cell is NaN in both), texts equal by value whatever their dictionaries' order.
     */
    public static void assertSameCells(Table actual, Table expected) {
        assertThat(actual.names()).isEqualTo(expected.names());
        assertThat(actual.rows()).isEqualTo(expected.rows());
        for (Column want : expected.columns()) {
            if (want instanceof NumericColumn numeric) {
                assertThat(numbers(actual, want.name()))
                        .as("column %s", want.name())
                        .containsExactly(numeric.values());
            } else {
                assertThat(texts(actual, want.name()))
                        .as("column %s", want.name())
                        .isEqualTo(texts(expected, want.name()));
            }
        }
    }
}
