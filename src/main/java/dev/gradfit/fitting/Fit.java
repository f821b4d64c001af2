package dev.gradfit.fitting;

import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;

/**
 * Everything a fit produces.
 *
 * @param hyperparameters the effective settings: the request's, with the time budget the fit ran under
 * @param result the weights, cost history and why the fit stopped
 * @param diagnostics goodness of fit, the exact solution of the same objective, and the optimality gap
 * @param predictor what the fitted model answers for new points
 */
public record Fit(Hyperparameters hyperparameters, FitResult result, FitDiagnostics diagnostics, Predictor predictor) {}
