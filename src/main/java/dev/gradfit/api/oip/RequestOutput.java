package dev.gradfit.api.oip;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** One output an inference request asks for. */
@Schema(name = "OipRequestOutput", description = "Open Inference Protocol request output.")
public record RequestOutput(
        @NotNull
        @Schema(
                description = "The output's name: predictions, or probabilities or labels for a logistic model.",
                example = "predictions",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,

        @Schema(description = "Key/value pairs for this output; ignored.")
        Map<String, Object> parameters) {}
