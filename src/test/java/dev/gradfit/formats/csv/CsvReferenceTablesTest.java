package dev.gradfit.formats.csv;

import static dev.gradfit.design.ReferenceDesigns.assertColumn;
import static dev.gradfit.design.ReferenceDesigns.ints;
import static dev.gradfit.design.ReferenceDesigns.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.design.Design;
import dev.gradfit.design.DesignMatrix;
import dev.gradfit.design.DesignSpec;
import dev.gradfit.design.Missing;
import dev.gradfit.design.ReferenceDesigns;
import dev.gradfit.design.formula.Formula;
import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.formats.TableLimits;
import dev.gradfit.formats.Tables;
import dev.gradfit.memory.MemoryAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * statsmodels' grunfeld data as pandas writes it to CSV ({@code make_fixtures.py}: a missing cell empty, CRLF), read
 * into tables: they hold the cells of the fixtures' JSON data, and designs learned and applied on them give
 * scikit-learn's and patsy's matrices, as the design tests do from the JSON data.
 */
class CsvReferenceTablesTest {

    private static final JsonNode SKLEARN = ReferenceDesigns.load("sklearn");
    private static final JsonNode PATSY = ReferenceDesigns.load("patsy");
    private static final List<String> DATASETS = List.of("grunfeld_missing", "grunfeld_unseen");

    private static Table csv(String dataset, TableLimits limits) {
        try (InputStream in =
                CsvReferenceTablesTest.class.getResourceAsStream("/reference/design/" + dataset + ".csv")) {
            return new CsvTableReader(1000, 10, 40).readTable(in, (char) 0, MemoryAccount.NONE, limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void holdTheCellsOfTheFixturesData() {
        for (String dataset : DATASETS) {
            JsonNode all =
                    allRows(SKLEARN.get("data").get(dataset).get("invest").size());
            Tables.assertSameCells(
                    csv(dataset, TableLimits.of(1000)), ReferenceDesigns.table(SKLEARN, dataset, all, null));
        }
    }

    @TestFactory
    Stream<DynamicTest> giveScikitLearnsMatrices() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : SKLEARN.get("cases")) {
            if (DATASETS.contains(c.get("dataset").asString())) {
                tests.add(DynamicTest.dynamicTest(c.get("name").asString(), () -> scikitLearn(c)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(6);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> givePatsysMatrices() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : PATSY.get("cases")) {
            if (DATASETS.contains(c.get("dataset").asString())) {
                tests.add(DynamicTest.dynamicTest(c.get("name").asString(), () -> patsy(c)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(2);
        return tests.stream();
    }

    private static void scikitLearn(JsonNode c) {
        JsonNode spec = c.get("spec");
        List<String> columns = strings(spec.get("columns"));
        TableLimits only = TableLimits.of(1000).only(columns);
        Table train = rows(csv(c.get("dataset").asString(), only), c.get("train"));
        Table apply = rows(csv(c.get("applyDataset").asString(), only), c.get("apply"));
        DesignSpec designSpec = ReferenceDesigns.spec(spec, train);

        Design design = Design.learn(train, designSpec);
        DesignMatrix matrix = design.apply(apply);

        List<String> expected = strings(c.get("names"));
        assertThat(design.columnNames()).containsExactlyInAnyOrderElementsOf(expected);
        for (int theirs = 0; theirs < expected.size(); theirs++) {
            String name = expected.get(theirs);
            assertColumn(matrix, design.columnNames().indexOf(name), c.get("matrix"), theirs, name);
        }
    }

    private static void patsy(JsonNode c) {
        Table all = csv(c.get("dataset").asString(), TableLimits.of(1000));
        DesignSpec spec = Formula.compile(c.get("formula").asString()).spec().withMissing(Missing.SKIP);

        Design design = Design.learn(rows(all, c.get("train")), spec);
        DesignMatrix matrix = design.apply(rows(all, c.get("apply")));

        List<String> expected = new ArrayList<>();
        for (String name : strings(c.get("names"))) {
            if (!name.equals("Intercept")) {
                expected.add(name.replace(" ** ", "**").replaceAll("C\\((\\w+)\\)", "$1"));
            }
        }
        assertThat(design.columnNames()).isEqualTo(expected);
        assertThat(matrix.keptRows()).isEqualTo(ints(c.get("kept")));
        int offset = design.intercept() ? 1 : 0;
        for (int column = 0; column < expected.size(); column++) {
            assertColumn(matrix, column, c.get("matrix"), column + offset, expected.get(column));
        }
    }

    /** The rows {@code rows} of {@code table}, in that order. */
    private static Table rows(Table table, JsonNode rows) {
        int[] picked = ints(rows);
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            if (column instanceof NumericColumn numeric) {
                double[] values = new double[picked.length];
                for (int i = 0; i < picked.length; i++) {
                    values[i] = numeric.value(picked[i]);
                }
                columns.add(new NumericColumn(column.name(), values));
            } else {
                TextColumn text = (TextColumn) column;
                int[] codes = new int[picked.length];
                for (int i = 0; i < picked.length; i++) {
                    codes[i] = text.code(picked[i]);
                }
                columns.add(new TextColumn(column.name(), codes, text.dictionary()));
            }
        }
        return new Table(columns);
    }

    private static JsonNode allRows(int count) {
        var array = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(i);
        }
        return array;
    }
}
