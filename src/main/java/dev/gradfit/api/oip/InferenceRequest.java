package dev.gradfit.api.oip;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** The protocol's inference request: input tensors, and optionally which outputs to return. */
@Schema(name = "OipInferenceRequest", description = "Open Inference Protocol inference request.")
public record InferenceRequest(
        @Schema(description = "An identifier for this request, returned as the response's id.", example = "42")
        String id,

        @Schema(
                description = "Key/value pairs for this request. gradfit reads one, threshold (logistic models"
                        + " only, 0 < threshold < 1, 0.5 unless given): a row is labelled 1 when its probability"
                        + " is at least threshold. Others are ignored.")
        Map<String, Object> parameters,

        @NotEmpty
        @Valid
        @Schema(
                description = "The features: one tensor of shape [rows, features] (or [rows] for a one-feature"
                        + " model), or one tensor per feature of shape [rows] or [rows, 1]: by name when every"
                        + " tensor is named after a feature of the model, in column order when none is (some"
                        + " named after features and others not is a 400). For a model fitted from rows: one tensor"
                        + " per table column it reads, named as the column, [rows] or [rows, 1], FP64 or BYTES"
                        + " (strings) as its metadata says, null for a missing cell.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<@NotNull @Valid RequestInput> inputs,

        @Valid @Schema(description = "The outputs to return, by name; all of the model's outputs when absent.")
        List<@NotNull @Valid RequestOutput> outputs) {}
