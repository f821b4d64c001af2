package dev.gradfit.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The encoding of a design. {@code design-v1.bin} was written once by version 1 of the encoding (from the table of
 * {@link #TRAINING} and the spec of {@link #spec}) and is never rewritten: a design a store kept must still read.
 */
class DesignCodecTest {

    private static final Table TRAINING = Table.of(
            NumericColumn.of("size", 50.0, 80.0, null, 120.0, 64.5),
            TextColumn.of("city", "Paris", "Lyon", "Paris", null, "Nice"),
            NumericColumn.of("zone", 2.0, 1.0, 2.0, 3.0, 1.0));

    private static final Table LATER = Table.of(
            NumericColumn.of("size", null, 100.0),
            TextColumn.of("city", "Rome", null),
            NumericColumn.of("zone", 3.0, 1.0));

    private static DesignSpec spec() {
        return DesignSpec.ofColumns(TRAINING, Set.of("zone"), 2, List.of(List.of("size", "city")), true)
                .withMissing(Missing.INDICATOR)
                .withUnknownLevels(UnknownLevels.IGNORE);
    }

    @Test
    void readsTheFirstVersionAndPredictsAsItWasLearned() throws IOException {
        Design design = Design.read(new DataInputStream(new ByteArrayInputStream(savedVersion1())));

        assertThat(design.columnNames())
                .containsExactly(
                        "city[T.Nice]",
                        "city[T.Paris]",
                        "zone[T.2]",
                        "zone[T.3]",
                        "size",
                        "size:city[T.Nice]",
                        "size:city[T.Paris]",
                        "I(size**2)",
                        "size_missing",
                        "city_missing");
        assertThat(design.intercept()).isTrue();
        assertThat(design.missing()).isEqualTo(Missing.INDICATOR);
        assertThat(design.unknownLevels()).isEqualTo(UnknownLevels.IGNORE);
        // Row 0: size missing (mean (50 + 80 + 120 + 64.5) / 4 = 78.625), Rome unseen and ignored, zone 3.
        // Row 1: city missing (Paris, the most frequent), zone 1 the reference.
        double mean = 78.625;
        assertThat(design.apply(LATER).values())
                .containsExactly(0, 0, 0, 1, mean, 0, 0, mean * mean, 1, 0, 0, 1, 0, 0, 100, 0, 100, 10000, 0, 1);
    }

    @Test
    void writesTheSameBytesTodayForTheSameDesign() throws IOException {
        assertThat(bytes(Design.learn(TRAINING, spec()))).isEqualTo(savedVersion1());
    }

    @Test
    void roundTripsADesignOfEveryKindOfTerm() throws IOException {
        Design design = Design.learn(
                TRAINING,
                DesignSpec.of(
                                List.of(
                                        Term.of(Factor.categorical("zone"), Factor.of("city")),
                                        Term.of(Factor.power("size", 3), Factor.of("zone"))),
                                false)
                        .withMissing(Missing.MEAN));

        Design read = Design.read(new DataInputStream(new ByteArrayInputStream(bytes(design))));

        assertThat(read.columnNames()).isEqualTo(design.columnNames());
        assertThat(read.intercept()).isFalse();
        assertThat(read.apply(TRAINING).values())
                .isEqualTo(design.apply(TRAINING).values());
        assertThat(bytes(read)).isEqualTo(bytes(design));
    }

    @Test
    void refusesAnUnknownVersionAndCorruptCounts() throws IOException {
        byte[] bytes = savedVersion1();
        byte[] later = bytes.clone();
        later[0] = 2;
        assertThatThrownBy(() -> Design.read(new DataInputStream(new ByteArrayInputStream(later))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> Design.read(new DataInputStream(new ByteArrayInputStream(truncated))))
                .isInstanceOf(IOException.class);
    }

    private static byte[] bytes(Design design) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        design.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static byte[] savedVersion1() throws IOException {
        try (InputStream in = DesignCodecTest.class.getResourceAsStream("design-v1.bin")) {
            return in.readAllBytes();
        }
    }
}
