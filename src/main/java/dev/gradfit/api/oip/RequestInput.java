package dev.gradfit.api.oip;

import dev.gradfit.formats.oip.ScalarParametersDeserializer;
import dev.gradfit.formats.oip.TensorData;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/** One input tensor of an inference request. */
@Schema(name = "OipRequestInput", description = "Open Inference Protocol request input.")
public record RequestInput(
        @NotNull
        @Schema(
                description = "The tensor's name: a feature's, or any; for a model fitted from rows, the column's.",
                example = "x",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,

        @NotNull
        @Schema(
                description = "The tensor's shape; its product is the number of values in data.",
                example = "[3, 1]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<@NotNull Long> shape,

        @NotNull
        @Schema(
                description = "The element type: FP64 (or FP32, INT8 to INT64, UINT8 to UINT64, read as FP64);"
                        + " BYTES (strings) for a text column of a model fitted from rows.",
                example = "FP64",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String datatype,

        @Schema(
                description = "Key/value pairs for this input; ignored. Values are numbers, strings,"
                        + " booleans or null, at most 64 of them.")
        @JsonDeserialize(using = ScalarParametersDeserializer.class)
        Map<String, Object> parameters,

        @NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        TensorData data) {}
