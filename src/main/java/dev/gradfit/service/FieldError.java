package dev.gradfit.service;

import io.swagger.v3.oas.annotations.media.Schema;

/** One thing wrong with a request: which field, and why. */
@Schema(description = "One thing wrong with a request.")
public record FieldError(
        @Schema(description = "The field, as a path into the body.", example = "y")
        String field,

        @Schema(description = "Why it is wrong.", example = "has 4 values but x has 5 points")
        String reason) {}
