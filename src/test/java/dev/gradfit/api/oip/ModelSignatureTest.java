package dev.gradfit.api.oip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The metadata of a model: its input's shape, its outputs, and the feature names when it has them. */
class ModelSignatureTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void listsTheFeatureNamesAsAParameterOfTheInput() {
        ModelMetadata metadata = new ModelSignature("m", 2, false, List.of("age", "income"), "INT64").metadata();

        MetadataTensor input = metadata.inputs().get(0);
        assertThat(input.shape()).containsExactly(-1L, 2L);
        // A parameter's value is a string, number or boolean in the protocol: the names are joined.
        assertThat(input.parameters()).isEqualTo(Map.of("feature_names", "age,income"));
        assertThat(json.writeValueAsString(input))
                .isEqualTo("{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[-1,2],"
                        + "\"parameters\":{\"feature_names\":\"age,income\"}}");
    }

    @Test
    void leavesParametersOutForUnnamedFeatures() {
        ModelMetadata metadata = new ModelSignature("m", 3, true, null, "INT64").metadata();

        assertThat(json.writeValueAsString(metadata.inputs().get(0)))
                .isEqualTo("{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[-1,3]}");
        assertThat(metadata.outputs()).extracting(MetadataTensor::name).containsExactly("probabilities", "labels");
    }

    @Test
    void listsOneInputPerTableColumnOfAModelFittedFromRows() {
        List<DesignTensors.Input> columns =
                List.of(new DesignTensors.Input("size", "FP64", true), new DesignTensors.Input("city", "BYTES", false));
        ModelMetadata metadata = new ModelSignature(
                        "m", 3, false, List.of("city[T.Paris]", "size", "size_missing"), "INT64", 1, columns)
                .metadata();

        // The columns, not the design's features: no x, no feature_names.
        assertThat(json.writeValueAsString(metadata.inputs()))
                .isEqualTo("[{\"name\":\"size\",\"datatype\":\"FP64\",\"shape\":[-1]},"
                        + "{\"name\":\"city\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        assertThat(metadata.outputs()).extracting(MetadataTensor::name).containsExactly("predictions");
    }
}
