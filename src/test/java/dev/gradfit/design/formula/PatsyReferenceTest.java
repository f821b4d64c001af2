package dev.gradfit.design.formula;

import static dev.gradfit.design.ReferenceDesigns.assertColumn;
import static dev.gradfit.design.ReferenceDesigns.ints;
import static dev.gradfit.design.ReferenceDesigns.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.design.Design;
import dev.gradfit.design.DesignMatrix;
import dev.gradfit.design.DesignSpec;
import dev.gradfit.design.Missing;
import dev.gradfit.design.ReferenceDesigns;
import dev.gradfit.design.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * A formula gives patsy's design matrix (the one statsmodels' formula API fits), column for column and in patsy's
 * order, on statsmodels' grunfeld and fair data: learned on the training rows and applied to the same or later ones,
 * rows with a missing cell dropped as patsy drops them.
 *
 * <p>Names map by one rule: patsy's {@code Intercept} column is gradfit's intercept flag (the fitter fits it), patsy
 * prints {@code I(value ** 2)} with spaces around the operator and names a factor {@code C(firm)} where gradfit names the column
 * {@code firm}.
 */
class PatsyReferenceTest {

    private static final JsonNode FIXTURE = ReferenceDesigns.load("patsy");

    @TestFactory
    Stream<DynamicTest> formulasGivePatsyDesigns() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) {
            tests.add(DynamicTest.dynamicTest(
                    c.get("name").asString(),
                    () -> check(c, Formula.compile(c.get("formula").asString()).spec())));
        }
        return tests.stream();
    }

    /** {@code value*C(firm)} in the JSON form: both columns, and their pair as an interaction. */
    @Test
    void theJsonFormOfANumericByCategoricalInteractionIsTheFormulas() {
        JsonNode c = caseNamed("star");
        check(
                c,
                DesignSpec.ofColumns(
                        select(table(c, "train"), "value", "firm"),
                        Set.of(),
                        1,
                        List.of(List.of("value", "firm")),
                        true));
    }

    /** {@code C(occupation)*C(religious) + age} in the JSON form: codes declared categorical, and their pair. */
    @Test
    void theJsonFormOfACategoricalByCategoricalInteractionIsTheFormulas() {
        JsonNode c = caseNamed("codes_star_codes");
        check(
                c,
                DesignSpec.ofColumns(
                        select(table(c, "train"), "occupation", "religious", "age"),
                        Set.of("occupation", "religious"),
                        1,
                        List.of(List.of("occupation", "religious")),
                        true));
    }

    private static void check(JsonNode c, DesignSpec spec) {
        boolean withMissing = c.get("dataset").asString().endsWith("missing");
        Design design = Design.learn(table(c, "train"), withMissing ? spec.withMissing(Missing.SKIP) : spec);
        DesignMatrix matrix = design.apply(table(c, "apply"));

        List<String> patsyNames = strings(c.get("names"));
        boolean intercept = patsyNames.contains("Intercept");
        List<String> expected = new ArrayList<>();
        for (String name : patsyNames) {
            if (!name.equals("Intercept")) {
                expected.add(name.replace(" ** ", "**").replaceAll("C\\((\\w+)\\)", "$1"));
            }
        }
        assertThat(design.intercept()).as("intercept").isEqualTo(intercept);
        assertThat(design.columnNames()).isEqualTo(expected);
        assertThat(matrix.keptRows()).isEqualTo(ints(c.get("kept")));
        assertThat(matrix.dropped())
                .isEqualTo(c.get("apply").size() - c.get("kept").size());
        int offset = intercept ? 1 : 0;
        for (int column = 0; column < expected.size(); column++) {
            assertColumn(matrix, column, c.get("matrix"), column + offset, expected.get(column));
        }
    }

    private static Table table(JsonNode c, String rows) {
        return ReferenceDesigns.table(FIXTURE, c.get("dataset").asString(), c.get(rows), null);
    }

    private static Table select(Table table, String... names) {
        return new Table(
                Stream.of(names).map(name -> table.column(name).orElseThrow()).toList());
    }

    private static JsonNode caseNamed(String name) {
        for (JsonNode c : FIXTURE.get("cases")) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no case " + name);
    }
}
