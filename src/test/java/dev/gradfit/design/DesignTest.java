package dev.gradfit.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Learning and applying designs on small tables whose answers can be written down by hand. */
class DesignTest {

    private static final Table HOUSES = Table.of(
            NumericColumn.of("size", 50.0, 80.0, null, 120.0),
            TextColumn.of("city", "Paris", "Lyon", "Paris", null),
            NumericColumn.of("rooms", 2.0, 3.0, 3.0, 5.0));

    private static DesignSpec all(Table table) {
        return DesignSpec.ofColumns(table, Set.of(), 1, List.of(), true);
    }

    @Test
    void refusesAMissingCellByDefaultNamingItsRowAndColumn() {
        DesignException refused = catchThrowableOfType(() -> Design.learn(HOUSES, all(HOUSES)), DesignException.class);

        assertThat(refused.reason()).isEqualTo(DesignException.Reason.MISSING_CELL);
        assertThat(refused.row()).isEqualTo(2);
        assertThat(refused.column()).isEqualTo("size");
    }

    @Test
    void fillsWithTheMeanAndTheMostFrequentLevel() {
        Design design = Design.learn(HOUSES, all(HOUSES).withMissing(Missing.MEAN));
        DesignMatrix matrix = design.apply(HOUSES);

        assertThat(design.columnNames()).containsExactly("city[T.Paris]", "size", "rooms");
        // size's mean is (50 + 80 + 120) / 3; the most frequent city is Paris (2 of 3).
        assertThat(matrix.values()).containsExactly(1, 50, 2, 0, 80, 3, 1, 250.0 / 3, 3, 1, 120, 5);
    }

    @Test
    void fillsWithAMeanWhoseSumWouldOverflow() {
        Table big = Table.of(NumericColumn.of("x", 1.5e308, 1.6e308, null, 1.0));
        Design design = Design.learn(big, all(big).withMissing(Missing.MEAN));

        // (1.5e308 + 1.6e308 + 1) / 3, a double, though the sum is not.
        assertThat(design.apply(big).values()[2])
                .isCloseTo(1.5e308 / 3 + 1.6e308 / 3, org.assertj.core.data.Percentage.withPercentage(1e-13));
    }

    @Test
    void refusesADesignValueThatOverflowsNamingTheDesignColumnAndTheRow() {
        Table big = Table.of(NumericColumn.of("x", 2.0, 1e120, 3.0));
        Design design = Design.learn(big, DesignSpec.ofColumns(big, Set.of(), 3, List.of(), true));

        for (ThrowingCallable apply : new ThrowingCallable[] {() -> design.apply(big), () -> design.applySparse(big)}) {
            DesignException refused = catchThrowableOfType(apply, DesignException.class);
            assertThat(refused.reason()).isEqualTo(DesignException.Reason.NOT_FINITE);
            assertThat(refused.column()).isEqualTo("I(x**3)");
            assertThat(refused.row()).isEqualTo(1);
        }
    }

    @Test
    void addsAnIndicatorForEachColumnThatHadAMissingCell() {
        Design design = Design.learn(HOUSES, all(HOUSES).withMissing(Missing.INDICATOR));

        assertThat(design.columnNames())
                .containsExactly("city[T.Paris]", "size", "rooms", "size_missing", "city_missing");
        assertThat(design.apply(HOUSES).values())
                .containsExactly(1, 50, 2, 0, 0, 0, 80, 3, 0, 0, 1, 250.0 / 3, 3, 1, 0, 1, 120, 5, 0, 1);
    }

    @Test
    void skipsRowsWithAMissingCellAndSaysWhichWereKept() {
        Design design = Design.learn(HOUSES, all(HOUSES).withMissing(Missing.SKIP));
        DesignMatrix matrix = design.apply(HOUSES);

        assertThat(matrix.keptRows()).containsExactly(0, 1);
        assertThat(matrix.dropped()).isEqualTo(2);
        assertThat(matrix.values()).containsExactly(1, 50, 2, 0, 80, 3);
        assertThat(matrix.keep(new double[] {10, 11, 12, 13})).containsExactly(10, 11);
    }

    @Test
    void refusesAnUnseenLevelNamingItsRowColumnAndLevel() {
        Design design = Design.learn(HOUSES, all(HOUSES).withMissing(Missing.MEAN));
        Table later = Table.of(
                NumericColumn.of("size", 60.0, 70.0),
                TextColumn.of("city", "Lyon", "Nice"),
                NumericColumn.of("rooms", 2.0, 2.0));

        DesignException refused = catchThrowableOfType(() -> design.apply(later), DesignException.class);

        assertThat(refused.reason()).isEqualTo(DesignException.Reason.UNKNOWN_LEVEL);
        assertThat(refused.row()).isEqualTo(1);
        assertThat(refused.column()).isEqualTo("city");
        assertThat(refused.level()).isEqualTo("Nice");
    }

    @Test
    void ignoresAnUnseenLevelWithZerosWhenAsked() {
        Design design = Design.learn(
                HOUSES,
                all(HOUSES)
                        .withMissing(Missing.MEAN)
                        .withUnknownLevels(UnknownLevels.IGNORE)
                        .withCoding(Coding.FULL));
        Table later = Table.of(
                NumericColumn.of("size", 60.0, 70.0),
                TextColumn.of("city", "Nice", "Paris"),
                NumericColumn.of("rooms", 2.0, 4.0));

        assertThat(design.columnNames()).containsExactly("city[Lyon]", "city[Paris]", "size", "rooms");
        assertThat(design.apply(later).values()).containsExactly(0, 0, 60, 2, 0, 1, 70, 4);
    }

    @Test
    void sortsLevelsByCodePointWhateverTheOrderOfTheDictionary() {
        Table table = Table.of(new TextColumn("c", new int[] {0, 1, 2, 3}, List.of("b", "a", "B", "é")));

        Design design = Design.learn(table, all(table).withCoding(Coding.FULL));

        assertThat(design.levels("c")).containsExactly("B", "a", "b", "é");
        assertThat(design.apply(table).values()).containsExactly(0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void sortsNumericCodesByValueAndTakesThemAsNumbersOrText() {
        Table codes = Table.of(NumericColumn.of("zone", 10.0, 2.0, 2.5, 2.0));
        Design design = Design.learn(codes, all(codes).withCategorical(Set.of("zone")));

        assertThat(design.columnNames()).containsExactly("zone[T.2.5]", "zone[T.10]");
        Table asText = Table.of(TextColumn.of("zone", "10", "2.5", "2"));
        assertThat(design.apply(asText).values()).containsExactly(0, 1, 1, 0, 0, 0);
    }

    @Test
    void refusesMoreLevelsThanTheLimitNamingTheColumn() {
        Table table = Table.of(TextColumn.of("id", "a", "b", "c"));

        assertThatThrownBy(() -> Design.learn(table, all(table), new DesignLimits(2, 100)))
                .isInstanceOfSatisfying(DesignException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(DesignException.Reason.TOO_MANY_LEVELS);
                    assertThat(refused.column()).isEqualTo("id");
                });
    }

    @Test
    void refusesMoreColumnsThanTheLimitNamingTheTermThatCrossedIt() {
        Table table = Table.of(TextColumn.of("a", "x", "y", "z", "w"), TextColumn.of("b", "x", "y", "z", "w"));
        DesignSpec spec = DesignSpec.ofColumns(table, Set.of(), 1, List.of(List.of("a", "b")), true);

        // a and b bring 3 columns each, a:b 9 more.
        assertThat(Design.learn(table, spec, new DesignLimits(10, 15)).columns())
                .isEqualTo(15);
        assertThatThrownBy(() -> Design.learn(table, spec, new DesignLimits(10, 14)))
                .isInstanceOfSatisfying(DesignException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(DesignException.Reason.TOO_MANY_COLUMNS);
                    assertThat(refused.column()).isEqualTo("a:b");
                });
    }

    @Test
    void refusesTextWhereItNeedsNumbers() {
        DesignSpec powers = DesignSpec.of(List.of(Term.of(Factor.power("city", 2))), true);
        assertThatThrownBy(() -> Design.learn(HOUSES, powers))
                .isInstanceOfSatisfying(DesignException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(DesignException.Reason.NOT_NUMERIC);
                    assertThat(refused.column()).isEqualTo("city");
                });

        Table sizes = Table.of(NumericColumn.of("size", 1.0, 2.0));
        Design design = Design.learn(sizes, all(sizes));
        assertThatThrownBy(() -> design.apply(Table.of(TextColumn.of("size", "big"))))
                .isInstanceOfSatisfying(
                        DesignException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(DesignException.Reason.NOT_NUMERIC));
    }

    @Test
    void refusesAbsentColumnsAtLearningAndAtPrediction() {
        assertThatThrownBy(() -> Design.learn(HOUSES, DesignSpec.of(List.of(Term.of("age")), true)))
                .isInstanceOfSatisfying(DesignException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(DesignException.Reason.UNKNOWN_COLUMN);
                    assertThat(refused.column()).isEqualTo("age");
                });
        Design design = Design.learn(HOUSES, all(HOUSES).withMissing(Missing.MEAN));
        assertThatThrownBy(() -> design.apply(Table.of(NumericColumn.of("size", 1.0))))
                .isInstanceOfSatisfying(
                        DesignException.class,
                        refused -> assertThat(refused.column()).isEqualTo("city"));
    }

    @Test
    void refusesTwoColumnsOfTheSameName() {
        Table table = Table.of(NumericColumn.of("x", 1.0, null), NumericColumn.of("x_missing", 0.0, 1.0));

        assertThatThrownBy(() -> Design.learn(table, all(table).withMissing(Missing.INDICATOR)))
                .isInstanceOfSatisfying(DesignException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(DesignException.Reason.DUPLICATE_NAME);
                    assertThat(refused.column()).isEqualTo("x_missing");
                });
    }

    @Test
    void learnsLevelsFromTheKeptRowsOnly() {
        Table table = Table.of(NumericColumn.of("x", 1.0, 2.0, null, 4.0), TextColumn.of("c", "a", "b", "z", "a"));
        Design design = Design.learn(table, all(table).withMissing(Missing.SKIP));

        // Level z is only in the dropped row: a column for it would be all zeros, which the fitter refuses.
        assertThat(design.columnNames()).containsExactly("c[T.b]", "x");
        assertThat(design.apply(table).values()).containsExactly(0, 1, 1, 2, 0, 4);
    }
}
