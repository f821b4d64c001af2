package dev.gradfit.api.oip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One output tensor of an inference response; {@code data} is a {@code double[]} or an {@code int[]}. */
@Schema(name = "OipResponseOutput", description = "Open Inference Protocol response output.")
public record ResponseOutput(
        @Schema(
                description = "The output's name.",
                example = "predictions",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,

        @Schema(
                description =
                        "FP64 for predictions and probabilities; for labels INT64 (whole-number classes), FP64 (other"
                                + " numbers) or BYTES (named classes, as strings).",
                example = "FP64",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String datatype,

        @Schema(
                description = "[rows]: one value per input row.",
                example = "[3]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<Long> shape,

        // Documented as an array of numbers by OipDocs.
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Object data) {}
