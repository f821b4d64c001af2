package dev.gradfit.api.oip;

import dev.gradfit.formats.oip.CappedListDeserializer;
import dev.gradfit.formats.oip.ScalarParametersDeserializer;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/** The protocol's inference request: input tensors, and optionally which outputs to return. */
@Schema(name = "OipInferenceRequest", description = "Open Inference Protocol inference request.")
public record InferenceRequest(
        @Schema(description = "An identifier for this request, returned as the response's id.", example = "42")
        String id,

        @Schema(
                description = "Key/value pairs for this request. gradfit reads one, threshold (logistic models"
                        + " only, 0 < threshold < 1, 0.5 unless given): a row is labelled 1 when its probability"
                        + " is at least threshold. Others are ignored. Values are numbers, strings, booleans or"
                        + " null, at most 64 of them.")
        @JsonDeserialize(using = ScalarParametersDeserializer.class)
        Map<String, Object> parameters,

        @NotEmpty
        @Valid
        @Schema(
                description = "The features: one tensor of shape [rows, features] (or [rows] for a one-feature"
                        + " model), or one tensor per feature of shape [rows] or [rows, 1]: by name when every"
                        + " tensor is named after a feature of the model, in column order when none is (some"
                        + " named after features and others not is a 400). For a model fitted from rows: one tensor"
                        + " per table column it reads, named as the column, [rows] or [rows, 1], FP64 or BYTES"
                        + " (strings) as its metadata says, null for a missing cell. At most 4096 tensors.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @JsonDeserialize(using = InferenceRequest.Inputs.class)
        List<@NotNull @Valid RequestInput> inputs,

        @Valid
        @Schema(description = "The outputs to return, by name; all of the model's outputs when absent. At most 16.")
        @JsonDeserialize(using = InferenceRequest.Outputs.class)
        List<@NotNull @Valid RequestOutput> outputs) {

    /**
     * The most input tensors a request holds: one per feature or column of the widest model worth serving, yet few
     * enough that a request of tiny tensors is refused before it is built.
     */
    public static final int MAX_INPUTS = 4096;

    /** The most outputs a request names; a model has at most three. */
    public static final int MAX_OUTPUTS = 16;

    /** {@code inputs}, refused once more than {@link #MAX_INPUTS} tensors arrive. */
    static final class Inputs extends CappedListDeserializer<RequestInput> {
        Inputs() {
            super(RequestInput.class, MAX_INPUTS, "tensors");
        }
    }

    /** {@code outputs}, refused once more than {@link #MAX_OUTPUTS} arrive. */
    static final class Outputs extends CappedListDeserializer<RequestOutput> {
        Outputs() {
            super(RequestOutput.class, MAX_OUTPUTS, "outputs");
        }
    }
}
