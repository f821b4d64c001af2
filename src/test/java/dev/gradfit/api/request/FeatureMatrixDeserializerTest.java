package dev.gradfit.api.request;

import static org.assertj.core.api.Assertions.assertThat;

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
}
