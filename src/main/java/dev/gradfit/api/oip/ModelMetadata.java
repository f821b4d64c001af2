package dev.gradfit.api.oip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The protocol's model metadata: the model's name (its id), versions, platform, inputs and outputs. */
@Schema(name = "OipModelMetadata", description = "Open Inference Protocol model metadata response.")
public record ModelMetadata(
        @Schema(
                description = "The model's name: its id.",
                example = "1b0c7c4e-0a9e-4d0c-9a43-5b0b8d7f2f61",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,

        @Schema(description = "The versions that may be asked for in a path: a gradfit model has one, \"1\".")
        List<String> versions,

        @Schema(
                description = "The framework: gradfit.",
                example = "gradfit",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String platform,

        @Schema(description = "The inputs: one tensor x of shape [-1, features].")
        List<MetadataTensor> inputs,

        @Schema(
                description =
                        "The outputs: predictions (FP64, [-1]) for a regression model; probabilities (FP64,"
                                + " [-1]) and labels (the model's classes: INT64 for 0 and 1, BYTES for named classes; [-1]) for a model fitted with the logistic loss.")
        List<MetadataTensor> outputs) {}
