package dev.gradfit.api.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** One input or output of a model as its metadata describes it; -1 is a dimension of any size. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "OipMetadataTensor", description = "Open Inference Protocol tensor metadata.")
public record MetadataTensor(
        @Schema(
                description = "The tensor's name: x, or a table column of a model fitted from rows.",
                example = "x",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,

        @Schema(
                description =
                        "The element type: FP64 for features, predictions and probabilities; for labels INT64 (whole-number"
                                + " classes such as 0 and 1), FP64 (other numbers) or BYTES (named classes); for a column of"
                                + " a model fitted from rows FP64 (numbers) or BYTES (levels, as strings).",
                example = "FP64",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String datatype,

        @Schema(
                description = "The shape; -1 for the number of rows, which any request chooses.",
                example = "[-1, 1]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<Long> shape,

        @Schema(
                description = "Optional key/value pairs about the tensor (string, number or boolean values);"
                        + " omitted when there are none.")
        Map<String, Object> parameters) {

    MetadataTensor(String name, String datatype, List<Long> shape) {
        this(name, datatype, shape, Map.of());
    }
}
