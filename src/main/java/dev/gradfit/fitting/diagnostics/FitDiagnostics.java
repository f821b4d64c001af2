package dev.gradfit.fitting.diagnostics;

/**
 * What a fit achieved: how well the model describes the data, the exact minimiser of the same objective,
 * and how far above it descent stopped.
 *
 * @param metrics goodness of fit on all the rows given (held-out rows included)
 * @param reference the exact minimiser, or why there is none
 * @param optimalityGap the fit's final cost minus the reference's cost, both the objective descent
 *     minimised (on the training rows, regularization included); NaN without a reference. Never
 *     meaningfully negative: both costs are computed to about 1e-12 of themselves, and within that it can come out below 0
 */
public record FitDiagnostics(GoodnessOfFit metrics, ExactSolution reference, double optimalityGap) {}
