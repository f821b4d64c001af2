package dev.gradfit.api;

import dev.gradfit.fitting.Hyperparameters;
import io.swagger.v3.oas.annotations.media.Schema;

/** The settings a fit actually ran with, defaults filled in. */
@Schema(description = "The effective settings of the fit, defaults filled in.")
record HyperparametersBody(double learningRate, int epochs, WeightsBody initialWeights, boolean standardize) {

    static HyperparametersBody of(Hyperparameters hyperparameters, int features, boolean standardize) {
        return new HyperparametersBody(
                hyperparameters.learningRate(),
                hyperparameters.epochs(),
                WeightsBody.of(hyperparameters.startFor(features)),
                standardize);
    }
}
