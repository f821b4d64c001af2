package dev.gradfit.design;

import static dev.gradfit.design.ReferenceDesigns.assertColumn;
import static dev.gradfit.design.ReferenceDesigns.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.design.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The JSON form of a design equals scikit-learn's ColumnTransformer (OneHotEncoder, SimpleImputer with
 * {@code add_indicator} or a MissingIndicator, PolynomialFeatures) on statsmodels' grunfeld and fair data: fitted on
 * the training rows, applied to the same or later rows, with missing cells and unseen levels.
 *
 * <p>scikit-learn's output names are mapped to gradfit's by the rule in {@code make_fixtures.py}
 * ({@code cat_firm__firm_Chrysler → firm[T.Chrysler]}, {@code miss__missingindicator_value → value_missing}, …), and
 * columns are matched by name: the transformers are listed in scikit-learn's order, gradfit orders as patsy does.
 */
class ScikitLearnReferenceTest {

    private static final JsonNode FIXTURE = ReferenceDesigns.load("sklearn");

    @TestFactory
    Stream<DynamicTest> designsEqualScikitLearnPipelines() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asString(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) {
        JsonNode spec = c.get("spec");
        List<String> columns = strings(spec.get("columns"));
        Table train = ReferenceDesigns.table(FIXTURE, c.get("dataset").asString(), c.get("train"), columns);
        Table apply = ReferenceDesigns.table(FIXTURE, c.get("applyDataset").asString(), c.get("apply"), columns);
        DesignSpec designSpec = ReferenceDesigns.spec(spec, train);

        Design design = Design.learn(train, designSpec);
        DesignMatrix matrix = design.apply(apply);

        List<String> expected = strings(c.get("names"));
        assertThat(design.columnNames()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(matrix.dropped()).isZero();
        for (int theirs = 0; theirs < expected.size(); theirs++) {
            String name = expected.get(theirs);
            assertColumn(matrix, design.columnNames().indexOf(name), c.get("matrix"), theirs, name);
        }
    }
}
