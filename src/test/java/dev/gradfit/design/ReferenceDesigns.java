package dev.gradfit.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fixtures of {@code src/test/resources/reference/design}, written by {@code make_fixtures.py} beside them: patsy's
 * and scikit-learn's design matrices on data statsmodels ships.
 */
public final class ReferenceDesigns {

    /**
     * Every value is a sum of at most a few products of data values, computed in the same order by numpy and here, so
     * they agree to rounding: 1e-12 relative, on values up to 1e11 (a cubed capital).
     */
    public static final double RELATIVE_TOLERANCE = 1e-12;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReferenceDesigns() {}

    /** The fixture {@code name}.json: its {@code data} and {@code cases}. */
    public static JsonNode load(String name) {
        try (InputStream in = ReferenceDesigns.class.getResourceAsStream("/reference/design/" + name + ".json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The given rows of a dataset of the fixture as a table: a column of strings (and nulls) as text, any other as
     * numbers with {@code NaN} for null.
     *
     * @param only the columns to keep, or {@code null} for all
     */
    public static Table table(JsonNode fixture, String dataset, JsonNode rows, List<String> only) {
        JsonNode data = fixture.get("data").get(dataset);
        List<Column> columns = new ArrayList<>();
        for (String name : data.propertyNames()) {
            if (only != null && !only.contains(name)) {
                continue;
            }
            JsonNode values = data.get(name);
            boolean text = false;
            for (JsonNode value : values) {
                text |= value.isString();
            }
            if (text) {
                TextColumn.Builder builder = TextColumn.builder(name, rows.size());
                for (JsonNode row : rows) {
                    JsonNode value = values.get(row.intValue());
                    builder.add(value.isNull() ? null : value.asString());
                }
                columns.add(builder.build());
            } else {
                double[] numbers = new double[rows.size()];
                for (int i = 0; i < numbers.length; i++) {
                    JsonNode value = values.get(rows.get(i).intValue());
                    numbers[i] = value.isNull() ? Double.NaN : value.doubleValue();
                }
                columns.add(new NumericColumn(name, numbers));
            }
        }
        return new Table(columns);
    }

    /** A scikit-learn case's spec ({@code columns} aside) as the design spec of {@code train}, with an intercept. */
    public static DesignSpec spec(JsonNode spec, Table train) {
        List<List<String>> interactions = new ArrayList<>();
        spec.get("interactions").forEach(pair -> interactions.add(strings(pair)));
        return DesignSpec.ofColumns(
                        train,
                        new java.util.HashSet<>(strings(spec.get("categorical"))),
                        spec.get("polynomial").intValue(),
                        interactions,
                        true)
                .withCoding(Coding.valueOf(upper(spec.get("coding"))))
                .withMissing(Missing.valueOf(upper(spec.get("missing"))))
                .withUnknownLevels(UnknownLevels.valueOf(upper(spec.get("unknownLevels"))));
    }

    private static String upper(JsonNode node) {
        return node.asString().toUpperCase(java.util.Locale.ROOT);
    }

    public static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asString()));
        return strings;
    }

    public static int[] ints(JsonNode array) {
        int[] ints = new int[array.size()];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = array.get(i).intValue();
        }
        return ints;
    }

    /** Asserts that design column {@code ours} equals column {@code theirs} of the fixture's matrix. */
    public static void assertColumn(DesignMatrix matrix, int ours, JsonNode expected, int theirs, String name) {
        assertThat(matrix.rows()).as("rows").isEqualTo(expected.size());
        for (int row = 0; row < matrix.rows(); row++) {
            double want = expected.get(row).get(theirs).doubleValue();
            double got = matrix.value(row, ours);
            assertThat(Math.abs(got - want))
                    .as("%s in row %d: %s, expected %s", name, row, got, want)
                    .isLessThanOrEqualTo(RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(want)));
        }
    }
}
