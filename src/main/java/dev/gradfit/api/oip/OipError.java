package dev.gradfit.api.oip;

import io.swagger.v3.oas.annotations.media.Schema;

/** The protocol's error body, the same for every {@code /v2} endpoint. */
@Schema(name = "OipError", description = "Open Inference Protocol error object.")
public record OipError(
        @Schema(
                description = "What went wrong; never quotes the request.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "Invalid request: inputs[0].data has 3 values but its shape holds 2.")
        String error) {}
