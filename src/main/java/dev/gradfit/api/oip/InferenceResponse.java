package dev.gradfit.api.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The protocol's inference response: the model, the request's id, and the output tensors. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "OipInferenceResponse", description = "Open Inference Protocol inference response.")
public record InferenceResponse(
        @JsonProperty("model_name")
        @Schema(
                description = "The model's name: its id.",
                example = "1b0c7c4e-0a9e-4d0c-9a43-5b0b8d7f2f61",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String modelName,

        @JsonProperty("model_version")
        @Schema(description = "The model's version, \"1\"; present when the path named a version.", example = "1")
        String modelVersion,

        @Schema(description = "The request's id; absent when the request had none.", example = "42")
        String id,

        @Schema(
                description = "The outputs asked for, or all of the model's outputs.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<ResponseOutput> outputs) {}
