package dev.gradfit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedColumnsTest {

    private static final List<String> MODEL = List.of("size", "rooms", "floor");

    @Test
    void putsEveryRowInTheOrderOfTheModelsNames() {
        double[] points = {2, 30, 1, 3, 40, 0};

        List<FieldError> errors = NamedColumns.reorder("x", points, List.of("rooms", "size", "floor"), MODEL);

        assertThat(errors).isEmpty();
        assertThat(points).containsExactly(30, 2, 1, 40, 3, 0);
    }

    @Test
    void namesEveryUnknownAndMissingName() {
        List<FieldError> errors = NamedColumns.reorder("x", new double[] {1, 2}, List.of("size", "<script>"), MODEL);

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly("x[0].(an unusual name)", "x[0].rooms", "x[0].floor");
    }

    @Test
    void refusesNamesForAModelWithout() {
        assertThat(NamedColumns.reorder("x", new double[] {1}, List.of("size"), null))
                .singleElement()
                .extracting(FieldError::reason)
                .asString()
                .contains("the model has no feature names");
    }

    @Test
    void putsValuesInTheOrderOfOtherNamesForTheSameFeatures() {
        double[] ordered = NamedColumns.inOrderOf(new double[] {3, 2, 1}, MODEL, List.of("floor", "size", "rooms"));

        assertThat(ordered).containsExactly(1, 3, 2);
    }

    @Test
    void saysWhichNamesAreUnknownAndWhichAreMissing() {
        assertThat(NamedColumns.difference(List.of("floor", "rooms", "size"), MODEL))
                .isNull();
        assertThat(NamedColumns.difference(List.of("size", "rooms", "area"), MODEL))
                .isEqualTo("\"area\" is not one of them and \"floor\" is missing");
        assertThat(NamedColumns.difference(List.of("size", "<b>", "area"), MODEL))
                .isEqualTo("(an unusual name), \"area\" are not among them and \"rooms\", \"floor\" are missing");
    }
}
