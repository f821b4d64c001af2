package dev.gradfit.api.response;

import dev.gradfit.api.request.WeightsBody;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import io.swagger.v3.oas.annotations.media.Schema;

/** The exact minimiser of the objective the fit descended, or why there is none. */
@Schema(
        description = "The exact minimiser of the same objective (same data, sample weights, loss, l2, intercept"
                + " setting and standardization), found by a direct method: Householder QR for the squared loss,"
                + " coordinate descent for the squared loss with l1, Newton's method (IRLS) for the logistic loss."
                + " weights and cost are null when there is none (l1 with the logistic loss, other losses,"
                + " collinear features, separable classes, too large), and note says why.")
record ReferenceBody(
        @Schema(
                description = "HOUSEHOLDER_QR, COORDINATE_DESCENT or NEWTON_IRLS; null when no method applies.",
                nullable = true)
        String method,

        @Schema(
                description = "The minimiser, in the original units; null when there is none.",
                oneOf = WeightsBody.class,
                nullable = true)
        WeightsBody weights,

        @Schema(description = "The objective at the minimiser, regularization included.", nullable = true)
        Double cost,

        @Schema(
                description = "Why there is no minimiser; beside one, what to know of it (a feature that is"
                        + " constant, or varies only at the level of rounding, is treated as constant); null when"
                        + " there is nothing to say.",
                nullable = true)
        String note) {

    static ReferenceBody of(ExactSolution reference) {
        return new ReferenceBody(
                reference.method() == null ? null : reference.method().name(),
                reference.available() ? WeightsBody.of(reference.weights()) : null,
                Numbers.finiteOrNull(reference.cost()),
                reference.note());
    }
}
