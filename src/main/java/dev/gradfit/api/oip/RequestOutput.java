package dev.gradfit.api.oip;

import dev.gradfit.formats.oip.ScalarParametersDeserializer;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/** One output an inference request asks for. */
@Schema(name = "OipRequestOutput", description = "Open Inference Protocol request output.")
public record RequestOutput(
        @NotNull
        @Schema(
                description = "The output's name: predictions, or probabilities or labels for a logistic model.",
                example = "predictions",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String name,

        @Schema(
                description = "Key/value pairs for this output; ignored. Values are numbers, strings,"
                        + " booleans or null, at most 64 of them.")
        @JsonDeserialize(using = ScalarParametersDeserializer.class)
        Map<String, Object> parameters) {}
