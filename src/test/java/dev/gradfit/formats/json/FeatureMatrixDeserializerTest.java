package dev.gradfit.formats.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.formats.FeatureMatrix;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

class FeatureMatrixDeserializerTest {

    private final JsonMapper json = JsonMapper.builder()
            .addModule(new SimpleModule().addDeserializer(FeatureMatrix.class, new FeatureMatrixDeserializer()))
            .build();

    @Test
    void readsEveryNumberAsTheNearestDouble() {
        // Hard cases for a decimal parser: halfway cases, the smallest normal and subnormal doubles,
        // an integer beyond 2^53, and long mantissas. Double.parseDouble is the reference (correctly
        // rounded by its specification), so the values must be identical, not close.
        String[] literals = {
            "0.1",
            "1e23",
            "9007199254740993",
            "2.2250738585072011e-308",
            "4.9e-324",
            "1.7976931348623157e308",
            "-0.0",
            "123456789012345678901234567890",
            "0.30000000000000004",
            "3.141592653589793238462643383279",
            "7",
            "-12",
            "1E-5",
            "2.5e+3"
        };

        FeatureMatrix matrix = json.readValue("[" + String.join(",", literals) + "]", FeatureMatrix.class);

        assertThat(matrix.rows()).isEqualTo(literals.length);
        for (int i = 0; i < literals.length; i++) {
            assertThat(Double.doubleToRawLongBits(matrix.values()[i]))
                    .as(literals[i])
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(literals[i])));
        }
    }

    @Test
    void readsRowsRowMajor() {
        FeatureMatrix matrix = json.readValue("[[1.5, 2], [3, -4e-1]]", FeatureMatrix.class);

        assertThat(matrix.columns()).isEqualTo(2);
        assertThat(matrix.values()).containsExactly(1.5, 2, 3, -0.4);
    }

    @Test
    void readsRowsKeyedByNameInTheOrderOfTheFirstRow() {
        FeatureMatrix matrix =
                json.readValue("[{\"size\": 3, \"rooms\": 2}, {\"rooms\": 5, \"size\": -1.5}]", FeatureMatrix.class);

        assertThat(matrix.names()).containsExactly("size", "rooms");
        assertThat(matrix.rows()).isEqualTo(2);
        assertThat(matrix.values()).containsExactly(3, 2, -1.5, 5);
    }

    @Test
    void growsItsArrayForManyNamedRows() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"b\": ")
                    .append(i)
                    .append(", \"a\": ")
                    .append(-i)
                    .append('}');
        }
        FeatureMatrix matrix = json.readValue(body.append(']').toString(), FeatureMatrix.class);

        assertThat(matrix.values()).hasSize(2000);
        assertThat(matrix.values()[1998]).isEqualTo(999);
        assertThat(matrix.values()[1999]).isEqualTo(-999);
    }

    @Test
    void namesTheRowAndKeyOfABadNamedRow() {
        String[][] cases = {
            {"[{\"a\": 1, \"b\": 2}, {\"a\": 1}]", "[1].b", "is missing"},
            {"[{\"a\": 1}, {\"a\": 1, \"c\": 2}]", "[1].c", "is not a key of row 0"},
            {"[{\"a\": 1, \"a\": 2}]", "[0].a", "appears twice"},
            {"[{\"a\": 1}, {\"a\": 1, \"a\": 2}]", "[1].a", "appears twice"},
            {"[{\"a\": 1}, [1]]", "", "row 1 must be an object"},
            {"[{}]", "", "row 0 is empty"},
            {"[{\"a\": null}]", "[0].a", "must be a number, not null"},
            {"[{\"a\": 1e400}]", "[0].a", "must be a finite number"}
        };
        for (String[] each : cases) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> json.readValue(each[0], FeatureMatrix.class))
                    .as(each[0])
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(path(e)).as(each[0]).isEqualTo(each[1]);
                        assertThat(e.getOriginalMessage()).as(each[0]).contains(each[2]);
                    });
        }
    }

    /** The path as the problem's field shows it, after the field's name. */
    private static String path(InvalidValueException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            path.append(
                    reference.getPropertyName() != null
                            ? "." + reference.getPropertyName()
                            : "[" + reference.getIndex() + "]");
        }
        return path.toString();
    }
}
